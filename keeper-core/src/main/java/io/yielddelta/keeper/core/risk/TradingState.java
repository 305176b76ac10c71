package io.yielddelta.keeper.core.risk;

/** What the keeper may do on the venues right now. */
public enum TradingState {
    /** Every order the limits allow. */
    ACTIVE,
    /** Only orders that shrink an open position; no rebalancing (it would change the delta to hedge). */
    REDUCING,
    /** No new orders at all; cancelling stays allowed. */
    HALTED
}
