package io.yielddelta.keeper.ml.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.ml.fixtures.ShippedModels;
import io.yielddelta.keeper.ml.range.RangeOutcomePredictor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real MLP file, shown rows it must refuse: each bad row falls back alone and is counted. */
class GuardedModelTest {
    private static final String MLP = RangeOutcomePredictor.MODEL;

    @Test
    void aNanInputFallsBackForItsRowOnly() {
        ModelHealth health = new ModelHealth();
        GuardedModel model = new GuardedModel(ModelDirectory.shipped().load(MLP), health);
        float[] input = twoSmokeRows(model.manifest());
        input[model.manifest().inputWidth() + 2] = Float.NaN;
        GuardedModel.Batch batch = model.run(input, 2);
        assertThat(batch.ok(0)).isTrue();
        assertThat(batch.fallbacks()[1]).isEqualTo(Fallback.NOT_FINITE);
        assertThat(health.answered(MLP)).isEqualTo(1);
        assertThat(health.fallbacks(MLP, Fallback.NOT_FINITE)).isEqualTo(1);
    }

    @Test
    void anOutputOutsideTheManifestBoundsFallsBack(@TempDir Path dir) throws IOException {
        ShippedModels.copy(dir, MLP);
        Path manifestFile = dir.resolve(MLP + ".json");
        ModelManifest m = ModelManifest.parse(Files.readAllBytes(manifestFile), "test");
        double[] max = m.outputMax().clone();
        max[0] = m.smoke().output()[0] - 1e-3; // the smoke row's first output is now above its bound
        double[] min = m.outputMin().clone();
        min[0] = Math.min(min[0], max[0] - 1);
        Files.write(
                manifestFile,
                new ModelManifest(
                                m.name(),
                                m.version(),
                                m.file(),
                                m.sha256(),
                                m.input(),
                                m.output(),
                                m.outputColumns(),
                                min,
                                max,
                                m.features(),
                                m.window(),
                                m.horizonHours(),
                                m.training(),
                                m.metrics(),
                                m.smoke(),
                                m.latencyBudgetMs())
                        .toJson());
        ModelHealth health = new ModelHealth();
        GuardedModel model = new GuardedModel(ModelDirectory.at(dir).load(MLP), health);
        GuardedModel.Batch batch = model.run(m.smoke().input(), 1);
        assertThat(batch.fallbacks()[0]).isEqualTo(Fallback.OUT_OF_BOUNDS);
        assertThat(health.fallbacks(MLP)).containsEntry(Fallback.OUT_OF_BOUNDS, 1L);
    }

    /** The clock advances a second per reading: the batch is over any budget, however fast the machine. */
    @Test
    void aBatchOverItsLatencyBudgetFallsBackWhole() {
        ModelHealth health = new ModelHealth();
        AtomicLong nanos = new AtomicLong();
        GuardedModel model =
                new GuardedModel(ModelDirectory.shipped().load(MLP), health, () -> nanos.addAndGet(1_000_000_000L));
        GuardedModel.Batch batch = model.run(twoSmokeRows(model.manifest()), 2);
        assertThat(batch.fallbacks()).containsOnly(Fallback.LATENCY);
        assertThat(batch.detail()).contains("took 1000.0 ms");
        assertThat(health.fallbacks(MLP, Fallback.LATENCY)).isEqualTo(2);
    }

    @Test
    void anUnavailableModelAnswersNothingAndCountsEveryRow() {
        ModelHealth health = new ModelHealth();
        GuardedModel model = new GuardedModel(new LoadedModel.Unavailable(MLP, "gone"), health);
        GuardedModel.Batch batch = model.run(new float[0], 3);
        assertThat(batch.fallbacks()).containsOnly(Fallback.UNAVAILABLE);
        assertThat(batch.detail()).isEqualTo("gone");
        assertThat(health.fallbacks(MLP, Fallback.UNAVAILABLE)).isEqualTo(3);
    }

    private static float[] twoSmokeRows(ModelManifest m) {
        float[] input = new float[2 * m.inputWidth()];
        System.arraycopy(m.smoke().input(), 0, input, 0, m.inputWidth());
        System.arraycopy(m.smoke().input(), m.inputWidth(), input, m.inputWidth(), m.inputWidth());
        return input;
    }
}
