package io.yielddelta.keeper.core.cycle;

import io.yielddelta.keeper.core.policy.PolicySettings;
import io.yielddelta.keeper.core.vault.VaultKind;
import java.util.Locale;
import java.util.Objects;

/** A configured vault as the cycle sees it. */
public record CycleVault(String name, String address, VaultKind kind, PolicySettings policy) {

    public CycleVault {
        Objects.requireNonNull(name, "name");
        address = Objects.requireNonNull(address, "address").toLowerCase(Locale.ROOT);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(policy, "policy");
    }
}
