package io.yielddelta.keeper.core.cycle;

/** Where a journal row stands. Only INTENT and SUBMITTED are open; the others are final. */
public enum JournalStatus {
    /** Hold, refuse or skip: nothing to do on chain. */
    DECIDED,
    /** A rebalance was decided; no transaction was recorded for it yet. */
    INTENT,
    /** Its transaction is recorded (before broadcast); the outcome is not known yet. */
    SUBMITTED,
    /** Mined and succeeded. */
    CONFIRMED,
    /** Reverted, refused before broadcast, replaced by another transaction, or expired unmined. */
    FAILED,
    /** The keeper stopped after the intent and before any transaction was recorded: nothing was sent. */
    ABANDONED;

    public boolean isOpen() {
        return this == INTENT || this == SUBMITTED;
    }
}
