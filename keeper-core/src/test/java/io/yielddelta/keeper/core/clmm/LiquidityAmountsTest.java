package io.yielddelta.keeper.core.clmm;

import static java.math.BigInteger.ONE;
import static java.math.BigInteger.ZERO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LiquidityAmountsTest {

    @Test
    void inRangeAtPrice1UsesTheScarcerToken() {
        BigInteger p = ONE.shiftLeft(96);
        BigInteger a = TickMath.getSqrtRatioAtTick(-600);
        BigInteger b = TickMath.getSqrtRatioAtTick(600);
        BigInteger fromBoth = LiquidityAmounts.getLiquidityForAmounts(
                p, a, b, BigInteger.valueOf(1_000_000), BigInteger.valueOf(1_000));
        assertThat(fromBoth).isEqualTo(LiquidityAmounts.getLiquidityForAmount1(a, p, BigInteger.valueOf(1_000)));
        // Out of range only one token counts, whichever order the bounds come in.
        assertThat(LiquidityAmounts.getLiquidityForAmounts(a.subtract(ONE), b, a, BigInteger.TEN, ZERO))
                .isEqualTo(LiquidityAmounts.getLiquidityForAmount0(a, b, BigInteger.TEN));
        assertThat(LiquidityAmounts.getAmountsForLiquidity(b, a, b, BigInteger.TEN.pow(18))
                        .amount0())
                .isZero();
    }

    @Test
    void liquidityBeyondUint128Reverts() {
        BigInteger a = TickMath.getSqrtRatioAtTick(0);
        BigInteger b = a.add(ONE);
        assertThatThrownBy(() -> LiquidityAmounts.getLiquidityForAmount1(a, b, ONE.shiftLeft(100)))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("uint128");
        assertThatThrownBy(() -> LiquidityAmounts.getLiquidityForAmount1(a, a, ONE))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> LiquidityAmounts.getAmountsForLiquidity(a, a, b, ONE.negate()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("liquidity = -1");
    }

    @Property(tries = 1000)
    void theAmountsForTheLiquidityOfSomeAmountsNeverExceedThem(
            @ForAll @IntRange(min = -887272, max = 887272) int tickA,
            @ForAll @IntRange(min = -887272, max = 887272) int tickB,
            @ForAll @IntRange(min = -887272, max = 887271) int priceTick,
            @ForAll("amounts") BigInteger amount0,
            @ForAll("amounts") BigInteger amount1) {
        Assume.that(tickA != tickB);
        BigInteger a = TickMath.getSqrtRatioAtTick(tickA);
        BigInteger b = TickMath.getSqrtRatioAtTick(tickB);
        BigInteger price = TickMath.getSqrtRatioAtTick(priceTick);
        BigInteger liquidity;
        try {
            liquidity = LiquidityAmounts.getLiquidityForAmounts(price, a, b, amount0, amount1);
        } catch (ArithmeticException beyondUint128) {
            return;
        }
        TokenAmounts amounts = LiquidityAmounts.getAmountsForLiquidity(price, a, b, liquidity);
        assertThat(amounts.amount0()).isLessThanOrEqualTo(amount0);
        assertThat(amounts.amount1()).isLessThanOrEqualTo(amount1);
        // And the pool's own rounding (up, for a mint) exceeds the periphery's by at most one unit of each token.
        BigInteger lower = a.min(b);
        BigInteger upper = a.max(b);
        BigInteger clamped = price.max(lower).min(upper);
        assertThat(SqrtPriceMath.getAmount0Delta(clamped, upper, liquidity, true)
                        .subtract(amounts.amount0()))
                .isBetween(ZERO, ONE);
        assertThat(SqrtPriceMath.getAmount1Delta(lower, clamped, liquidity, true)
                        .subtract(amounts.amount1()))
                .isBetween(ZERO, ONE);
    }

    @Property(tries = 500)
    void moreLiquidityIsWorthAtLeastAsMuch(
            @ForAll @IntRange(min = -200000, max = 200000) int tickLower,
            @ForAll @IntRange(min = 1, max = 100000) int width,
            @ForAll @IntRange(min = -300000, max = 300000) int priceTick,
            @ForAll("liquidity") BigInteger liquidity) {
        BigInteger a = TickMath.getSqrtRatioAtTick(tickLower);
        BigInteger b = TickMath.getSqrtRatioAtTick(tickLower + width);
        BigInteger p = TickMath.getSqrtRatioAtTick(priceTick);
        TokenAmounts less = LiquidityAmounts.getAmountsForLiquidity(p, a, b, liquidity);
        TokenAmounts more = LiquidityAmounts.getAmountsForLiquidity(p, a, b, liquidity.add(ONE));
        assertThat(more.amount0()).isGreaterThanOrEqualTo(less.amount0());
        assertThat(more.amount1()).isGreaterThanOrEqualTo(less.amount1());
    }

    @Provide
    static Arbitrary<BigInteger> amounts() {
        return Arbitraries.integers()
                .between(0, 160)
                .flatMap(bits -> Arbitraries.bigIntegers()
                        .between(ZERO, ONE.shiftLeft(bits).subtract(ONE)));
    }

    @Provide
    static Arbitrary<BigInteger> liquidity() {
        return Arbitraries.bigIntegers().between(ZERO, ONE.shiftLeft(120));
    }
}
