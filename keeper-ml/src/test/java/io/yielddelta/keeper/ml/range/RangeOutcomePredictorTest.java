package io.yielddelta.keeper.ml.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.yielddelta.keeper.ml.model.Fallback;
import io.yielddelta.keeper.ml.model.LoadedModel;
import io.yielddelta.keeper.ml.model.ModelDirectory;
import io.yielddelta.keeper.ml.model.ModelHealth;
import io.yielddelta.keeper.ml.model.ModelManifest;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangeOutcomePredictorTest {

    /** The model's outputs are multiples of the closed form: checked against the raw file's output. */
    @Test
    void outcomesAreTheModelsMultiplesOfTheClosedForm() {
        LoadedModel.Ready ready = (LoadedModel.Ready) ModelDirectory.shipped().load(RangeOutcomePredictor.MODEL);
        ModelManifest m = ready.model().manifest();
        RangeQuery q = new RangeQuery(0.04, -0.3, 3e-5, 1.5e-6, 24);
        float[] input = new float[m.inputWidth()];
        q.features(input, 0);
        m.scaling().apply(input, 0, input.length);
        float[] raw = ready.model().run(input, 1);

        RangeOutcome outcome = new RangeOutcomePredictor(
                        ModelDirectory.shipped().load(RangeOutcomePredictor.MODEL), new ModelHealth())
                .predict(List.of(q))
                .getFirst();
        RangeOutcome closed = RangeOutcome.closedForm(q, null);
        assertThat(outcome.fallback()).isNull();
        assertThat(outcome.lvr()).isCloseTo(Math.max(0, raw[0]) * closed.lvr(), within(1e-15));
        assertThat(outcome.impermanentLoss()).isCloseTo(Math.max(0, raw[1]) * closed.impermanentLoss(), within(1e-15));
        assertThat(outcome.fees()).isCloseTo(Math.max(0, raw[2]) * closed.fees(), within(1e-15));
        assertThat(outcome.lvr()).isGreaterThanOrEqualTo(0);
        assertThat(outcome.impermanentLoss()).isLessThanOrEqualTo(0);
    }

    @Test
    void withoutTheModelEveryRangeGetsTheClosedForm() {
        ModelHealth health = new ModelHealth();
        RangeOutcomePredictor predictor =
                new RangeOutcomePredictor(new LoadedModel.Unavailable(RangeOutcomePredictor.MODEL, "missing"), health);
        RangeQuery q = new RangeQuery(0.1, 0, 2e-5, 1e-6, 24);
        RangeOutcome outcome = predictor.predict(List.of(q, q)).getFirst();
        assertThat(outcome.fallback()).isEqualTo(Fallback.UNAVAILABLE);
        assertThat(outcome.lvr()).isEqualTo(RangeOutcome.closedForm(q, null).lvr());
        assertThat(health.fallbacks(RangeOutcomePredictor.MODEL, Fallback.UNAVAILABLE))
                .isEqualTo(2);
    }
}
