package io.yielddelta.keeper.core.policy;

import io.yielddelta.keeper.core.vault.VaultState;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Each vault scored by the scorer its configuration chose; vaults not named get the default one. */
public final class VaultScorers implements RangeScorer {

    private final Map<String, RangeScorer> byAddress;
    private final RangeScorer fallback;

    /** @param byAddress scorer per vault address (any case) */
    public VaultScorers(Map<String, RangeScorer> byAddress, RangeScorer fallback) {
        this.byAddress = byAddress.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    @Override
    public RangeScore score(VaultState state, Duration horizon) {
        return byAddress.getOrDefault(state.address(), fallback).score(state, horizon);
    }
}
