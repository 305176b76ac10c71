package io.yielddelta.keeper.core.clmm;

import static io.yielddelta.keeper.core.clmm.FullMath.divRoundingUp;
import static io.yielddelta.keeper.core.clmm.FullMath.mulDivRoundingUpUnchecked;
import static io.yielddelta.keeper.core.clmm.FullMath.mulDivUnchecked;
import static io.yielddelta.keeper.core.clmm.Uint.requireInt;
import static io.yielddelta.keeper.core.clmm.Uint.requireUint;

import java.math.BigInteger;

/**
 * Port of v3-core {@code SqrtPriceMath}: token amounts between two sqrt prices for a liquidity, and the price reached
 * by adding or removing an amount. Prices are Q64.96 (uint160), liquidity uint128, amounts uint256.
 */
public final class SqrtPriceMath {
    private SqrtPriceMath() {}

    /**
     * The next sqrt price after adding ({@code add}) or removing {@code amount} of token0, rounded up:
     * liquidity·sqrtP / (liquidity ± amount·sqrtP), or liquidity / (liquidity/sqrtP ± amount) when the first overflows.
     */
    public static BigInteger getNextSqrtPriceFromAmount0RoundingUp(
            BigInteger sqrtPX96, BigInteger liquidity, BigInteger amount, boolean add) {
        requireUint(sqrtPX96, 160, "sqrtPX96");
        requireUint(liquidity, 128, "liquidity");
        requireUint(amount, 256, "amount");
        // amount 0 short-circuits: the formula would not return the input price exactly.
        if (amount.signum() == 0) {
            return sqrtPX96;
        }
        BigInteger numerator1 = liquidity.shiftLeft(96);
        BigInteger product = amount.multiply(sqrtPX96);
        boolean productFits = product.bitLength() <= 256;
        if (add) {
            if (productFits) {
                BigInteger denominator = numerator1.add(product);
                if (denominator.bitLength() <= 256) {
                    // the contract's uint160(...) cast is unchecked: the result never exceeds sqrtPX96
                    return mulDivRoundingUpUnchecked(numerator1, sqrtPX96, denominator);
                }
            }
            if (sqrtPX96.signum() == 0) {
                throw new ArithmeticException("division by zero: sqrtPX96 = 0");
            }
            BigInteger denominator =
                    Uint.checkUint(numerator1.divide(sqrtPX96).add(amount), 256, "liquidity/sqrtP + amount");
            return divRoundingUp(numerator1, denominator).and(Uint.MAX_UINT160);
        }
        // When the product overflows, the denominator would underflow too.
        if (!productFits || numerator1.compareTo(product) <= 0) {
            throw new ArithmeticException("removing amount0 = " + amount + " exceeds the virtual reserve at sqrtPX96 = "
                    + sqrtPX96 + ", liquidity = " + liquidity);
        }
        return Uint.checkUint(
                mulDivRoundingUpUnchecked(numerator1, sqrtPX96, numerator1.subtract(product)), 160, "next sqrt price");
    }

    /** The next sqrt price after adding or removing {@code amount} of token1, rounded down: sqrtP ± amount/liquidity. */
    public static BigInteger getNextSqrtPriceFromAmount1RoundingDown(
            BigInteger sqrtPX96, BigInteger liquidity, BigInteger amount, boolean add) {
        requireUint(sqrtPX96, 160, "sqrtPX96");
        requireUint(liquidity, 128, "liquidity");
        requireUint(amount, 256, "amount");
        // The contract shifts when amount fits in 160 bits and calls mulDiv otherwise; both are
        // floor/ceil(amount·2^96/L).
        if (add) {
            BigInteger quotient = mulDivUnchecked(amount, Uint.Q96, liquidity);
            return Uint.checkUint(sqrtPX96.add(quotient), 160, "next sqrt price");
        }
        BigInteger quotient = amount.bitLength() <= 160
                ? divRoundingUp(amount.shiftLeft(96), liquidity)
                : mulDivRoundingUpUnchecked(amount, Uint.Q96, liquidity);
        if (sqrtPX96.compareTo(quotient) <= 0) {
            throw new ArithmeticException("removing amount1 = " + amount + " exceeds the virtual reserve at sqrtPX96 = "
                    + sqrtPX96 + ", liquidity = " + liquidity);
        }
        return sqrtPX96.subtract(quotient);
    }

    /** The sqrt price after swapping {@code amountIn} of token0 ({@code zeroForOne}) or token1 in; never passes the target. */
    public static BigInteger getNextSqrtPriceFromInput(
            BigInteger sqrtPX96, BigInteger liquidity, BigInteger amountIn, boolean zeroForOne) {
        requirePositivePriceAndLiquidity(sqrtPX96, liquidity);
        return zeroForOne
                ? getNextSqrtPriceFromAmount0RoundingUp(sqrtPX96, liquidity, amountIn, true)
                : getNextSqrtPriceFromAmount1RoundingDown(sqrtPX96, liquidity, amountIn, true);
    }

    /** The sqrt price after taking {@code amountOut} of token1 ({@code zeroForOne}) or token0 out; always reaches it. */
    public static BigInteger getNextSqrtPriceFromOutput(
            BigInteger sqrtPX96, BigInteger liquidity, BigInteger amountOut, boolean zeroForOne) {
        requirePositivePriceAndLiquidity(sqrtPX96, liquidity);
        return zeroForOne
                ? getNextSqrtPriceFromAmount1RoundingDown(sqrtPX96, liquidity, amountOut, false)
                : getNextSqrtPriceFromAmount0RoundingUp(sqrtPX96, liquidity, amountOut, false);
    }

    /** Token0 for {@code liquidity} between two sqrt prices (either order): L·(√b − √a)/(√a·√b). */
    public static BigInteger getAmount0Delta(
            BigInteger sqrtRatioAX96, BigInteger sqrtRatioBX96, BigInteger liquidity, boolean roundUp) {
        requireUint(sqrtRatioAX96, 160, "sqrtRatioAX96");
        requireUint(sqrtRatioBX96, 160, "sqrtRatioBX96");
        requireUint(liquidity, 128, "liquidity");
        BigInteger lower = sqrtRatioAX96.min(sqrtRatioBX96);
        BigInteger upper = sqrtRatioAX96.max(sqrtRatioBX96);
        if (lower.signum() == 0) {
            throw new IllegalArgumentException("sqrt ratio 0: token0 amounts need a positive price");
        }
        BigInteger numerator1 = liquidity.shiftLeft(96);
        BigInteger numerator2 = upper.subtract(lower);
        return roundUp
                ? divRoundingUp(mulDivRoundingUpUnchecked(numerator1, numerator2, upper), lower)
                : mulDivUnchecked(numerator1, numerator2, upper).divide(lower);
    }

    /** Token1 for {@code liquidity} between two sqrt prices (either order): L·(√b − √a). */
    public static BigInteger getAmount1Delta(
            BigInteger sqrtRatioAX96, BigInteger sqrtRatioBX96, BigInteger liquidity, boolean roundUp) {
        requireUint(sqrtRatioAX96, 160, "sqrtRatioAX96");
        requireUint(sqrtRatioBX96, 160, "sqrtRatioBX96");
        requireUint(liquidity, 128, "liquidity");
        BigInteger difference = sqrtRatioAX96.subtract(sqrtRatioBX96).abs();
        return roundUp
                ? FullMath.mulShift96RoundingUp(liquidity, difference)
                : FullMath.mulShift96(liquidity, difference);
    }

    /**
     * Signed token0 delta for a liquidity change (int128): rounded up when liquidity is added (the pool is paid),
     * down and negated when removed (the pool pays).
     */
    public static BigInteger getAmount0Delta(
            BigInteger sqrtRatioAX96, BigInteger sqrtRatioBX96, BigInteger liquidityDelta) {
        requireInt(liquidityDelta, 128, "liquidityDelta");
        return liquidityDelta.signum() < 0
                ? toInt256(getAmount0Delta(sqrtRatioAX96, sqrtRatioBX96, liquidityDelta.negate(), false))
                        .negate()
                : toInt256(getAmount0Delta(sqrtRatioAX96, sqrtRatioBX96, liquidityDelta, true));
    }

    /** Signed token1 delta for a liquidity change (int128), rounded like {@link #getAmount0Delta(BigInteger, BigInteger, BigInteger)}. */
    public static BigInteger getAmount1Delta(
            BigInteger sqrtRatioAX96, BigInteger sqrtRatioBX96, BigInteger liquidityDelta) {
        requireInt(liquidityDelta, 128, "liquidityDelta");
        return liquidityDelta.signum() < 0
                ? toInt256(getAmount1Delta(sqrtRatioAX96, sqrtRatioBX96, liquidityDelta.negate(), false))
                        .negate()
                : toInt256(getAmount1Delta(sqrtRatioAX96, sqrtRatioBX96, liquidityDelta, true));
    }

    private static BigInteger toInt256(BigInteger value) {
        if (value.bitLength() > 255) {
            throw new ArithmeticException("amount " + value + " overflows int256");
        }
        return value;
    }

    private static void requirePositivePriceAndLiquidity(BigInteger sqrtPX96, BigInteger liquidity) {
        requireUint(sqrtPX96, 160, "sqrtPX96");
        requireUint(liquidity, 128, "liquidity");
        if (sqrtPX96.signum() == 0) {
            throw new IllegalArgumentException("sqrtPX96 = 0: the price must be positive");
        }
        if (liquidity.signum() == 0) {
            throw new IllegalArgumentException("liquidity = 0: no liquidity to swap against");
        }
    }
}
