package io.yielddelta.keeper.ml.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.yielddelta.keeper.core.observation.HourObservation;
import io.yielddelta.keeper.ml.fixtures.Observations;
import java.util.List;
import org.junit.jupiter.api.Test;

class GarchVarianceTest {
    private final GarchVariance garch = new GarchVariance(1e-6, 0.1, 0.85);

    @Test
    void theMeanOverOneHourIsTheNextHoursVarianceAndOverManyTheLongRun() {
        assertThat(garch.longRunVariance()).isCloseTo(2e-5, within(1e-18));
        assertThat(garch.meanVariance(5e-5, 1)).isCloseTo(5e-5, within(1e-18));
        assertThat(garch.meanVariance(5e-5, 100_000)).isCloseTo(2e-5, within(1e-8)); // V + 3e-5 · 20 / 1e5
        // two hours: (σ²₁ + σ²₂) / 2 with σ²₂ = V + p·(σ²₁ − V)
        assertThat(garch.meanVariance(5e-5, 2)).isCloseTo((5e-5 + 2e-5 + 0.95 * 3e-5) / 2, within(1e-15));
    }

    @Test
    void overAWindowTheFilterRunsFromTheLongRunVarianceThroughEachReturn() {
        List<HourObservation> rows = Observations.randomWalk(8, 3, 0, 40);
        double r1 = ForecastFeatures.tickReturn(rows, 1);
        double r2 = ForecastFeatures.tickReturn(rows, 2);
        double next = garch.next(garch.next(2e-5, r1), r2);
        assertThat(garch.variancePerHour(rows, 24)).isCloseTo(garch.meanVariance(next, 24), within(1e-18));
    }

    @Test
    void aNonStationaryModelIsRefused() {
        assertThatThrownBy(() -> new GarchVariance(1e-6, 0.2, 0.8)).hasMessageContaining("stationary");
    }
}
