package io.yielddelta.keeper.ml.forecast;

import io.yielddelta.keeper.core.observation.HourObservation;
import io.yielddelta.keeper.ml.feature.BaselineForecast;
import io.yielddelta.keeper.ml.feature.FeatureScaling;
import io.yielddelta.keeper.ml.feature.ForecastFeatures;
import io.yielddelta.keeper.ml.feature.VarianceBaseline;
import io.yielddelta.keeper.ml.model.Fallback;
import io.yielddelta.keeper.ml.model.GuardedModel;
import io.yielddelta.keeper.ml.model.LoadedModel;
import io.yielddelta.keeper.ml.model.ModelHealth;
import io.yielddelta.keeper.ml.model.ModelManifest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LSTM forecaster as the keeper runs it: for every vault of a cycle, the next horizon's variance and fee yield
 * per hour, in one batched inference. A vault whose history is too short, whose row the model cannot vouch for, or
 * all vaults when the model is unavailable, get the configured analytic baseline instead (a {@link VarianceBaseline},
 * RiskMetrics EWMA unless configured otherwise, and the trailing 24 h fee yield), logged and counted; a model never
 * fails the cycle.
 */
public final class VolatilityForecaster {
    public static final String MODEL = "forecaster-lstm";
    public static final List<String> OUTPUTS = List.of("lnVariancePerHour", "lnFeeYieldPerHour");
    /** The horizon the baselines use when no model says otherwise. */
    public static final int HORIZON_HOURS = 24;

    private static final Logger log = LoggerFactory.getLogger(VolatilityForecaster.class);

    private final GuardedModel model;
    private final VarianceBaseline baseline;
    private final ModelHealth health;

    /** The forecaster over {@code loaded}, falling back to the RiskMetrics EWMA. */
    public VolatilityForecaster(LoadedModel loaded, ModelHealth health) {
        this(loaded, VarianceBaseline.riskMetrics(), health);
    }

    /** The forecaster over {@code loaded}; a model whose features or outputs are not this code's is unavailable. */
    public VolatilityForecaster(LoadedModel loaded, VarianceBaseline baseline, ModelHealth health) {
        this.model =
                new GuardedModel(LoadedModel.requireContract(loaded, ForecastFeatures.NAMES, OUTPUTS, false), health);
        this.baseline = baseline;
        this.health = health;
    }

    /** One vault's history, oldest row first (the last {@code window + 24} consecutive hours are used). */
    public record Subject(String id, List<HourObservation> rows) {}

    /** The forecast of every subject, in order; each subject needs at least 2 rows. */
    public List<Forecast> forecast(List<Subject> subjects) {
        ModelManifest manifest = model.manifest();
        Forecast[] result = new Forecast[subjects.size()];
        Map<Fallback, List<String>> fellBack = new EnumMap<>(Fallback.class);
        List<Integer> batched = new ArrayList<>();
        float[] input = new float[0];
        if (manifest != null) {
            int needed = ForecastFeatures.rowsNeeded(manifest.window());
            FeatureScaling scaling = manifest.scaling();
            input = new float[subjects.size() * manifest.inputWidth()];
            for (int i = 0; i < subjects.size(); i++) {
                List<HourObservation> rows = subjects.get(i).rows();
                try {
                    int at = batched.size() * manifest.inputWidth();
                    ForecastFeatures.window(
                            rows.subList(Math.max(0, rows.size() - needed), rows.size()), manifest.window(), input, at);
                    scaling.apply(input, at, manifest.inputWidth());
                    batched.add(i);
                } catch (IllegalArgumentException notEnoughHistory) {
                    result[i] = baseline(subjects.get(i), Fallback.HISTORY);
                    health.fellBack(MODEL, Fallback.HISTORY);
                    fellBack.computeIfAbsent(Fallback.HISTORY, f -> new ArrayList<>())
                            .add(subjects.get(i).id());
                }
            }
        }
        GuardedModel.Batch batch = model.run(input, manifest == null ? subjects.size() : batched.size());
        for (int b = 0; b < batch.fallbacks().length; b++) {
            int i = manifest == null ? b : batched.get(b);
            if (batch.ok(b)) {
                result[i] =
                        new Forecast(Math.exp(batch.value(b, 0)), Math.exp(batch.value(b, 1)), manifest.label(), null);
            } else {
                result[i] = baseline(subjects.get(i), batch.fallbacks()[b]);
                fellBack.computeIfAbsent(batch.fallbacks()[b], f -> new ArrayList<>())
                        .add(subjects.get(i).id());
            }
        }
        fellBack.forEach((reason, ids) -> log.warn(
                "{}: {} of {} vaults fell back to {} ({}{}): {}",
                MODEL,
                ids.size(),
                subjects.size(),
                baseline.name(),
                reason,
                batch.detail() == null ? "" : ": " + batch.detail(),
                ids.size() > 5 ? ids.subList(0, 5) + " …" : ids));
        return List.of(result);
    }

    private Forecast baseline(Subject subject, Fallback reason) {
        return new Forecast(
                baseline.variancePerHour(subject.rows(), horizonHours()),
                BaselineForecast.trailingFeeYield(subject.rows()),
                baseline.name(),
                reason);
    }

    /** The model's horizon; the baselines forecast over the same hours. */
    private int horizonHours() {
        return model.manifest() == null ? HORIZON_HOURS : model.manifest().horizonHours();
    }
}
