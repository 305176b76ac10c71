package io.yielddelta.keeper.core.vault;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One vault and its pool as read at one block: everything the keeper decides from.
 *
 * @param address        the vault contract, lower-case {@code 0x} hex
 * @param position       the range the vault stores, which its move guard measures from; the contract keeps one from
 *                       construction, a simulated vault has none before its first rebalance
 * @param liquidity      the position's liquidity (uint128); zero while nothing is placed in the range
 * @param sqrtPriceX96   the pool's {@code slot0} square-root price, Q64.96
 * @param tick           the pool's {@code slot0} tick
 * @param twapTick       the arithmetic-mean tick over the vault's TWAP window, as the contract computes it
 * @param tickSpacing    the pool's tick spacing
 * @param idle0          token0 held by the vault outside the position
 * @param idle1          token1 held by the vault outside the position
 * @param fees0          token0 fees earned by the position and not yet collected
 * @param fees1          token1 fees earned by the position and not yet collected
 * @param lastRebalance  when the vault was last rebalanced; empty if never
 * @param paused         the vault refuses rebalances while paused
 * @param guards         the contract's rebalance limits
 * @param blockNumber    the block the state was read at
 * @param blockTime      that block's timestamp: the contract's notion of "now"
 */
public record VaultState(
        String address,
        Optional<Range> position,
        BigInteger liquidity,
        BigInteger sqrtPriceX96,
        int tick,
        int twapTick,
        int tickSpacing,
        BigInteger idle0,
        BigInteger idle1,
        BigInteger fees0,
        BigInteger fees1,
        Optional<Instant> lastRebalance,
        boolean paused,
        VaultGuards guards,
        long blockNumber,
        Instant blockTime) {

    public VaultState {
        address = Objects.requireNonNull(address, "address").toLowerCase(java.util.Locale.ROOT);
        Objects.requireNonNull(position, "position");
        requireNotNegative(liquidity, "liquidity");
        requireNotNegative(sqrtPriceX96, "sqrtPriceX96");
        requireNotNegative(idle0, "idle0");
        requireNotNegative(idle1, "idle1");
        requireNotNegative(fees0, "fees0");
        requireNotNegative(fees1, "fees1");
        Objects.requireNonNull(lastRebalance, "lastRebalance");
        Objects.requireNonNull(guards, "guards");
        Objects.requireNonNull(blockTime, "blockTime");
        if (tickSpacing <= 0) {
            throw new IllegalArgumentException("tickSpacing must be positive");
        }
    }

    /** Whether the vault has liquidity placed in its range. */
    public boolean invested() {
        return position.isPresent() && liquidity.signum() > 0;
    }

    /** Ticks between the pool price and its TWAP. */
    public int twapDeviation() {
        return Math.abs(tick - twapTick);
    }

    private static void requireNotNegative(BigInteger value, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }
}
