package io.yielddelta.keeper.ml.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.yielddelta.keeper.core.observation.HourObservation;
import io.yielddelta.keeper.core.observation.InMemoryObservationHistory;
import io.yielddelta.keeper.core.policy.RangeScore;
import io.yielddelta.keeper.core.policy.RangeScorer;
import io.yielddelta.keeper.core.vault.VaultGuards;
import io.yielddelta.keeper.core.vault.VaultState;
import io.yielddelta.keeper.ml.feature.ForecastFeatures;
import io.yielddelta.keeper.ml.fixtures.Observations;
import io.yielddelta.keeper.ml.forecast.Forecast;
import io.yielddelta.keeper.ml.forecast.VolatilityForecaster;
import io.yielddelta.keeper.ml.model.ModelDirectory;
import io.yielddelta.keeper.ml.model.ModelHealth;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelRangeScorerTest {
    private static final Duration HORIZON = Duration.ofHours(24);

    @Test
    void vaultsWithHistoryAreScoredFromTheForecastAndTheOthersByTheFallback() {
        InMemoryObservationHistory history = new InMemoryObservationHistory(200);
        List<HourObservation> rows = Observations.randomWalk(5, 150, 80_000, 40);
        rows.forEach(r -> history.record("0xAA", r));
        VolatilityForecaster forecaster =
                new VolatilityForecaster(ModelDirectory.shipped().load(VolatilityForecaster.MODEL), new ModelHealth());
        List<VaultState> shown = new ArrayList<>();
        RangeScorer fallback = (state, horizon) -> {
            shown.add(state);
            return new RangeScore(state.tick(), 123, "fallback");
        };
        ModelRangeScorer scorer = new ModelRangeScorer(history, forecaster, fallback, ForecastFeatures.rowsNeeded(72));

        List<RangeScore> scores =
                scorer.scoreAll(List.of(state("0xaa", rows.getLast().tick()), state("0xbb", 500)), HORIZON);

        Forecast expected = forecaster
                .forecast(List.of(new VolatilityForecaster.Subject(
                        "0xaa", rows.subList(rows.size() - ForecastFeatures.rowsNeeded(72), rows.size()))))
                .getFirst();
        assertThat(scores.get(0).model()).startsWith(VolatilityForecaster.MODEL);
        assertThat(scores.get(0).centreTick()).isEqualTo(rows.getLast().tick());
        assertThat(scores.get(0).sigmaTicks())
                .isCloseTo(Math.sqrt(expected.variancePerHour() * 24) / Math.log(1.0001), within(1e-9));
        assertThat(scores.get(1)).isEqualTo(new RangeScore(500, 123, "fallback"));
        assertThat(shown).hasSize(2);
    }

    @Test
    void rowsMustArriveInTimeOrder() {
        InMemoryObservationHistory history = new InMemoryObservationHistory(10);
        List<HourObservation> rows = Observations.randomWalk(6, 3, 0, 10);
        history.record("0xaa", rows.get(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> history.record("0xaa", rows.get(0)))
                .hasMessageContaining("does not follow");
        history.record("0xaa", rows.get(2));
        assertThat(history.recent("0xAA", 5)).containsExactly(rows.get(1), rows.get(2));
    }

    private static VaultState state(String address, int tick) {
        return new VaultState(
                address,
                Optional.empty(),
                BigInteger.ZERO,
                BigInteger.ONE.shiftLeft(96),
                tick,
                tick,
                60,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                Optional.empty(),
                false,
                new VaultGuards(Duration.ofMinutes(10), Duration.ofMinutes(10), 2000, 20000, 20000, 500),
                1,
                Observations.START);
    }
}
