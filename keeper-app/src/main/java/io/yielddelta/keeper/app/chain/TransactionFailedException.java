package io.yielddelta.keeper.app.chain;

/**
 * A transaction did not reach a confirmed receipt. {@link Kind} tells the caller what it may do next; messages name
 * the sender, nonce and hashes, never key material.
 */
public final class TransactionFailedException extends RuntimeException {

    public enum Kind {
        /** The node refused it or the gas estimate reverted: nothing was queued; safe to decide again. */
        REJECTED,
        /** The nonce was consumed by a transaction that is not ours (another process with the same key). */
        NONCE_TAKEN,
        /** Sent, but neither confirmed nor known dropped within the timeout: reconcile from the journal's hashes. */
        OUTCOME_UNKNOWN
    }

    private final Kind kind;

    public TransactionFailedException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public TransactionFailedException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
