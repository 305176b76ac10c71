package io.yielddelta.keeper.core.hedge;

import io.yielddelta.keeper.core.clmm.LiquidityAmounts;
import io.yielddelta.keeper.core.clmm.PositionAnalytics;
import io.yielddelta.keeper.core.clmm.TickMath;
import io.yielddelta.keeper.core.clmm.TokenAmounts;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A vault's concentrated-liquidity position seen from the hedge: which pool token is the hedged base asset, and the
 * tokens' decimals. Prices here are human base prices (quote per whole base token), as venues quote them.
 *
 * <p>The position's delta in base units is exactly the base token it holds (dV/dP = x, see {@link PositionAnalytics}),
 * computed with the pool's own rounding by {@link LiquidityAmounts#getAmountsForLiquidity}.
 */
public record LiquidityPosition(
        BigInteger liquidity, int tickLower, int tickUpper, boolean baseIsToken0, int decimals0, int decimals1) {
    private static final MathContext SQRT = new MathContext(50, RoundingMode.HALF_EVEN);
    private static final BigDecimal Q96 = new BigDecimal(BigInteger.ONE.shiftLeft(96));
    /** Relative price step of the central difference that estimates gamma. */
    private static final double GAMMA_STEP = 1e-4;

    public LiquidityPosition {
        Objects.requireNonNull(liquidity, "liquidity");
        if (liquidity.signum() < 0) {
            throw new IllegalArgumentException("liquidity must not be negative");
        }
        if (tickLower >= tickUpper || tickLower < TickMath.MIN_TICK || tickUpper > TickMath.MAX_TICK) {
            throw new IllegalArgumentException("bad range [" + tickLower + ", " + tickUpper + ")");
        }
        if (decimals0 < 0 || decimals1 < 0) {
            throw new IllegalArgumentException("decimals must not be negative");
        }
    }

    /** The pool's Q64.96 square-root price for a human base price, clamped to the pool's price bounds. */
    public BigInteger sqrtPriceX96(BigDecimal basePrice) {
        if (basePrice.signum() <= 0) {
            throw new IllegalArgumentException("base price must be positive, was " + basePrice);
        }
        BigDecimal rawPrice = baseIsToken0
                ? basePrice.scaleByPowerOfTen(decimals1 - decimals0)
                : BigDecimal.ONE.scaleByPowerOfTen(decimals1 - decimals0).divide(basePrice, SQRT);
        BigInteger sqrt = rawPrice.sqrt(SQRT).multiply(Q96).toBigInteger();
        return sqrt.max(TickMath.MIN_SQRT_RATIO).min(TickMath.MAX_SQRT_RATIO.subtract(BigInteger.ONE));
    }

    /** Raw token amounts the position is worth at a pool price, rounded down like the pool. */
    public TokenAmounts amounts(BigInteger sqrtPriceX96) {
        return LiquidityAmounts.getAmountsForLiquidity(
                sqrtPriceX96,
                TickMath.getSqrtRatioAtTick(tickLower),
                TickMath.getSqrtRatioAtTick(tickUpper),
                liquidity);
    }

    /** Base held (= the position's delta) in whole base tokens at a pool price. */
    public BigDecimal baseHeld(BigInteger sqrtPriceX96) {
        TokenAmounts amounts = amounts(sqrtPriceX96);
        return baseIsToken0
                ? new BigDecimal(amounts.amount0(), decimals0)
                : new BigDecimal(amounts.amount1(), decimals1);
    }

    /** Quote held in whole quote tokens at a pool price. */
    public BigDecimal quoteHeld(BigInteger sqrtPriceX96) {
        TokenAmounts amounts = amounts(sqrtPriceX96);
        return baseIsToken0
                ? new BigDecimal(amounts.amount1(), decimals1)
                : new BigDecimal(amounts.amount0(), decimals0);
    }

    /**
     * d(delta)/d(base price) in base tokens per unit of quote price: negative in range, zero outside. An analytic
     * figure in double (central difference of the closed-form holdings), used to size bands, never orders.
     */
    public double gamma(double basePrice) {
        PositionAnalytics analytics = new PositionAnalytics(liquidity.doubleValue(), tickLower, tickUpper);
        double step = basePrice * GAMMA_STEP;
        return (baseAt(analytics, basePrice + step) - baseAt(analytics, basePrice - step)) / (2 * step);
    }

    private double baseAt(PositionAnalytics analytics, double basePrice) {
        double rawPrice = baseIsToken0
                ? PositionAnalytics.rawPrice(basePrice, decimals0, decimals1)
                : PositionAnalytics.rawPrice(1 / basePrice, decimals0, decimals1);
        return baseIsToken0
                ? analytics.amount0(rawPrice) / Math.pow(10, decimals0)
                : analytics.amount1(rawPrice) / Math.pow(10, decimals1);
    }
}
