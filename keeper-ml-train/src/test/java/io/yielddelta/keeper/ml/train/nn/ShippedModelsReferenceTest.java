package io.yielddelta.keeper.ml.train.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import io.yielddelta.keeper.ml.forecast.VolatilityForecaster;
import io.yielddelta.keeper.ml.model.ModelManifest;
import io.yielddelta.keeper.ml.range.RangeOutcomePredictor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped files, read back weight by weight from their ONNX protobuf and run through the plain-Java reference
 * (gate blocks moved back from ONNX's i, o, f, c to PyTorch's i, f, g, o): the reference, onnxruntime and the
 * manifest's smoke output agree within 1e-5. This checks the committed files themselves, not a fresh training.
 */
class ShippedModelsReferenceTest {
    private static final String FOLDER = "/io/yielddelta/keeper/ml/models/";
    /** PyTorch block j is ONNX block INVERSE[j]. */
    private static final int[] INVERSE = {0, 2, 3, 1};

    @Test
    void theShippedForecasterIsTheLstmItsWeightsDescribe() throws IOException {
        byte[] onnx = resource(VolatilityForecaster.MODEL + ".onnx");
        ModelManifest m = ModelManifest.parse(resource(VolatilityForecaster.MODEL + ".json"), "shipped");
        Map<String, float[]> w = initializers(onnx);
        int inputs = m.features().size();
        int hidden = (int) Math.round(Math.sqrt(w.get("lstm_R").length / 4.0)); // R is [1, 4·hidden, hidden]
        float[] b = w.get("lstm_B");
        LstmWeights weights = new LstmWeights(
                inputs,
                hidden,
                m.outputWidth(),
                toPytorch(w.get("lstm_W"), hidden, inputs),
                toPytorch(w.get("lstm_R"), hidden, hidden),
                toPytorch(java.util.Arrays.copyOfRange(b, 0, 4 * hidden), hidden, 1),
                toPytorch(java.util.Arrays.copyOfRange(b, 4 * hidden, 8 * hidden), hidden, 1),
                w.get("head_W"),
                w.get("head_B"));
        double[] reference =
                ReferenceForward.lstm(weights, m.smoke().input(), m.smoke().rows(), m.window());
        assertAgree(onnx, m, reference);
    }

    @Test
    void theShippedPredictorIsTheMlpItsWeightsDescribe() throws IOException {
        byte[] onnx = resource(RangeOutcomePredictor.MODEL + ".onnx");
        ModelManifest m = ModelManifest.parse(resource(RangeOutcomePredictor.MODEL + ".json"), "shipped");
        Map<String, float[]> w = initializers(onnx);
        List<MlpWeights.Layer> layers = new ArrayList<>();
        int in = m.inputWidth();
        for (int l = 0; w.containsKey("layer" + l + "_W"); l++) {
            float[] bias = w.get("layer" + l + "_B");
            layers.add(new MlpWeights.Layer(in, bias.length, w.get("layer" + l + "_W"), bias));
            in = bias.length;
        }
        assertThat(layers).hasSize(3);
        assertAgree(
                onnx,
                m,
                ReferenceForward.mlp(
                        new MlpWeights(layers), m.smoke().input(), m.smoke().rows()));
    }

    private static void assertAgree(byte[] onnx, ModelManifest m, double[] reference) {
        float[] runtime = RoundTrip.run(
                onnx, m.input().name(), m.smoke().input(), m.smoke().rows(), m.inputWidth());
        for (int i = 0; i < reference.length; i++) {
            assertThat(Math.abs(runtime[i] - reference[i]))
                    .as("onnxruntime vs reference at %d", i)
                    .isLessThanOrEqualTo(1e-5);
            assertThat(Math.abs(m.smoke().output()[i] - reference[i]))
                    .as("manifest vs reference at %d", i)
                    .isLessThanOrEqualTo(1e-5);
        }
    }

    private static float[] toPytorch(float[] onnx, int hidden, int columns) {
        float[] pytorch = new float[onnx.length];
        int block = hidden * columns;
        for (int j = 0; j < 4; j++) {
            System.arraycopy(onnx, INVERSE[j] * block, pytorch, j * block, block);
        }
        return pytorch;
    }

    /** Float initializers by the name the exporter gave them (the graph builder appends "_0"). */
    private static Map<String, float[]> initializers(byte[] onnx) throws IOException {
        return OnnxMl.ModelProto.parseFrom(onnx).getGraph().getInitializerList().stream()
                .filter(t -> t.getDataType() == OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                .collect(Collectors.toMap(t -> t.getName().replaceFirst("_0$", ""), floats()));
    }

    private static Function<OnnxMl.TensorProto, float[]> floats() {
        return t -> {
            if (t.getFloatDataCount() > 0) {
                float[] values = new float[t.getFloatDataCount()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = t.getFloatData(i);
                }
                return values;
            }
            ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            float[] values = new float[raw.remaining() / 4];
            raw.asFloatBuffer().get(values);
            return values;
        };
    }

    private static byte[] resource(String file) throws IOException {
        try (InputStream in = ShippedModelsReferenceTest.class.getResourceAsStream(FOLDER + file)) {
            assertThat(in).as("shipped " + file).isNotNull();
            return in.readAllBytes();
        }
    }
}
