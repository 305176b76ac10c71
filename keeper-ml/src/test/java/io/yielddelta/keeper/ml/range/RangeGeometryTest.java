package io.yielddelta.keeper.ml.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class RangeGeometryTest {

    @Property(tries = 200)
    void concentrationIsFullRangeValueOverRangeValue(
            @ForAll @DoubleRange(min = 0.001, max = 3) @Scale(4) double w,
            @ForAll @DoubleRange(min = -0.95, max = 0.95) double delta,
            @ForAll @DoubleRange(min = -5, max = 12) double lnPrice) {
        double centre = lnPrice - delta * w;
        double value = RangeGeometry.value(lnPrice, centre - w, centre + w);
        double fullRange = 2 * Math.exp(lnPrice / 2);
        assertThat(RangeGeometry.concentration(w, delta))
                .isCloseTo(fullRange / value, within(1e-6 * fullRange / value));
    }

    /** The base amount is the value's slope in price: the position's delta. */
    @Property(tries = 200)
    void amountBaseIsTheSlopeOfValue(
            @ForAll @DoubleRange(min = 0.01, max = 2) double w, @ForAll @DoubleRange(min = -1.5, max = 1.5) double at) {
        double lower = -w;
        double upper = w;
        double ln = at * w;
        double h = 1e-6;
        double slope = (RangeGeometry.value(ln + h, lower, upper) - RangeGeometry.value(ln - h, lower, upper))
                / (Math.exp(ln + h) - Math.exp(ln - h));
        assertThat(RangeGeometry.amountBase(ln, lower, upper)).isCloseTo(slope, within(1e-5));
    }

    @Test
    void aWideCentredRangeIsAlmostFullRangeAndANarrowOneConcentrates() {
        assertThat(RangeGeometry.concentration(20, 0)).isCloseTo(1, within(1e-4));
        // ±1 % around the price: c ≈ 2 / w = 200
        assertThat(RangeGeometry.concentration(0.01, 0)).isCloseTo(200, within(1.0));
    }

    @Test
    void closedFormIsSigmaSquaredOverEightTimesConcentration() {
        RangeQuery q = new RangeQuery(0.05, 0.2, 4e-5, 2e-6, 24);
        RangeOutcome cf = RangeOutcome.closedForm(q, null);
        double c = RangeGeometry.concentration(0.05, 0.2);
        assertThat(cf.lvr()).isCloseTo(4e-5 / 8 * c * 24, within(1e-15));
        assertThat(cf.impermanentLoss()).isEqualTo(-cf.lvr());
        assertThat(cf.fees()).isCloseTo(2e-6 * c * 24, within(1e-15));
        assertThat(cf.edge()).isCloseTo(cf.fees() - cf.lvr(), within(1e-18));
    }
}
