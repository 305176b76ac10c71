package io.yielddelta.keeper.core.chain;

/** A rebalance refused before anything was broadcast (signing policy, a revert shown by the gas estimate). */
public class RebalanceRejectedException extends RuntimeException {
    public RebalanceRejectedException(String message, Throwable cause) {
        super(message, cause);
    }

    public RebalanceRejectedException(String message) {
        super(message);
    }
}
