package io.yielddelta.keeper.core.backtest;

import io.yielddelta.keeper.core.clmm.LiquidityAmounts;
import io.yielddelta.keeper.core.clmm.SimulatedPool;
import io.yielddelta.keeper.core.clmm.TickMath;
import io.yielddelta.keeper.core.clmm.TokenAmounts;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.RebalanceOrder;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/**
 * The vault contract's bookkeeping on a {@link SimulatedPool}, for backtests: one position plus idle balances, and a
 * {@link #rebalance} that does what {@code YieldDeltaVault.rebalance} does — collect fees, remove the position, swap
 * to re-ratio, put everything that fits into the new range (nothing, for an idle target). Fee income from the
 * backtest's fee model, which the simulated pool alone cannot produce, accrues beside the pool's own (none: the
 * backtest moves the price without fees and the vault's own swaps pay other LPs) and is collected the same way.
 */
final class SimulatedVault {
    private static final BigInteger MAX_UINT128 = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);

    private final String address;
    private final SimulatedPool pool;
    private Range range;
    private BigInteger liquidity = BigInteger.ZERO;
    private BigInteger idle0;
    private BigInteger idle1;
    private BigInteger modelFees0 = BigInteger.ZERO;
    private BigInteger modelFees1 = BigInteger.ZERO;
    private BigInteger collectedFees0 = BigInteger.ZERO;
    private BigInteger collectedFees1 = BigInteger.ZERO;
    private Instant lastRebalance;
    private int rebalances;
    private BigInteger lastSwapIn = BigInteger.ZERO;
    private boolean lastZeroForOne;
    /**
     * The pool's uncollected fees of the position, valid until a swap pays fees or the position changes: the backtest's
     * own moves of the price pay none, and crossing ticks leaves the fee growth inside a range as it was.
     */
    private TokenAmounts poolFees;

    /** @param storedRange the range given to the contract's constructor: stored, not invested until a rebalance */
    SimulatedVault(String address, SimulatedPool pool, Range storedRange, BigInteger deposit0, BigInteger deposit1) {
        this.address = address;
        this.pool = pool;
        this.range = storedRange;
        this.idle0 = deposit0;
        this.idle1 = deposit1;
    }

    String address() {
        return address;
    }

    SimulatedPool pool() {
        return pool;
    }

    Optional<Range> range() {
        return Optional.ofNullable(range);
    }

    BigInteger liquidity() {
        return liquidity;
    }

    BigInteger idle0() {
        return idle0;
    }

    BigInteger idle1() {
        return idle1;
    }

    Optional<Instant> lastRebalance() {
        return Optional.ofNullable(lastRebalance);
    }

    /** Uncollected fees: the pool's (as a zero burn would credit them) plus the fee model's. */
    TokenAmounts feesOwed() {
        TokenAmounts fromPool = poolFees();
        return new TokenAmounts(
                fromPool.amount0().add(modelFees0), fromPool.amount1().add(modelFees1));
    }

    private TokenAmounts poolFees() {
        if (range == null || liquidity.signum() == 0) {
            return TokenAmounts.ZERO;
        }
        if (poolFees == null) {
            // Tokens owed hold only fees here, because every rebalance burns and collects the whole position.
            poolFees = pool.uncollectedFees(address, range.tickLower(), range.tickUpper());
        }
        return poolFees;
    }

    BigInteger modelFees0() {
        return modelFees0;
    }

    BigInteger modelFees1() {
        return modelFees1;
    }

    int rebalances() {
        return rebalances;
    }

    /** The last rebalance's swap input (0 when it did not swap), in the token {@link #lastZeroForOne} names. */
    BigInteger lastSwapIn() {
        return lastSwapIn;
    }

    /** Whether the last rebalance sold token0. */
    boolean lastZeroForOne() {
        return lastZeroForOne;
    }

    /** All fees collected so far, in each token (what the P&amp;L attributes to fees). */
    TokenAmounts collectedFees() {
        return new TokenAmounts(collectedFees0, collectedFees1);
    }

    /** What the position would return if burnt now, without its fees. */
    TokenAmounts positionAmounts() {
        if (range == null || liquidity.signum() == 0) {
            return TokenAmounts.ZERO;
        }
        return LiquidityAmounts.getAmountsForLiquidity(
                pool.sqrtPriceX96(),
                TickMath.getSqrtRatioAtTick(range.tickLower()),
                TickMath.getSqrtRatioAtTick(range.tickUpper()),
                liquidity);
    }

    void accrueModelFees(BigInteger fees0, BigInteger fees1) {
        modelFees0 = modelFees0.add(fees0);
        modelFees1 = modelFees1.add(fees1);
    }

    /**
     * Applies a rebalance as the contract would.
     *
     * @return the swap's output (0 when there was no swap)
     */
    BigInteger rebalance(RebalanceOrder order, Instant blockTime) {
        if (range != null && liquidity.signum() > 0) {
            TokenAmounts principal = pool.burn(address, range.tickLower(), range.tickUpper(), liquidity);
            TokenAmounts all = pool.collect(address, range.tickLower(), range.tickUpper(), MAX_UINT128, MAX_UINT128);
            collectedFees0 = collectedFees0.add(all.amount0().subtract(principal.amount0()));
            collectedFees1 = collectedFees1.add(all.amount1().subtract(principal.amount1()));
            idle0 = idle0.add(all.amount0());
            idle1 = idle1.add(all.amount1());
        }
        collectedFees0 = collectedFees0.add(modelFees0);
        collectedFees1 = collectedFees1.add(modelFees1);
        idle0 = idle0.add(modelFees0);
        idle1 = idle1.add(modelFees1);
        modelFees0 = BigInteger.ZERO;
        modelFees1 = BigInteger.ZERO;

        BigInteger swapOut = BigInteger.ZERO;
        if (order.swapAmountIn().signum() > 0) {
            SimulatedPool.SwapResult swap = pool.swap(
                    order.zeroForOne(),
                    order.swapAmountIn(),
                    order.zeroForOne()
                            ? TickMath.MIN_SQRT_RATIO.add(BigInteger.ONE)
                            : TickMath.MAX_SQRT_RATIO.subtract(BigInteger.ONE));
            idle0 = idle0.subtract(swap.amount0());
            idle1 = idle1.subtract(swap.amount1());
            swapOut = (order.zeroForOne() ? swap.amount1() : swap.amount0()).negate();
        }

        liquidity = BigInteger.ZERO;
        // Leaving the pool keeps the range it left stored, as the contract does: the next entry's move is measured from
        // it.
        if (order.target() instanceof Range target) {
            range = target;
            BigInteger sqrtA = TickMath.getSqrtRatioAtTick(range.tickLower());
            BigInteger sqrtB = TickMath.getSqrtRatioAtTick(range.tickUpper());
            liquidity = LiquidityAmounts.getLiquidityForAmounts(pool.sqrtPriceX96(), sqrtA, sqrtB, idle0, idle1);
            if (liquidity.signum() > 0) {
                TokenAmounts used = pool.mint(address, range.tickLower(), range.tickUpper(), liquidity);
                idle0 = idle0.subtract(used.amount0());
                idle1 = idle1.subtract(used.amount1());
            }
        }
        lastRebalance = blockTime;
        rebalances++;
        lastSwapIn = order.swapAmountIn().signum() > 0 ? order.swapAmountIn() : BigInteger.ZERO;
        lastZeroForOne = order.zeroForOne();
        poolFees = null;
        return swapOut;
    }
}
