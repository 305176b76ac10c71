package io.yielddelta.keeper.ml.train.nn;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * One exported model run three ways on the same rows — the trainer's forward pass, onnxruntime on the ONNX bytes,
 * and the plain-Java reference — and the largest absolute differences between them.
 *
 * @param onnx            onnxruntime's output
 * @param onnxVsReference max |onnx − reference|
 * @param trainerVsReference max |trainer − reference|
 */
public record RoundTrip(float[] onnx, double onnxVsReference, double trainerVsReference) {

    /** The check every exported file must pass. */
    public static final double TOLERANCE = 1e-5;

    public static RoundTrip of(
            byte[] model, String inputName, float[] input, int rows, int width, float[] trainer, double[] reference) {
        float[] onnx = run(model, inputName, input, rows, width);
        return new RoundTrip(onnx, maxDiff(onnx, reference), maxDiff(trainer, reference));
    }

    public boolean passes() {
        return onnxVsReference <= TOLERANCE && trainerVsReference <= TOLERANCE;
    }

    /** onnxruntime's output of {@code rows} rows of {@code width} inputs. */
    public static float[] run(byte[] model, String inputName, float[] input, int rows, int width) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model, options);
                    OnnxTensor tensor = OnnxTensor.createTensor(
                            env, FloatBuffer.wrap(input, 0, rows * width), new long[] {rows, width});
                    OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
                FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
                float[] values = new float[out.remaining()];
                out.get(values);
                return values;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("onnxruntime cannot run the exported model: " + e.getMessage(), e);
        }
    }

    private static double maxDiff(float[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalStateException("outputs differ in length: " + a.length + " vs " + b.length);
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - b[i]);
            max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(max, d);
        }
        return max;
    }
}
