package io.yielddelta.keeper.core.clmm;

import static io.yielddelta.keeper.core.clmm.FullMath.mulDivUnchecked;
import static io.yielddelta.keeper.core.clmm.Uint.requireUint;

import java.math.BigInteger;

/**
 * Port of v3-periphery {@code LiquidityAmounts}: the liquidity a pair of token amounts buys in a price range, and the
 * amounts a liquidity is worth there. Everything rounds down, as the position manager does before the pool rounds
 * the amounts it pulls up: so the amounts for the liquidity of some amounts never exceed those amounts.
 */
public final class LiquidityAmounts {
    private LiquidityAmounts() {}

    /** amount0 · (√a·√b) / (√b − √a); reverts if the liquidity does not fit in uint128. */
    public static BigInteger getLiquidityForAmount0(
            BigInteger sqrtRatioAX96, BigInteger sqrtRatioBX96, BigInteger amount0) {
        BigInteger lower =
                requireUint(sqrtRatioAX96, 160, "sqrtRatioAX96").min(requireUint(sqrtRatioBX96, 160, "sqrtRatioBX96"));
        BigInteger upper = sqrtRatioAX96.max(sqrtRatioBX96);
        requireUint(amount0, 256, "amount0");
        BigInteger intermediate = FullMath.mulShift96(lower, upper);
        return toUint128(mulDivUnchecked(amount0, intermediate, upper.subtract(lower)));
    }

    /** amount1 / (√b − √a); reverts if the liquidity does not fit in uint128. */
    public static BigInteger getLiquidityForAmount1(
            BigInteger sqrtRatioAX96, BigInteger sqrtRatioBX96, BigInteger amount1) {
        BigInteger difference = requireUint(sqrtRatioAX96, 160, "sqrtRatioAX96")
                .subtract(requireUint(sqrtRatioBX96, 160, "sqrtRatioBX96"))
                .abs();
        requireUint(amount1, 256, "amount1");
        return toUint128(mulDivUnchecked(amount1, Uint.Q96, difference));
    }

    /** The most liquidity that {@code amount0} and {@code amount1} can back in [√a, √b] at price √P. */
    public static BigInteger getLiquidityForAmounts(
            BigInteger sqrtRatioX96,
            BigInteger sqrtRatioAX96,
            BigInteger sqrtRatioBX96,
            BigInteger amount0,
            BigInteger amount1) {
        requireUint(sqrtRatioX96, 160, "sqrtRatioX96");
        BigInteger lower =
                requireUint(sqrtRatioAX96, 160, "sqrtRatioAX96").min(requireUint(sqrtRatioBX96, 160, "sqrtRatioBX96"));
        BigInteger upper = sqrtRatioAX96.max(sqrtRatioBX96);
        if (sqrtRatioX96.compareTo(lower) <= 0) {
            return getLiquidityForAmount0(lower, upper, amount0);
        }
        if (sqrtRatioX96.compareTo(upper) < 0) {
            BigInteger liquidity0 = getLiquidityForAmount0(sqrtRatioX96, upper, amount0);
            BigInteger liquidity1 = getLiquidityForAmount1(lower, sqrtRatioX96, amount1);
            return liquidity0.min(liquidity1);
        }
        return getLiquidityForAmount1(lower, upper, amount1);
    }

    /** Token0 that {@code liquidity} is worth across [√a, √b], rounded down. */
    public static BigInteger getAmount0ForLiquidity(
            BigInteger sqrtRatioAX96, BigInteger sqrtRatioBX96, BigInteger liquidity) {
        BigInteger lower =
                requireUint(sqrtRatioAX96, 160, "sqrtRatioAX96").min(requireUint(sqrtRatioBX96, 160, "sqrtRatioBX96"));
        BigInteger upper = sqrtRatioAX96.max(sqrtRatioBX96);
        requireUint(liquidity, 128, "liquidity");
        if (lower.signum() == 0) {
            throw new ArithmeticException("division by zero: sqrt ratio 0");
        }
        return mulDivUnchecked(liquidity.shiftLeft(96), upper.subtract(lower), upper)
                .divide(lower);
    }

    /** Token1 that {@code liquidity} is worth across [√a, √b], rounded down. */
    public static BigInteger getAmount1ForLiquidity(
            BigInteger sqrtRatioAX96, BigInteger sqrtRatioBX96, BigInteger liquidity) {
        BigInteger difference = requireUint(sqrtRatioAX96, 160, "sqrtRatioAX96")
                .subtract(requireUint(sqrtRatioBX96, 160, "sqrtRatioBX96"))
                .abs();
        requireUint(liquidity, 128, "liquidity");
        return FullMath.mulShift96(liquidity, difference);
    }

    /** The token amounts {@code liquidity} in [√a, √b] is worth at price √P, both rounded down. */
    public static TokenAmounts getAmountsForLiquidity(
            BigInteger sqrtRatioX96, BigInteger sqrtRatioAX96, BigInteger sqrtRatioBX96, BigInteger liquidity) {
        requireUint(sqrtRatioX96, 160, "sqrtRatioX96");
        BigInteger lower =
                requireUint(sqrtRatioAX96, 160, "sqrtRatioAX96").min(requireUint(sqrtRatioBX96, 160, "sqrtRatioBX96"));
        BigInteger upper = sqrtRatioAX96.max(sqrtRatioBX96);
        if (sqrtRatioX96.compareTo(lower) <= 0) {
            return new TokenAmounts(getAmount0ForLiquidity(lower, upper, liquidity), BigInteger.ZERO);
        }
        if (sqrtRatioX96.compareTo(upper) < 0) {
            return new TokenAmounts(
                    getAmount0ForLiquidity(sqrtRatioX96, upper, liquidity),
                    getAmount1ForLiquidity(lower, sqrtRatioX96, liquidity));
        }
        return new TokenAmounts(BigInteger.ZERO, getAmount1ForLiquidity(lower, upper, liquidity));
    }

    private static BigInteger toUint128(BigInteger liquidity) {
        return Uint.checkUint(liquidity, 128, "liquidity");
    }
}
