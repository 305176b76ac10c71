package io.yielddelta.keeper.venues.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yielddelta.keeper.core.venue.Side;
import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class HyperliquidNumbersTest {

    @Property
    void roundedPriceFollowsTheVenueRules(
            @ForAll("prices") BigDecimal price, @ForAll @IntRange(max = 5) int szDecimals, @ForAll Side side) {
        Assume.that(representable(price, szDecimals));
        BigDecimal rounded = HyperliquidNumbers.roundPrice(price, szDecimals, side);
        assertThat(HyperliquidNumbers.isValidPrice(rounded, szDecimals)).isTrue();
        boolean integer = rounded.stripTrailingZeros().scale() <= 0;
        assertThat(integer || rounded.stripTrailingZeros().precision() <= 5)
                .as("5 significant figures")
                .isTrue();
        assertThat(Math.max(0, rounded.stripTrailingZeros().scale())).isLessThanOrEqualTo(6 - szDecimals);
    }

    @Property
    void priceRoundingNeverCrossesTheKeepersIntent(
            @ForAll("prices") BigDecimal price, @ForAll @IntRange(max = 5) int szDecimals) {
        Assume.that(representable(price, szDecimals));
        assertThat(HyperliquidNumbers.roundPrice(price, szDecimals, Side.BUY)).isLessThanOrEqualTo(price);
        assertThat(HyperliquidNumbers.roundPrice(price, szDecimals, Side.SELL)).isGreaterThanOrEqualTo(price);
    }

    @Property
    void priceRoundingMovesLessThanOneStep(
            @ForAll("prices") BigDecimal price, @ForAll @IntRange(max = 5) int szDecimals, @ForAll Side side) {
        Assume.that(representable(price, szDecimals));
        BigDecimal rounded = HyperliquidNumbers.roundPrice(price, szDecimals, side);
        // the step at this magnitude: the last allowed decimal place
        int magnitude = price.precision() - price.scale() - 1;
        int decimals = Math.max(0, Math.min(6 - szDecimals, 4 - magnitude));
        BigDecimal step = BigDecimal.ONE.movePointLeft(decimals);
        assertThat(rounded.subtract(price).abs()).isLessThan(step);
    }

    @Property
    void validPricesAreLeftAlone(
            @ForAll("prices") BigDecimal price, @ForAll @IntRange(max = 5) int szDecimals, @ForAll Side side) {
        Assume.that(representable(price, szDecimals));
        BigDecimal once = HyperliquidNumbers.roundPrice(price, szDecimals, side);
        assertThat(HyperliquidNumbers.roundPrice(once, szDecimals, side.opposite()))
                .isEqualByComparingTo(once);
    }

    @Property
    void sizeRoundsDownToTheLot(@ForAll("sizes") BigDecimal size, @ForAll @IntRange(max = 5) int szDecimals) {
        BigDecimal rounded = HyperliquidNumbers.roundSizeDown(size, szDecimals);
        assertThat(rounded).isLessThanOrEqualTo(size);
        assertThat(size.subtract(rounded)).isLessThan(BigDecimal.ONE.movePointLeft(szDecimals));
        assertThat(Math.max(0, rounded.scale())).isLessThanOrEqualTo(szDecimals);
    }

    @Property
    void wireFormRoundTripsWithoutExponentOrTrailingZeros(@ForAll("wireValues") BigDecimal value) {
        String wire = HyperliquidNumbers.toWire(value);
        assertThat(new BigDecimal(wire)).isEqualByComparingTo(value);
        assertThat(wire).doesNotContain("E").doesNotContain("e").doesNotEndWith(".");
        if (wire.contains(".")) {
            assertThat(wire).doesNotEndWith("0");
        }
    }

    @Example
    void wireFormMatchesTheSdk() {
        assertThat(HyperliquidNumbers.toWire(new BigDecimal("100"))).isEqualTo("100");
        assertThat(HyperliquidNumbers.toWire(new BigDecimal("100.000"))).isEqualTo("100");
        assertThat(HyperliquidNumbers.toWire(new BigDecimal("1670.1"))).isEqualTo("1670.1");
        assertThat(HyperliquidNumbers.toWire(new BigDecimal("0.0147"))).isEqualTo("0.0147");
        assertThat(HyperliquidNumbers.toWire(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(HyperliquidNumbers.toWire(new BigDecimal("0.00000000"))).isEqualTo("0");
        assertThat(HyperliquidNumbers.toWire(new BigDecimal("0.00000001"))).isEqualTo("0.00000001");
        assertThatThrownBy(() -> HyperliquidNumbers.toWire(new BigDecimal("0.000000001")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void priceExamples() {
        // 5 significant figures
        assertThat(HyperliquidNumbers.roundPrice(new BigDecimal("1234.56"), 2, Side.BUY))
                .isEqualByComparingTo("1234.5");
        assertThat(HyperliquidNumbers.roundPrice(new BigDecimal("1234.56"), 2, Side.SELL))
                .isEqualByComparingTo("1234.6");
        // integer prices are always allowed, even with more than 5 figures
        assertThat(HyperliquidNumbers.roundPrice(new BigDecimal("123456.7"), 0, Side.BUY))
                .isEqualByComparingTo("123456");
        assertThat(HyperliquidNumbers.roundPrice(new BigDecimal("123456.7"), 0, Side.SELL))
                .isEqualByComparingTo("123457");
        // 6 - szDecimals decimals
        assertThat(HyperliquidNumbers.roundPrice(new BigDecimal("0.0123456"), 4, Side.BUY))
                .isEqualByComparingTo("0.01");
        assertThat(HyperliquidNumbers.roundPrice(new BigDecimal("0.0123456"), 0, Side.BUY))
                .isEqualByComparingTo("0.012345");
        assertThat(HyperliquidNumbers.roundPrice(new BigDecimal("0.0123456"), 0, Side.SELL))
                .isEqualByComparingTo("0.012346");
        assertThat(HyperliquidNumbers.isValidPrice(new BigDecimal("1234.5"), 1)).isTrue();
        assertThat(HyperliquidNumbers.isValidPrice(new BigDecimal("1234.56"), 1))
                .isFalse();
        assertThat(HyperliquidNumbers.isValidPrice(new BigDecimal("0.0012345"), 3))
                .isFalse();
        // a buy below the smallest representable price cannot be rounded down: refused rather than sent as 0
        assertThatThrownBy(() -> HyperliquidNumbers.roundPrice(new BigDecimal("0.0005"), 3, Side.BUY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(HyperliquidNumbers.roundPrice(new BigDecimal("0.0005"), 3, Side.SELL))
                .isEqualByComparingTo("0.001");
    }

    /** At least the smallest price the decimals allow, so a buy does not round down to zero. */
    private static boolean representable(BigDecimal price, int szDecimals) {
        return price.compareTo(BigDecimal.ONE.movePointLeft(6 - szDecimals)) >= 0;
    }

    @Provide
    Arbitrary<BigDecimal> prices() {
        return Arbitraries.bigDecimals()
                .between(new BigDecimal("0.0001"), new BigDecimal("2000000"))
                .ofScale(8)
                .filter(p -> p.signum() > 0)
                .edgeCases(c -> c.add(new BigDecimal("99999.5"), new BigDecimal("9.999999"), new BigDecimal("1")));
    }

    @Provide
    Arbitrary<BigDecimal> sizes() {
        return Arbitraries.bigDecimals()
                .between(new BigDecimal("0.00000001"), new BigDecimal("100000"))
                .ofScale(8);
    }

    @Provide
    Arbitrary<BigDecimal> wireValues() {
        return Arbitraries.bigDecimals()
                .between(BigDecimal.ZERO, new BigDecimal("1000000000"))
                .ofScale(8);
    }
}
