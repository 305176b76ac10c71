package io.yielddelta.keeper.ml.scorer;

import io.yielddelta.keeper.core.observation.ObservationHistory;
import io.yielddelta.keeper.core.policy.RangeScore;
import io.yielddelta.keeper.core.policy.RangeScorer;
import io.yielddelta.keeper.core.vault.VaultState;
import io.yielddelta.keeper.ml.feature.ForecastFeatures;
import io.yielddelta.keeper.ml.forecast.Forecast;
import io.yielddelta.keeper.ml.forecast.VolatilityForecaster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The forecaster behind keeper-core's {@link RangeScorer}: the range is centred on the pool's tick and its width
 * follows the forecast variance over the policy's horizon. {@link #scoreAll} scores a cycle's vaults with one batched
 * inference. A vault with fewer than two hours of history gets the configured fallback scorer's answer; the fallback
 * is shown every state either way, so an estimator like {@code RealizedVolatilityScorer} keeps learning.
 */
public final class ModelRangeScorer implements RangeScorer {

    private final ObservationHistory history;
    private final VolatilityForecaster forecaster;
    private final RangeScorer fallback;
    private final int historyHours;

    /** @param historyHours rows asked of the history per vault: the forecaster's window plus its lookback */
    public ModelRangeScorer(
            ObservationHistory history, VolatilityForecaster forecaster, RangeScorer fallback, int historyHours) {
        this.history = history;
        this.forecaster = forecaster;
        this.fallback = fallback;
        this.historyHours = Math.max(historyHours, ForecastFeatures.LOOKBACK + 1);
    }

    @Override
    public RangeScore score(VaultState state, Duration horizon) {
        return scoreAll(List.of(state), horizon).getFirst();
    }

    /** The score of every vault of a cycle, in order, from one batched inference. */
    public List<RangeScore> scoreAll(List<VaultState> states, Duration horizon) {
        List<RangeScore> fallbackScores = new ArrayList<>(states.size());
        List<VolatilityForecaster.Subject> subjects = new ArrayList<>();
        List<Integer> subjectOf = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            VaultState state = states.get(i);
            fallbackScores.add(fallback.score(state, horizon));
            var rows = history.recent(state.address(), historyHours);
            if (rows.size() >= 2) {
                subjects.add(new VolatilityForecaster.Subject(state.address(), rows));
                subjectOf.add(i);
            }
        }
        List<RangeScore> scores = new ArrayList<>(fallbackScores);
        List<Forecast> forecasts = forecaster.forecast(subjects);
        double hours = Math.max(1, horizon.toSeconds() / 3600.0);
        for (int s = 0; s < forecasts.size(); s++) {
            Forecast forecast = forecasts.get(s);
            VaultState state = states.get(subjectOf.get(s));
            double sigmaTicks = Math.sqrt(forecast.variancePerHour() * hours) / ForecastFeatures.LOG_PRICE_PER_TICK;
            String model =
                    forecast.fromModel() ? forecast.source() : forecast.source() + " (" + forecast.fallback() + ")";
            scores.set(subjectOf.get(s), new RangeScore(state.tick(), sigmaTicks, model));
        }
        return scores;
    }
}
