package io.yielddelta.keeper.core.policy;

/** What the policy decided for one vault in one cycle. */
public enum Action {
    /** No trigger fired, or the best range is the current one. */
    HOLD,
    /** Move the vault to a new range. */
    REBALANCE,
    /** A trigger fired but a safety rail forbids acting now (price off its TWAP, no valid range within guards). */
    REFUSE,
    /** The vault cannot be acted on this cycle (paused, cooling down, unreadable, scorer failed). */
    SKIP
}
