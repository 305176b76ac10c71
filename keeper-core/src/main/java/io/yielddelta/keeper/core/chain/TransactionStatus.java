package io.yielddelta.keeper.core.chain;

import java.util.Objects;

/**
 * Where a submitted transaction (or one of its same-nonce replacements) stands on chain.
 *
 * @param minedHash   the hash that was mined, when {@code state} is CONFIRMED or REVERTED; else null
 * @param blockNumber the block it was mined in, or -1
 */
public record TransactionStatus(State state, String minedHash, long blockNumber) {

    public enum State {
        /** Mined, succeeded, with the configured confirmations. */
        CONFIRMED,
        /** Mined and reverted: the rebalance did not happen. */
        REVERTED,
        /** Known but not mined (or not yet confirmed): the outcome is still open. */
        PENDING,
        /** Its nonce was used by a transaction the keeper did not record for it: this one can never be mined. */
        DROPPED,
        /** Neither the node nor the journal's signed copy could be found on chain: outcome unknown. */
        NOT_FOUND
    }

    public TransactionStatus {
        Objects.requireNonNull(state, "state");
        if ((state == State.CONFIRMED || state == State.REVERTED) && minedHash == null) {
            throw new IllegalArgumentException(state + " needs the mined hash");
        }
    }

    public static TransactionStatus of(State state) {
        return new TransactionStatus(state, null, -1);
    }

    public boolean isFinal() {
        return state == State.CONFIRMED || state == State.REVERTED || state == State.DROPPED;
    }
}
