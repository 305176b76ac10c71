package io.yielddelta.keeper.ml.train.nn;

/**
 * A one-layer LSTM with a linear head on its last hidden state, in PyTorch's layout: gate blocks i, f, g, o of
 * {@code hidden} rows each; matrices row-major. The head's bias already holds the output offset.
 *
 * @param wIh   [4·hidden × inputs]
 * @param wHh   [4·hidden × hidden]
 * @param bIh   [4·hidden]
 * @param bHh   [4·hidden]
 * @param headW [outputs × hidden]
 * @param headB [outputs]
 */
public record LstmWeights(
        int inputs,
        int hidden,
        int outputs,
        float[] wIh,
        float[] wHh,
        float[] bIh,
        float[] bHh,
        float[] headW,
        float[] headB) {

    public LstmWeights {
        int gates = 4 * hidden;
        if (wIh.length != gates * inputs
                || wHh.length != gates * hidden
                || bIh.length != gates
                || bHh.length != gates
                || headW.length != outputs * hidden
                || headB.length != outputs) {
            throw new IllegalArgumentException(
                    "LSTM weight shapes do not match inputs " + inputs + ", hidden " + hidden + ", outputs " + outputs);
        }
    }
}
