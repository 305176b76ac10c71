package io.yielddelta.keeper.ml.train.nn;

import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

/**
 * The ONNX operators (opset {@value #OPSET}) the keeper's graphs use, described for tribuo-util-onnx's graph builder,
 * whose own operator list lacks LSTM, Tanh, Transpose, Reshape and Squeeze.
 */
enum OnnxOps implements ONNXOperator {
    GEMM(
            "Gemm",
            2,
            1,
            1,
            attr("alpha", AttributeType.FLOAT),
            attr("beta", AttributeType.FLOAT),
            attr("transA", AttributeType.INT),
            attr("transB", AttributeType.INT)),
    TANH("Tanh", 1, 0, 1),
    RESHAPE("Reshape", 2, 0, 1),
    TRANSPOSE("Transpose", 1, 0, 1, attr("perm", AttributeType.INTS)),
    SQUEEZE("Squeeze", 1, 1, 1),
    /** Inputs X, W, R, B (sequence_lens, initial_h, initial_c, P optional); outputs Y, Y_h, Y_c. */
    LSTM(
            "LSTM",
            3,
            5,
            3,
            mandatory("hidden_size", AttributeType.INT),
            attr("direction", AttributeType.STRING),
            attr("layout", AttributeType.INT));

    static final int OPSET = 17;

    private final String opName;
    private final int inputs;
    private final int optionalInputs;
    private final int outputs;
    private final Map<String, ONNXAttribute> attributes;

    OnnxOps(String opName, int inputs, int optionalInputs, int outputs, ONNXAttribute... attributes) {
        this.opName = opName;
        this.inputs = inputs;
        this.optionalInputs = optionalInputs;
        this.outputs = outputs;
        Map<String, ONNXAttribute> byName = new LinkedHashMap<>();
        Arrays.stream(attributes).forEach(a -> byName.put(a.getName(), a));
        this.attributes = Collections.unmodifiableMap(byName);
    }

    private static ONNXAttribute attr(String name, AttributeType type) {
        return new ONNXAttribute(name, type, false);
    }

    private static ONNXAttribute mandatory(String name, AttributeType type) {
        return new ONNXAttribute(name, type, true);
    }

    @Override
    public String getOpName() {
        return opName;
    }

    @Override
    public int getNumInputs() {
        return inputs;
    }

    @Override
    public int getNumOptionalInputs() {
        return optionalInputs;
    }

    @Override
    public int getNumOutputs() {
        return outputs;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return attributes;
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return attributes.values().stream()
                .filter(ONNXAttribute::isMandatory)
                .map(ONNXAttribute::getName)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public int getOpVersion() {
        return OPSET;
    }

    @Override
    public String getOpDomain() {
        return "";
    }
}
