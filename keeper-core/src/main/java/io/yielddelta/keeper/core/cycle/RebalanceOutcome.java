package io.yielddelta.keeper.core.cycle;

/** Where a rebalance the cycle wanted ended up, as counted by the metrics. */
public enum RebalanceOutcome {
    /** Broadcast to the chain (recorded in the journal first). */
    SUBMITTED,
    /** Mined and confirmed. */
    CONFIRMED,
    /** Mined and reverted. */
    REVERTED,
    /** Its nonce was taken by another transaction: it can never be mined. */
    DROPPED,
    /** Failed before anything was broadcast. */
    NOT_SENT,
    /** Still pending, or its broadcast's outcome is unknown: left open for reconciliation. */
    LEFT_OPEN,
    /** Refused before broadcast: the signing policy, or a gas estimate showing a revert. */
    REFUSED_BEFORE_BROADCAST,
    /** A trigger fired but a safety rail of the policy refused (price off its TWAP, no valid range). */
    REFUSED_BY_POLICY,
    /** Due, but the rebalance gate was closed (trading state, or the vault's hedge down). */
    REFUSED_BY_GATE
}
