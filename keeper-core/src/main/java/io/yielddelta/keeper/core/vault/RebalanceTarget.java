package io.yielddelta.keeper.core.vault;

/**
 * Where a rebalance puts the vault's assets: into a {@link Range}, or out of the pool altogether ({@link #IDLE}: the
 * contract burns the position and holds everything as idle balances, under the same guards and signature).
 */
public sealed interface RebalanceTarget permits Range, RebalanceTarget.Idle {

    /** Leave the pool: no position, everything idle. */
    RebalanceTarget IDLE = new Idle();

    /** The target that holds no position; see {@link #IDLE}. */
    record Idle() implements RebalanceTarget {
        @Override
        public String toString() {
            return "idle";
        }
    }
}
