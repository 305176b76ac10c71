package io.yielddelta.keeper.core.vault;

import java.util.Objects;

/** What one vault's part of a batched read gave: its state, or why it could not be read (that vault is skipped). */
public sealed interface VaultReading {

    String address();

    record Observed(VaultState state) implements VaultReading {
        public Observed {
            Objects.requireNonNull(state, "state");
        }

        @Override
        public String address() {
            return state.address();
        }
    }

    /** @param reason what failed, safe to log (no secrets, no RPC URLs) */
    record Unreadable(String address, String reason) implements VaultReading {
        public Unreadable {
            address = Objects.requireNonNull(address, "address").toLowerCase(java.util.Locale.ROOT);
            Objects.requireNonNull(reason, "reason");
        }
    }
}
