package io.yielddelta.keeper.core.vault;

import io.yielddelta.keeper.core.clmm.TickMath;

/**
 * A liquidity range [tickLower, tickUpper): the pool tick is inside when {@code tickLower <= tick < tickUpper},
 * exactly as Uniswap V3 counts a position active.
 */
public record Range(int tickLower, int tickUpper) implements RebalanceTarget {

    public Range {
        if (tickLower >= tickUpper) {
            throw new IllegalArgumentException("tickLower " + tickLower + " must be below tickUpper " + tickUpper);
        }
        if (tickLower < TickMath.MIN_TICK || tickUpper > TickMath.MAX_TICK) {
            throw new IllegalArgumentException("range [" + tickLower + ", " + tickUpper + ") outside the tick bounds");
        }
    }

    public int width() {
        return tickUpper - tickLower;
    }

    /** The middle tick, rounded toward negative infinity. */
    public int centre() {
        return Math.floorDiv(tickLower + tickUpper, 2);
    }

    public boolean contains(int tick) {
        return tick >= tickLower && tick < tickUpper;
    }

    /** Ticks from {@code tick} to the nearer edge; negative when the tick is outside. */
    public int distanceToEdge(int tick) {
        return Math.min(tick - tickLower, tickUpper - 1 - tick);
    }

    public boolean isAlignedTo(int tickSpacing) {
        return tickLower % tickSpacing == 0 && tickUpper % tickSpacing == 0;
    }

    @Override
    public String toString() {
        return "[" + tickLower + ", " + tickUpper + ")";
    }
}
