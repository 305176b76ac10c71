package io.yielddelta.keeper.core.clmm;

import static io.yielddelta.keeper.core.clmm.Uint.requireInt;
import static io.yielddelta.keeper.core.clmm.Uint.requireUint;

import java.math.BigInteger;

/** Port of v3-core {@code SwapMath}: one step of a swap inside a single stretch of constant liquidity. */
public final class SwapMath {
    /** Fees are in pips, hundredths of a basis point: 1e6 pips = 100 %. */
    public static final int PIPS = 1_000_000;

    private static final BigInteger PIPS_BIG = BigInteger.valueOf(PIPS);

    private SwapMath() {}

    /**
     * The outcome of one swap step.
     *
     * @param sqrtRatioNextX96 the price after the step, never beyond the target
     * @param amountIn         input consumed, without the fee
     * @param amountOut        output produced
     * @param feeAmount        input taken as the fee
     */
    public record SwapStep(
            BigInteger sqrtRatioNextX96, BigInteger amountIn, BigInteger amountOut, BigInteger feeAmount) {}

    /**
     * Swaps towards {@code sqrtRatioTargetX96} (its side of the current price gives the direction) until the target is
     * reached or {@code amountRemaining} is used up: exact input when it is ≥ 0 (fee included), exact output when
     * negative.
     */
    public static SwapStep computeSwapStep(
            BigInteger sqrtRatioCurrentX96,
            BigInteger sqrtRatioTargetX96,
            BigInteger liquidity,
            BigInteger amountRemaining,
            int feePips) {
        requireUint(sqrtRatioCurrentX96, 160, "sqrtRatioCurrentX96");
        requireUint(sqrtRatioTargetX96, 160, "sqrtRatioTargetX96");
        requireUint(liquidity, 128, "liquidity");
        requireInt(amountRemaining, 256, "amountRemaining");
        if (feePips < 0 || feePips >= PIPS) {
            throw new IllegalArgumentException("feePips = " + feePips + " is outside [0, " + PIPS + ")");
        }
        boolean zeroForOne = sqrtRatioCurrentX96.compareTo(sqrtRatioTargetX96) >= 0;
        boolean exactIn = amountRemaining.signum() >= 0;
        BigInteger fee = BigInteger.valueOf(feePips);

        BigInteger sqrtRatioNextX96;
        BigInteger amountIn = BigInteger.ZERO;
        BigInteger amountOut = BigInteger.ZERO;
        if (exactIn) {
            BigInteger amountRemainingLessFee =
                    FullMath.mulDivUnchecked(amountRemaining, BigInteger.valueOf(PIPS - feePips), PIPS_BIG);
            amountIn = zeroForOne
                    ? SqrtPriceMath.getAmount0Delta(sqrtRatioTargetX96, sqrtRatioCurrentX96, liquidity, true)
                    : SqrtPriceMath.getAmount1Delta(sqrtRatioCurrentX96, sqrtRatioTargetX96, liquidity, true);
            sqrtRatioNextX96 = amountRemainingLessFee.compareTo(amountIn) >= 0
                    ? sqrtRatioTargetX96
                    : SqrtPriceMath.getNextSqrtPriceFromInput(
                            sqrtRatioCurrentX96, liquidity, amountRemainingLessFee, zeroForOne);
        } else {
            amountOut = zeroForOne
                    ? SqrtPriceMath.getAmount1Delta(sqrtRatioTargetX96, sqrtRatioCurrentX96, liquidity, false)
                    : SqrtPriceMath.getAmount0Delta(sqrtRatioCurrentX96, sqrtRatioTargetX96, liquidity, false);
            sqrtRatioNextX96 = amountRemaining.negate().compareTo(amountOut) >= 0
                    ? sqrtRatioTargetX96
                    : SqrtPriceMath.getNextSqrtPriceFromOutput(
                            sqrtRatioCurrentX96, liquidity, amountRemaining.negate(), zeroForOne);
        }

        boolean max = sqrtRatioTargetX96.equals(sqrtRatioNextX96);
        if (zeroForOne) {
            if (!(max && exactIn)) {
                amountIn = SqrtPriceMath.getAmount0Delta(sqrtRatioNextX96, sqrtRatioCurrentX96, liquidity, true);
            }
            if (!(max && !exactIn)) {
                amountOut = SqrtPriceMath.getAmount1Delta(sqrtRatioNextX96, sqrtRatioCurrentX96, liquidity, false);
            }
        } else {
            if (!(max && exactIn)) {
                amountIn = SqrtPriceMath.getAmount1Delta(sqrtRatioCurrentX96, sqrtRatioNextX96, liquidity, true);
            }
            if (!(max && !exactIn)) {
                amountOut = SqrtPriceMath.getAmount0Delta(sqrtRatioCurrentX96, sqrtRatioNextX96, liquidity, false);
            }
        }

        // Never pay out more than was asked for.
        if (!exactIn && amountOut.compareTo(amountRemaining.negate()) > 0) {
            amountOut = amountRemaining.negate();
        }

        BigInteger feeAmount = exactIn && !sqrtRatioNextX96.equals(sqrtRatioTargetX96)
                // the target was not reached: the rest of the input is the fee
                ? amountRemaining.subtract(amountIn)
                : FullMath.mulDivRoundingUpUnchecked(amountIn, fee, BigInteger.valueOf(PIPS - feePips));
        return new SwapStep(sqrtRatioNextX96, amountIn, amountOut, feeAmount);
    }
}
