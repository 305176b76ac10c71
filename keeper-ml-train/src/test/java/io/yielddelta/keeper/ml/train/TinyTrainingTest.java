package io.yielddelta.keeper.ml.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.ml.forecast.VolatilityForecaster;
import io.yielddelta.keeper.ml.model.LoadedModel;
import io.yielddelta.keeper.ml.model.ModelDirectory;
import io.yielddelta.keeper.ml.range.RangeOutcomePredictor;
import io.yielddelta.keeper.ml.train.nn.RoundTrip;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training command end to end on a small slice (ETH and BTC, January 2022 → February 2022, one epoch of tiny
 * nets): real market history in, ONNX files and manifests out, each loaded back through the runtime's model directory
 * (checksum, signature, smoke inference) and judged through the runtime's forecaster and predictor.
 */
class TinyTrainingTest {
    private static final Path DATA =
            Path.of(System.getProperty("shared.dir", "../../shared")).resolve("data");

    @Test
    void tinyModelsTrainRoundTripThroughOnnxAndLoad(@TempDir Path dir) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String report = TrainCommand.run(
                new TrainCommand.Options(
                        DATA, dir.resolve("models"), dir.resolve("report.md"), dir.resolve("walk"), 7, "test", true),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        for (String name : new String[] {VolatilityForecaster.MODEL, RangeOutcomePredictor.MODEL}) {
            LoadedModel loaded = ModelDirectory.at(dir.resolve("models")).load(name);
            assertThat(loaded).as(loaded.toString()).isInstanceOf(LoadedModel.Ready.class);
            var metrics = ((LoadedModel.Ready) loaded).model().manifest().metrics();
            assertThat(metrics.get("roundTrip.onnxVsReference")).isLessThanOrEqualTo(RoundTrip.TOLERANCE);
            assertThat(metrics.get("roundTrip.trainerVsReference")).isLessThanOrEqualTo(RoundTrip.TOLERANCE);
            assertThat(ModelDirectory.at(dir.resolve("walk")).load(name)).isInstanceOf(LoadedModel.Ready.class);
        }
        assertThat(report).contains("| ETH | 2022-02 |", "| BTC | 2022-02 |", "| ETH 0.30 % | 2022-02 |");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("forecaster (LSTM)", "range outcome (MLP)");
    }
}
