package io.yielddelta.keeper.ml.train.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Tiny nets trained for a few steps on seeded random rows, exported to ONNX and run three ways: the trainer's forward
 * pass, onnxruntime and the plain-Java reference must agree within 1e-5. A wrong gate order, a missed bias or an
 * offset not folded into the head would each show here.
 */
class NetRoundTripTest {

    @Test
    void lstmForecasterRoundTripsThroughOnnx() {
        int window = 6;
        int inputs = 3;
        int rows = 64;
        float[] x = gaussian(rows * window * inputs, 1);
        float[] targets = new float[rows * 2];
        float[] masks = new float[rows * 2];
        Random random = new Random(2);
        for (int i = 0; i < rows * 2; i++) {
            targets[i] = (float) Math.exp(random.nextGaussian());
            masks[i] = i % 4 == 3 ? 0 : 1;
        }
        try (ForecasterNet net = new ForecasterNet(
                inputs, new float[] {0.5f, -1f}, new ForecasterNet.Config(4, window, 3, 16, 0.01f, 7))) {
            double loss = net.fit(x, targets, masks, rows, Progress.SILENT);
            assertThat(loss).isFinite();
            LstmWeights weights = net.weights();
            byte[] onnx = OnnxExport.lstm(weights, window, "features", "forecast", "test");
            RoundTrip check = RoundTrip.of(
                    onnx,
                    "features",
                    x,
                    rows,
                    window * inputs,
                    net.predict(x, rows),
                    ReferenceForward.lstm(weights, x, rows, window));
            assertThat(check.onnxVsReference()).isLessThanOrEqualTo(RoundTrip.TOLERANCE);
            assertThat(check.trainerVsReference()).isLessThanOrEqualTo(RoundTrip.TOLERANCE);
        }
    }

    @Test
    void mlpRoundTripsThroughOnnx() {
        int inputs = 5;
        int rows = 100;
        float[] x = gaussian(rows * inputs, 3);
        float[] targets = gaussian(rows * 3, 4);
        try (RangeOutcomeNet net = new RangeOutcomeNet(
                inputs,
                new float[] {1, -1, 10},
                new float[] {2, 2, 5},
                new RangeOutcomeNet.Config(8, 3, 20, 0.01f, 11))) {
            assertThat(net.fit(x, targets, rows, Progress.SILENT)).isFinite();
            MlpWeights weights = net.weights();
            byte[] onnx = OnnxExport.mlp(weights, "features", "outcome", "test");
            RoundTrip check = RoundTrip.of(
                    onnx, "features", x, rows, inputs, net.predict(x, rows), ReferenceForward.mlp(weights, x, rows));
            assertThat(check.passes())
                    .as("onnx %s, trainer %s", check.onnxVsReference(), check.trainerVsReference())
                    .isTrue();
        }
    }

    @Test
    void gateReorderMovesPytorchBlocksIntoOnnxOrder() {
        // one column, hidden 1: blocks i, f, g, o → i, o, f, c(g)
        float[] pytorch = {1, 2, 3, 4};
        assertThat(OnnxExport.reorderGates(pytorch, 1, 1)).containsExactly(1, 4, 2, 3);
    }

    private static float[] gaussian(int n, long seed) {
        Random random = new Random(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
