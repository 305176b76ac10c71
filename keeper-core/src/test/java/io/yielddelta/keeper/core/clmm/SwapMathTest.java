package io.yielddelta.keeper.core.clmm;

import static java.math.BigInteger.ONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SwapMathTest {
    private static final BigInteger PRICE_1 = ONE.shiftLeft(96);

    @Test
    void exactInputThatReachesTheTargetPaysTheFeeOnTop() {
        BigInteger target = TickMath.getSqrtRatioAtTick(100);
        BigInteger liquidity = BigInteger.TEN.pow(18);
        SwapMath.SwapStep step = SwapMath.computeSwapStep(PRICE_1, target, liquidity, BigInteger.TEN.pow(18), 3000);
        assertThat(step.sqrtRatioNextX96()).isEqualTo(target);
        assertThat(step.amountIn()).isEqualTo(SqrtPriceMath.getAmount1Delta(PRICE_1, target, liquidity, true));
        assertThat(step.amountOut()).isEqualTo(SqrtPriceMath.getAmount0Delta(PRICE_1, target, liquidity, false));
        assertThat(step.feeAmount())
                .isEqualTo(FullMath.mulDivRoundingUp(
                        step.amountIn(), BigInteger.valueOf(3000), BigInteger.valueOf(997_000)));
    }

    @Test
    void exactInputThatStopsShortTakesTheRestAsFee() {
        BigInteger target = TickMath.getSqrtRatioAtTick(-100);
        BigInteger amount = BigInteger.valueOf(1_000_000);
        SwapMath.SwapStep step = SwapMath.computeSwapStep(PRICE_1, target, BigInteger.TEN.pow(18), amount, 500);
        assertThat(step.sqrtRatioNextX96()).isBetween(target, PRICE_1);
        assertThat(step.amountIn().add(step.feeAmount())).isEqualTo(amount);
    }

    @Test
    void rejectsAFeeOf100PercentOrMore() {
        assertThatThrownBy(() -> SwapMath.computeSwapStep(PRICE_1, PRICE_1, ONE, ONE, 1_000_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1000000");
    }

    @Property(tries = 1000)
    void aStepStaysBetweenPriceAndTargetAndNeverOverspends(
            @ForAll @IntRange(min = -880000, max = 880000) int tick,
            @ForAll @IntRange(min = -20000, max = 20000) int distance,
            @ForAll("liquidity") BigInteger liquidity,
            @ForAll("amountRemaining") BigInteger amountRemaining,
            @ForAll @IntRange(min = 0, max = 999_999) int fee) {
        BigInteger current = TickMath.getSqrtRatioAtTick(tick);
        BigInteger target =
                TickMath.getSqrtRatioAtTick(Math.clamp((long) tick + distance, TickMath.MIN_TICK, TickMath.MAX_TICK));
        SwapMath.SwapStep step;
        try {
            step = SwapMath.computeSwapStep(current, target, liquidity, amountRemaining, fee);
        } catch (ArithmeticException pastTheReserves) {
            return;
        }
        assertThat(step.sqrtRatioNextX96()).isBetween(current.min(target), current.max(target));
        if (amountRemaining.signum() >= 0) {
            assertThat(step.amountIn().add(step.feeAmount())).isLessThanOrEqualTo(amountRemaining);
        } else {
            assertThat(step.amountOut()).isLessThanOrEqualTo(amountRemaining.negate());
        }
        if (!step.sqrtRatioNextX96().equals(target)) {
            // Stopping short of the target means the amount ran out.
            if (amountRemaining.signum() >= 0) {
                assertThat(step.amountIn().add(step.feeAmount())).isEqualTo(amountRemaining);
            } else {
                assertThat(step.amountOut()).isEqualTo(amountRemaining.negate());
            }
        }
    }

    @Provide
    static Arbitrary<BigInteger> liquidity() {
        return Arbitraries.integers()
                .between(1, 128)
                .flatMap(bits -> Arbitraries.bigIntegers()
                        .between(ONE, ONE.shiftLeft(bits).subtract(ONE)));
    }

    @Provide
    static Arbitrary<BigInteger> amountRemaining() {
        return Arbitraries.integers()
                .between(0, 200)
                .flatMap(bits ->
                        Arbitraries.bigIntegers().between(ONE.shiftLeft(bits).negate(), ONE.shiftLeft(bits)));
    }
}
