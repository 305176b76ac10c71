package io.yielddelta.keeper.ml.train.nn;

import ai.onnx.proto.OnnxMl;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Writes trained weights as ONNX graphs (opset {@value OnnxOps#OPSET}) with tribuo-util-onnx. Each graph takes one
 * float input [-1, width] and gives one float output [-1, columns], the contract keeper-ml's manifests describe.
 */
public final class OnnxExport {
    /** PyTorch orders the LSTM's gate blocks i, f, g, o; ONNX wants i, o, f, c: ONNX block k is PyTorch block ORDER[k]. */
    private static final int[] GATE_ORDER = {0, 3, 1, 2};

    private OnnxExport() {}

    /**
     * Input [-1, window·inputs] (rows of a window, flattened) → Reshape [-1, window, inputs] → Transpose to time-major
     * → LSTM → last hidden state → Squeeze → Gemm head → output [-1, outputs].
     */
    public static byte[] lstm(LstmWeights w, int window, String inputName, String outputName, String docString) {
        ONNXContext ctx = new ONNXContext();
        ONNXPlaceholder input = ctx.floatInput(inputName, window * w.inputs());
        ONNXPlaceholder output = ctx.floatOutput(outputName, w.outputs());
        int n = w.hidden();
        ONNXInitializer shape = ctx.array("window_shape", new long[] {-1, window, w.inputs()});
        ONNXInitializer wOnnx = ctx.floatTensor(
                "lstm_W", List.of(1, 4 * n, w.inputs()), b -> b.put(reorderGates(w.wIh(), n, w.inputs())));
        ONNXInitializer rOnnx =
                ctx.floatTensor("lstm_R", List.of(1, 4 * n, n), b -> b.put(reorderGates(w.wHh(), n, n)));
        ONNXInitializer bOnnx = ctx.floatTensor("lstm_B", List.of(1, 8 * n), b -> {
            b.put(reorderGates(w.bIh(), n, 1));
            b.put(reorderGates(w.bHh(), n, 1));
        });
        ONNXInitializer squeezeAxes = ctx.array("squeeze_axes", new long[] {0});
        ONNXInitializer headW = ctx.floatTensor("head_W", List.of(w.outputs(), n), b -> b.put(w.headW()));
        ONNXInitializer headB = ctx.floatTensor("head_B", List.of(w.outputs()), b -> b.put(w.headB()));

        ONNXNode windowed = input.apply(OnnxOps.RESHAPE, shape);
        ONNXNode timeMajor = windowed.apply(OnnxOps.TRANSPOSE, Map.of("perm", new int[] {1, 0, 2}));
        List<ONNXNode> lstm = timeMajor.apply(
                OnnxOps.LSTM,
                List.<ONNXRef<?>>of(wOnnx, rOnnx, bOnnx),
                List.of("lstm_Y", "lstm_Y_h", "lstm_Y_c"),
                Map.of("hidden_size", n));
        ONNXNode last = lstm.get(1).apply(OnnxOps.SQUEEZE, squeezeAxes);
        ONNXNode head =
                ctx.operation(OnnxOps.GEMM, List.<ONNXRef<?>>of(last, headW, headB), "head", Map.of("transB", 1));
        head.assignTo(output);
        return model(ctx, docString);
    }

    /** Input [-1, inputs] → (Gemm → Tanh)* → Gemm → output [-1, outputs]. */
    public static byte[] mlp(MlpWeights w, String inputName, String outputName, String docString) {
        ONNXContext ctx = new ONNXContext();
        ONNXRef<?> x = ctx.floatInput(inputName, w.inputs());
        ONNXPlaceholder output = ctx.floatOutput(outputName, w.outputs());
        List<MlpWeights.Layer> layers = w.layers();
        for (int l = 0; l < layers.size(); l++) {
            MlpWeights.Layer layer = layers.get(l);
            ONNXInitializer weight = ctx.floatTensor(
                    "layer" + l + "_W", List.of(layer.outputs(), layer.inputs()), b -> b.put(layer.weight()));
            ONNXInitializer bias =
                    ctx.floatTensor("layer" + l + "_B", List.of(layer.outputs()), b -> b.put(layer.bias()));
            ONNXNode affine =
                    ctx.operation(OnnxOps.GEMM, List.<ONNXRef<?>>of(x, weight, bias), "layer" + l, Map.of("transB", 1));
            x = l < layers.size() - 1 ? affine.apply(OnnxOps.TANH) : affine;
        }
        x.assignTo(output);
        return model(ctx, docString);
    }

    private static byte[] model(ONNXContext ctx, String docString) {
        ctx.setName("keeper");
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("keeper-ml-train")
                .setDocString(docString)
                .addOpsetImport(
                        OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxOps.OPSET))
                .setGraph(ctx.buildGraph())
                .build()
                .toByteArray();
    }

    /** Rows of {@code columns} values in PyTorch gate-block order → ONNX gate-block order. */
    static float[] reorderGates(float[] pytorch, int hidden, int columns) {
        float[] onnx = new float[pytorch.length];
        int block = hidden * columns;
        for (int k = 0; k < 4; k++) {
            System.arraycopy(pytorch, GATE_ORDER[k] * block, onnx, k * block, block);
        }
        return onnx;
    }
}
