package io.yielddelta.keeper.ml.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * One ONNX file in an onnxruntime session, checked against its manifest when opened: the SHA-256 of its bytes, its
 * input and output names and shapes, and a smoke inference whose output must match the manifest's. Runs one batch of
 * rows per call; one thread per session, so the keeper's inference shares the machine's cores politely.
 */
public final class OnnxModel implements AutoCloseable {

    private final ModelManifest manifest;
    private final OrtSession session;

    private OnnxModel(ModelManifest manifest, OrtSession session) {
        this.manifest = manifest;
        this.session = session;
    }

    /**
     * Opens and checks {@code bytes} against {@code manifest}.
     *
     * @throws ModelException naming {@code source} and the first check that failed
     */
    public static OnnxModel open(ModelManifest manifest, byte[] bytes, String source) {
        String digest = Sha256.hex(bytes);
        if (!digest.equals(manifest.sha256())) {
            throw new ModelException(source + ": sha256 is " + digest + ", the manifest says " + manifest.sha256());
        }
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            session = OrtEnvironment.getEnvironment().createSession(bytes, options);
        } catch (OrtException e) {
            throw new ModelException(source + ": onnxruntime cannot load it: " + e.getMessage(), e);
        }
        OnnxModel model = new OnnxModel(manifest, session);
        try {
            model.checkSignature(source);
            model.checkSmoke(source);
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /**
     * Runs {@code rows} input rows (row-major, {@link ModelManifest#inputWidth()} each) and returns the output rows
     * (row-major, {@link ModelManifest#outputWidth()} each).
     */
    public float[] run(float[] input, int rows) {
        int width = manifest.inputWidth();
        if (input.length < rows * width) {
            throw new IllegalArgumentException(
                    "input holds " + input.length + " floats, " + rows + " rows need " + rows * width);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor tensor = OnnxTensor.createTensor(
                        env, FloatBuffer.wrap(input, 0, rows * width), new long[] {rows, width});
                OrtSession.Result result = session.run(Map.of(manifest.input().name(), tensor))) {
            OnnxTensor out = (OnnxTensor) result.get(manifest.output().name())
                    .orElseThrow(() -> new ModelException(manifest.label() + ": no output "
                            + manifest.output().name()));
            FloatBuffer buffer = out.getFloatBuffer();
            float[] values = new float[buffer.remaining()];
            buffer.get(values);
            if (values.length != rows * manifest.outputWidth()) {
                throw new ModelException(
                        manifest.label() + ": returned " + values.length + " floats for " + rows + " rows");
            }
            return values;
        } catch (OrtException e) {
            throw new ModelException(manifest.label() + ": inference failed: " + e.getMessage(), e);
        }
    }

    private void checkSignature(String source) {
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            checkTensor(source, "input", inputs, manifest.input());
            checkTensor(source, "output", outputs, manifest.output());
        } catch (OrtException e) {
            throw new ModelException(source + ": cannot read its signature: " + e.getMessage(), e);
        }
    }

    private static void checkTensor(
            String source, String kind, Map<String, NodeInfo> actual, ModelManifest.Tensor expected) {
        if (actual.size() != 1 || !actual.containsKey(expected.name())) {
            throw new ModelException(source + ": " + kind + "s are " + actual.keySet()
                    + ", the manifest says one named " + expected.name());
        }
        if (!(actual.get(expected.name()).getInfo() instanceof TensorInfo info)
                || info.type != ai.onnxruntime.OnnxJavaType.FLOAT
                || !Arrays.equals(info.getShape(), expected.shape())) {
            throw new ModelException(source + ": " + kind + " " + expected.name() + " is "
                    + actual.get(expected.name()).getInfo() + ", the manifest says float "
                    + Arrays.toString(expected.shape()));
        }
    }

    private void checkSmoke(String source) {
        ModelManifest.Smoke smoke = manifest.smoke();
        float[] output = run(smoke.input(), smoke.rows());
        for (int i = 0; i < output.length; i++) {
            double diff = Math.abs(output[i] - smoke.output()[i]);
            if (!(diff <= smoke.tolerance())) {
                throw new ModelException(source + ": smoke inference gave " + output[i] + " at " + i
                        + ", the manifest expects " + smoke.output()[i] + " (tolerance " + smoke.tolerance() + ")");
            }
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new ModelException(manifest.label() + ": cannot close its session", e);
        }
    }
}
