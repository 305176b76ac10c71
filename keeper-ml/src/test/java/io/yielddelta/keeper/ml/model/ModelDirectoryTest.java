package io.yielddelta.keeper.ml.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.ml.fixtures.ShippedModels;
import io.yielddelta.keeper.ml.forecast.VolatilityForecaster;
import io.yielddelta.keeper.ml.range.RangeOutcomePredictor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading checks every promise of the manifest against the real ONNX file, and never throws. */
class ModelDirectoryTest {
    private static final String LSTM = VolatilityForecaster.MODEL;

    @Test
    void theShippedModelsLoadAndPassTheirSmokeInference() {
        for (String name : new String[] {LSTM, RangeOutcomePredictor.MODEL}) {
            LoadedModel loaded = ModelDirectory.shipped().load(name);
            assertThat(loaded).as(loaded.toString()).isInstanceOf(LoadedModel.Ready.class);
            ModelManifest m = ((LoadedModel.Ready) loaded).model().manifest();
            assertThat(m.training().to()).isEqualTo("2023-12-31");
            assertThat(m.metrics()).containsKey("roundTrip.onnxVsReference");
            assertThat(m.metrics().get("roundTrip.onnxVsReference")).isLessThanOrEqualTo(1e-5);
        }
    }

    @Test
    void aChangedFileFailsItsChecksum(@TempDir Path dir) throws IOException {
        ShippedModels.copy(dir, LSTM);
        Path file = dir.resolve(LSTM + ".onnx");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        assertThat(reason(ModelDirectory.at(dir).load(LSTM)))
                .contains(file.toString(), "sha256 is", "the manifest says");
    }

    @Test
    void aManifestNamingAnotherInputFailsTheSignatureCheck(@TempDir Path dir) {
        ShippedModels.copy(dir, LSTM);
        ShippedModels.edit(dir.resolve(LSTM + ".json"), "\"name\" : \"features\"", "\"name\" : \"window\"");
        assertThat(reason(ModelDirectory.at(dir).load(LSTM))).contains("inputs are [features]", "one named window");
    }

    @Test
    void aWrongExpectedSmokeOutputFailsTheSmokeInference(@TempDir Path dir) throws IOException {
        ShippedModels.copy(dir, LSTM);
        Path manifest = dir.resolve(LSTM + ".json");
        ModelManifest m = ModelManifest.parse(Files.readAllBytes(manifest), "test");
        float[] output = m.smoke().output().clone();
        output[1] += 0.01f;
        ModelManifest wrong = new ModelManifest(
                m.name(),
                m.version(),
                m.file(),
                m.sha256(),
                m.input(),
                m.output(),
                m.outputColumns(),
                m.outputMin(),
                m.outputMax(),
                m.features(),
                m.window(),
                m.horizonHours(),
                m.training(),
                m.metrics(),
                new ModelManifest.Smoke(
                        m.smoke().rows(), m.smoke().input(), output, m.smoke().tolerance()),
                m.latencyBudgetMs());
        Files.write(manifest, wrong.toJson());
        assertThat(reason(ModelDirectory.at(dir).load(LSTM))).contains("smoke inference gave", "at 1");
    }

    @Test
    void aManifestWhoseShapesDisagreeWithItsFeaturesIsRefusedNamingTheField(@TempDir Path dir) {
        ShippedModels.copy(dir, RangeOutcomePredictor.MODEL);
        ShippedModels.edit(dir.resolve(RangeOutcomePredictor.MODEL + ".json"), "\"window\" : 1", "\"window\" : 2");
        assertThat(reason(ModelDirectory.at(dir).load(RangeOutcomePredictor.MODEL)))
                .contains(RangeOutcomePredictor.MODEL + ".json", "input: a name and shape [-1, 10]");
    }

    @Test
    void unparsableJsonNamesFileAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(LSTM + ".json"), "{\n  \"name\" : \"forecaster-lstm\",\n  \"version\" : }\n");
        assertThat(reason(ModelDirectory.at(dir).load(LSTM))).contains(LSTM + ".json:3", "not a model manifest");
    }

    @Test
    void aMissingModelIsUnavailable(@TempDir Path dir) {
        assertThat(reason(ModelDirectory.at(dir).load(LSTM))).contains("no such model manifest");
    }

    private static String reason(LoadedModel loaded) {
        assertThat(loaded).isInstanceOf(LoadedModel.Unavailable.class);
        return ((LoadedModel.Unavailable) loaded).reason();
    }
}
