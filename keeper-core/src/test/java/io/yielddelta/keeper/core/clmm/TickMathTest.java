package io.yielddelta.keeper.core.clmm;

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

class TickMathTest {
    private static final BigInteger Q96 = BigInteger.ONE.shiftLeft(96);

    // Values stated by TickMath.sol and the v3-core TickMath tests.
    @Test
    void boundsEqualTheContractConstants() {
        assertThat(TickMath.getSqrtRatioAtTick(TickMath.MIN_TICK)).isEqualTo(new BigInteger("4295128739"));
        assertThat(TickMath.getSqrtRatioAtTick(TickMath.MAX_TICK))
                .isEqualTo(new BigInteger("1461446703485210103287273052203988822378723970342"));
        assertThat(TickMath.getSqrtRatioAtTick(TickMath.MIN_TICK + 1)).isEqualTo(new BigInteger("4295343490"));
        assertThat(TickMath.getSqrtRatioAtTick(TickMath.MAX_TICK - 1))
                .isEqualTo(new BigInteger("1461373636630004318706518188784493106690254656249"));
        assertThat(TickMath.getSqrtRatioAtTick(0)).isEqualTo(Q96);
    }

    @Test
    void tickAtTheBoundsAndKnownPrices() {
        assertThat(TickMath.getTickAtSqrtRatio(TickMath.MIN_SQRT_RATIO)).isEqualTo(TickMath.MIN_TICK);
        assertThat(TickMath.getTickAtSqrtRatio(new BigInteger("4295343490"))).isEqualTo(TickMath.MIN_TICK + 1);
        assertThat(TickMath.getTickAtSqrtRatio(new BigInteger("1461373636630004318706518188784493106690254656249")))
                .isEqualTo(TickMath.MAX_TICK - 1);
        assertThat(TickMath.getTickAtSqrtRatio(TickMath.MAX_SQRT_RATIO.subtract(BigInteger.ONE)))
                .isEqualTo(TickMath.MAX_TICK - 1);
        assertThat(TickMath.getTickAtSqrtRatio(Q96)).isZero();
        assertThat(TickMath.getTickAtSqrtRatio(Q96.subtract(BigInteger.ONE))).isEqualTo(-1);
    }

    @Test
    void rejectsTicksAndPricesOutOfBoundsNamingThem() {
        assertThatThrownBy(() -> TickMath.getSqrtRatioAtTick(TickMath.MAX_TICK + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("887273");
        assertThatThrownBy(() -> TickMath.getSqrtRatioAtTick(TickMath.MIN_TICK - 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-887273");
        assertThatThrownBy(() -> TickMath.getTickAtSqrtRatio(TickMath.MIN_SQRT_RATIO.subtract(BigInteger.ONE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4295128738");
        // The upper bound is exclusive, as in the contract.
        assertThatThrownBy(() -> TickMath.getTickAtSqrtRatio(TickMath.MAX_SQRT_RATIO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(TickMath.MAX_SQRT_RATIO.toString());
        assertThatThrownBy(() -> TickMath.getTickAtSqrtRatio(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void matchesAPlainBigIntegerPortOfTheContract(@ForAll @IntRange(min = -887272, max = 887272) int tick) {
        assertThat(TickMath.getSqrtRatioAtTick(tick)).isEqualTo(ReferenceTickMath.getSqrtRatioAtTick(tick));
    }

    @Property
    void tickToSqrtRatioToTickIsTheIdentity(@ForAll @IntRange(min = -887272, max = 887271) int tick) {
        assertThat(TickMath.getTickAtSqrtRatio(TickMath.getSqrtRatioAtTick(tick)))
                .isEqualTo(tick);
    }

    @Property
    void sqrtRatioIsStrictlyIncreasingAndWithinBounds(@ForAll @IntRange(min = -887272, max = 887271) int tick) {
        BigInteger here = TickMath.getSqrtRatioAtTick(tick);
        BigInteger next = TickMath.getSqrtRatioAtTick(tick + 1);
        assertThat(here).isLessThan(next);
        assertThat(here).isGreaterThanOrEqualTo(TickMath.MIN_SQRT_RATIO);
        assertThat(next).isLessThanOrEqualTo(TickMath.MAX_SQRT_RATIO);
    }

    @Property
    void tickAtSqrtRatioIsTheGreatestTickAtOrBelowThePrice(@ForAll("sqrtPrices") BigInteger sqrtPriceX96) {
        int tick = TickMath.getTickAtSqrtRatio(sqrtPriceX96);
        assertThat(TickMath.getSqrtRatioAtTick(tick)).isLessThanOrEqualTo(sqrtPriceX96);
        assertThat(TickMath.getSqrtRatioAtTick(tick + 1)).isGreaterThan(sqrtPriceX96);
    }

    @Provide
    static Arbitrary<BigInteger> sqrtPrices() {
        // Spread over the whole range by bit length, then at random within it.
        return Arbitraries.integers()
                .between(33, 160)
                .flatMap(bits -> Arbitraries.bigIntegers()
                        .between(
                                BigInteger.ONE.shiftLeft(bits - 1),
                                BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE))
                        .filter(p ->
                                p.compareTo(TickMath.MIN_SQRT_RATIO) >= 0 && p.compareTo(TickMath.MAX_SQRT_RATIO) < 0));
    }
}
