package io.yielddelta.keeper.core.policy;

/** Why a rebalance is wanted. */
public enum Trigger {
    /** Nothing is placed in the vault's range yet (a fresh vault, or one emptied by withdrawals). */
    NO_POSITION,
    /** The pool tick is outside the range: the position earns nothing. */
    OUT_OF_RANGE,
    /** The tick is within the configured fraction of the width from an edge. */
    NEAR_EDGE,
    /** The tick has moved at least the configured number of ticks from the range centre. */
    TICK_MOVE,
    /** The range is older than the configured maximum age. */
    MAX_AGE,
    /** The scorer judges providing liquidity not worth it now (fees below LVR): leave the pool and hold idle. */
    STAY_OUT
}
