package io.yielddelta.keeper.ml.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.yielddelta.keeper.core.observation.HourObservation;
import io.yielddelta.keeper.ml.fixtures.Observations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ForecastFeaturesTest {

    @Test
    void aWindowIsTheLastRowsOfTheSeriesComputedOverTheWholeHistory() {
        List<HourObservation> rows = Observations.randomWalk(1, 200, 80_000, 40);
        int window = 48;
        float[] live = new float[window * ForecastFeatures.COUNT];
        ForecastFeatures.window(rows, window, live, 0);
        float[][] series = ForecastFeatures.series(rows);
        for (int k = 0; k < window; k++) {
            float[] expected = series[rows.size() - window + k];
            assertThat(Arrays.copyOfRange(live, k * ForecastFeatures.COUNT, (k + 1) * ForecastFeatures.COUNT))
                    .containsExactly(expected);
        }
    }

    @Test
    void featuresOfOneHourAreWhatItsRowsSay() {
        List<HourObservation> rows = Observations.randomWalk(2, 30, 0, 25);
        float[] f = new float[ForecastFeatures.COUNT];
        ForecastFeatures.window(rows, 1, f, 0);
        HourObservation last = rows.getLast();
        double lnTick = Math.log(1.0001);
        double meanSquare = 0;
        for (int j = rows.size() - 24; j < rows.size(); j++) {
            double r = (rows.get(j).tick() - rows.get(j - 1).tick()) * lnTick;
            meanSquare += r * r / 24;
        }
        double logRange = Math.log(last.markHigh() / last.markLow());
        assertThat(f[0])
                .isCloseTo((float) ((last.tick() - rows.get(rows.size() - 2).tick()) * lnTick), within(1e-7f));
        assertThat(f[1]).isCloseTo((float) Math.log(logRange * logRange / (4 * Math.log(2))), within(1e-4f));
        assertThat(f[2]).isCloseTo((float) ((last.tick() - last.twapTick()) * lnTick), within(1e-7f));
        assertThat(f[3]).isCloseTo((float) Math.log(last.feeYield()), within(1e-5f));
        assertThat(f[4]).isEqualTo((float) last.fundingRate());
        assertThat(f[5])
                .isCloseTo(
                        (float) Math.log(last.activeLiquidity()
                                / rows.get(rows.size() - 25).activeLiquidity()),
                        within(1e-6f));
        assertThat(f[6]).isCloseTo((float) Math.log(meanSquare), within(1e-4f));
        assertThat(f[7] * f[7] + f[8] * f[8]).isCloseTo(1f, within(1e-6f));
    }

    /** Ticks shifted, prices and liquidity scaled: a pool's raw units and a history's human prices give the same rows. */
    @Property(tries = 50)
    void featuresDoNotDependOnThePriceLevelOrTheLiquidityUnits(
            @ForAll @LongRange(min = 1, max = 1000) long seed,
            @ForAll @IntRange(min = -300_000, max = 300_000) int shift) {
        List<HourObservation> rows = Observations.randomWalk(seed, 60, 0, 30);
        List<HourObservation> moved = new ArrayList<>();
        double factor = Math.pow(1.0001, shift);
        for (HourObservation r : rows) {
            moved.add(new HourObservation(
                    r.hourEnd(),
                    r.tick() + shift,
                    r.twapTick() + shift,
                    r.feeYield(),
                    r.activeLiquidity() * 1e-12,
                    r.markClose() * factor,
                    r.markHigh() * factor,
                    r.markLow() * factor,
                    r.fundingRate()));
        }
        float[] a = new float[30 * ForecastFeatures.COUNT];
        float[] b = new float[30 * ForecastFeatures.COUNT];
        ForecastFeatures.window(rows, 30, a, 0);
        ForecastFeatures.window(moved, 30, b, 0);
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).isCloseTo(a[i], within(2e-4f));
        }
    }

    @Test
    void aMissingHourIsRefusedNamingTheHours() {
        List<HourObservation> rows = new ArrayList<>(Observations.randomWalk(3, 80, 0, 30));
        HourObservation removed = rows.remove(60);
        assertThatThrownBy(() -> ForecastFeatures.window(rows, 48, new float[48 * ForecastFeatures.COUNT], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(removed.hourEnd().minusSeconds(3600).toString())
                .hasMessageContaining(removed.hourEnd().plusSeconds(3600).toString());
    }

    @Test
    void tooShortAHistoryIsRefused() {
        List<HourObservation> rows = Observations.randomWalk(4, 50, 0, 30);
        assertThatThrownBy(() -> ForecastFeatures.window(rows, 48, new float[48 * ForecastFeatures.COUNT], 0))
                .hasMessageContaining("need 72 hourly rows")
                .hasMessageContaining("have 50");
    }

    @Test
    void ewmaOfAConstantMoveIsItsSquareAndFeesAreTheDaysMean() {
        List<HourObservation> rows = new ArrayList<>();
        for (HourObservation r : Observations.randomWalk(5, 40, 0, 0)) {
            int tick = 10 * rows.size();
            rows.add(new HourObservation(r.hourEnd(), tick, tick, rows.size() < 16 ? 1e-6 : 3e-6, 1, 1, 1, 1, 0));
        }
        double r = 10 * Math.log(1.0001);
        assertThat(BaselineForecast.ewmaVariance(rows, 0.94)).isCloseTo(r * r, within(1e-15));
        assertThat(BaselineForecast.trailingFeeYield(rows)).isCloseTo(3e-6, within(1e-18));
    }
}
