package io.yielddelta.keeper.core.clmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.math.BigInteger;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PositionAnalyticsTest {

    @Test
    void valueMatchesTheExactAmountsOfThePool() {
        BigInteger liquidity = BigInteger.TEN.pow(18);
        int tickLower = -887220;
        int tickUpper = 887220;
        BigInteger sqrtPrice = TickMath.getSqrtRatioAtTick(23028); // ≈ price 10
        TokenAmounts exact = LiquidityAmounts.getAmountsForLiquidity(
                sqrtPrice, TickMath.getSqrtRatioAtTick(tickLower), TickMath.getSqrtRatioAtTick(tickUpper), liquidity);
        PositionAnalytics position = PositionAnalytics.of(liquidity, tickLower, tickUpper);
        double price = PositionAnalytics.price(sqrtPrice);
        assertThat(price).isCloseTo(PositionAnalytics.price(23028), within(1e-9));
        assertThat(position.amount0(price))
                .isCloseTo(exact.amount0().doubleValue(), within(exact.amount0().doubleValue() * 1e-9));
        assertThat(position.amount1(price))
                .isCloseTo(exact.amount1().doubleValue(), within(exact.amount1().doubleValue() * 1e-9));
    }

    @Test
    void outOfRangePositionsAreAllOneTokenWithNoGammaNorLvr() {
        PositionAnalytics position = new PositionAnalytics(1e18, -600, 600);
        double below = PositionAnalytics.price(-1000);
        double above = PositionAnalytics.price(1000);
        assertThat(position.amount1(below)).isZero();
        assertThat(position.delta(below)).isEqualTo(position.amount0(below)).isPositive();
        assertThat(position.value(below)).isEqualTo(position.amount0(below) * below);
        assertThat(position.amount0(above)).isZero();
        assertThat(position.delta(above)).isZero();
        assertThat(position.gamma(below)).isZero();
        assertThat(position.gamma(above)).isZero();
        assertThat(position.lvrRate(0.8, below)).isZero();
        assertThat(position.lvrRate(0.8, above)).isZero();
    }

    @Test
    void lvrInRangeIsSigmaSquaredTimesLTimesSqrtPOver4() {
        PositionAnalytics position = new PositionAnalytics(1e15, -60000, 60000);
        double price = 2.0;
        assertThat(position.lvrRate(0.5, price)).isCloseTo(0.25 * 1e15 * Math.sqrt(2.0) / 4, withinPercentage(1e-10));
    }

    @Test
    void decimalsOnlyScaleTheHumanPrice() {
        // 1 WETH (18 decimals) = 2,500 USDC (6 decimals) is a raw price of 2.5e-9.
        assertThat(PositionAnalytics.humanPrice(2.5e-9, 18, 6)).isCloseTo(2500, within(1e-9));
        assertThat(PositionAnalytics.rawPrice(2500, 18, 6)).isCloseTo(2.5e-9, within(1e-21));
    }

    @Test
    void rejectsBadInputNamingIt() {
        assertThatThrownBy(() -> new PositionAnalytics(1, 60, 60))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("60");
        assertThatThrownBy(() -> new PositionAnalytics(-1, 0, 60))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> new PositionAnalytics(1, 0, 887273))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("887273");
        assertThatThrownBy(() -> new PositionAnalytics(1, 0, 60).value(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("price");
        assertThatThrownBy(() -> PositionAnalytics.of(BigInteger.ONE.shiftLeft(128), 0, 60))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uint128");
    }

    @Property(tries = 1000)
    void deltaAndGammaAgreeWithFiniteDifferencesOfTheValue(
            @ForAll @IntRange(min = -400000, max = 400000) int tickLower,
            @ForAll @IntRange(min = 20, max = 200000) int width,
            @ForAll @DoubleRange(min = -0.5, max = 1.5) double where,
            @ForAll @DoubleRange(min = 1, max = 1e30) double liquidity) {
        PositionAnalytics position = new PositionAnalytics(liquidity, tickLower, tickLower + width);
        double price = PositionAnalytics.price(tickLower) * Math.pow(1.0001, where * width);
        // A small step for the first difference, a larger one for the second (which divides by h²).
        double h1 = price * 1e-6;
        double h2 = price * 1e-4;
        // Finite differences only hold where the value is smooth: not across the range's ends.
        double lowerEnd = PositionAnalytics.price(tickLower);
        double upperEnd = PositionAnalytics.price(tickLower + width);
        Assume.that(Math.abs(price - lowerEnd) > 2 * h2 && Math.abs(price - upperEnd) > 2 * h2);

        double mid = position.value(price);
        double scale = mid / price; // the value in base units: the natural size of a delta
        double firstDifference = (position.value(price + h1) - position.value(price - h1)) / (2 * h1);
        assertThat(position.delta(price)).isCloseTo(firstDifference, within(scale * 1e-6));
        double secondDifference = (position.value(price + h2) - 2 * mid + position.value(price - h2)) / (h2 * h2);
        assertThat(position.gamma(price))
                .isCloseTo(secondDifference, within(Math.abs(position.gamma(price)) * 1e-4 + scale / price * 1e-6));
        assertThat(position.lvrRate(0.7, price))
                .isCloseTo(
                        0.49 / 2 * price * price * Math.abs(position.gamma(price)),
                        within(1e-9 * position.lvrRate(0.7, price) + 1e-300));
    }

    @Property(tries = 1000)
    void impermanentLossIsNeverAGain(
            @ForAll @IntRange(min = -400000, max = 400000) int tickLower,
            @ForAll @IntRange(min = 1, max = 200000) int width,
            @ForAll @IntRange(min = -300000, max = 300000) int startOffset,
            @ForAll @IntRange(min = -300000, max = 300000) int moveTicks) {
        PositionAnalytics position = new PositionAnalytics(1e18, tickLower, tickLower + width);
        double start = PositionAnalytics.price(Math.clamp((long) tickLower + startOffset, -887272, 887272));
        double now = PositionAnalytics.price(Math.clamp((long) tickLower + startOffset + moveTicks, -887272, 887272));
        double hold = position.amount0(start) * now + position.amount1(start);
        assertThat(position.impermanentLoss(start, now)).isLessThanOrEqualTo(hold * 1e-12);
        assertThat(position.impermanentLossRatio(start, now)).isBetween(-1.0, 1e-12);
        assertThat(position.impermanentLoss(start, start)).isCloseTo(0, within(position.value(start) * 1e-12));
    }
}
