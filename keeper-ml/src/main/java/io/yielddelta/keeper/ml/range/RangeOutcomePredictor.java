package io.yielddelta.keeper.ml.range;

import io.yielddelta.keeper.ml.model.Fallback;
import io.yielddelta.keeper.ml.model.GuardedModel;
import io.yielddelta.keeper.ml.model.LoadedModel;
import io.yielddelta.keeper.ml.model.ModelHealth;
import io.yielddelta.keeper.ml.model.ModelManifest;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LVR / IL predictor as the keeper runs it: for every candidate range of every vault of a cycle, in one batched
 * inference, the expected LVR, impermanent loss and fees over the horizon. The network predicts each as a multiple of
 * the closed form ({@link RangeOutcome#closedForm}: 1 where the closed form is right, less where the price leaves a
 * narrow range, more where the forecast is too low), which keeps its outputs of order one; a row it cannot vouch for
 * gets the closed form itself, logged and counted.
 */
public final class RangeOutcomePredictor {
    public static final String MODEL = "range-outcome-mlp";
    public static final List<String> INPUTS =
            List.of("lnConcentration", "offset", "lnWidthOverSigma", "lnSigmaHorizon", "lnFeeYieldPerHour");
    public static final List<String> OUTPUTS = List.of("lvrOverClosedForm", "ilOverClosedForm", "feesOverClosedForm");

    private static final Logger log = LoggerFactory.getLogger(RangeOutcomePredictor.class);

    private final GuardedModel model;

    public RangeOutcomePredictor(LoadedModel loaded, ModelHealth health) {
        this.model = new GuardedModel(LoadedModel.requireContract(loaded, INPUTS, OUTPUTS, true), health);
    }

    /** The outcome of each query, in order. */
    public List<RangeOutcome> predict(List<RangeQuery> queries) {
        ModelManifest manifest = model.manifest();
        float[] input = new float[manifest == null ? 0 : queries.size() * INPUTS.size()];
        if (manifest != null) {
            for (int i = 0; i < queries.size(); i++) {
                queries.get(i).features(input, i * INPUTS.size());
            }
            manifest.scaling().apply(input, 0, input.length);
        }
        GuardedModel.Batch batch = model.run(input, queries.size());
        RangeOutcome[] result = new RangeOutcome[queries.size()];
        Map<Fallback, Integer> fellBack = new EnumMap<>(Fallback.class);
        for (int i = 0; i < queries.size(); i++) {
            RangeQuery q = queries.get(i);
            if (batch.ok(i)) {
                RangeOutcome closed = RangeOutcome.closedForm(q, null);
                result[i] = new RangeOutcome(
                        Math.max(0, batch.value(i, 0)) * closed.lvr(),
                        Math.max(0, batch.value(i, 1)) * closed.impermanentLoss(),
                        Math.max(0, batch.value(i, 2)) * closed.fees(),
                        manifest.label(),
                        null);
            } else {
                result[i] = RangeOutcome.closedForm(q, batch.fallbacks()[i]);
                fellBack.merge(batch.fallbacks()[i], 1, Integer::sum);
            }
        }
        fellBack.forEach((reason, count) -> log.warn(
                "{}: {} of {} candidate ranges fell back to the closed form ({}{})",
                MODEL,
                count,
                queries.size(),
                reason,
                batch.detail() == null ? "" : ": " + batch.detail()));
        return List.of(result);
    }
}
