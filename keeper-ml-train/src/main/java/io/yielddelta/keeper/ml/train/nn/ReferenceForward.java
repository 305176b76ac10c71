package io.yielddelta.keeper.ml.train.nn;

import java.util.List;

/**
 * Plain-Java forward passes in double precision, written from the equations and not from any library, against which
 * both the trainer's forward pass and the exported ONNX files are checked.
 */
public final class ReferenceForward {
    private ReferenceForward() {}

    /**
     * PyTorch's LSTM equations (gates i, f, g, o): i = σ(W_ii x + b_ii + W_hi h + b_hi), f likewise, g with tanh, o
     * likewise; c' = f·c + i·g; h' = o·tanh(c'). Output: head(h) after the last step.
     *
     * @param input rows × window × inputs, row-major
     */
    public static double[] lstm(LstmWeights w, float[] input, int rows, int window) {
        int n = w.hidden();
        double[] out = new double[rows * w.outputs()];
        double[] gates = new double[4 * n];
        for (int r = 0; r < rows; r++) {
            double[] h = new double[n];
            double[] c = new double[n];
            for (int t = 0; t < window; t++) {
                int x0 = (r * window + t) * w.inputs();
                for (int g = 0; g < 4 * n; g++) {
                    double sum = w.bIh()[g] + w.bHh()[g];
                    for (int k = 0; k < w.inputs(); k++) {
                        sum += w.wIh()[g * w.inputs() + k] * (double) input[x0 + k];
                    }
                    for (int k = 0; k < n; k++) {
                        sum += w.wHh()[g * n + k] * h[k];
                    }
                    gates[g] = sum;
                }
                for (int k = 0; k < n; k++) {
                    double i = sigmoid(gates[k]);
                    double f = sigmoid(gates[n + k]);
                    double g = Math.tanh(gates[2 * n + k]);
                    double o = sigmoid(gates[3 * n + k]);
                    c[k] = f * c[k] + i * g;
                    h[k] = o * Math.tanh(c[k]);
                }
            }
            for (int j = 0; j < w.outputs(); j++) {
                double sum = w.headB()[j];
                for (int k = 0; k < n; k++) {
                    sum += w.headW()[j * n + k] * h[k];
                }
                out[r * w.outputs() + j] = sum;
            }
        }
        return out;
    }

    /** y = W x + b per layer, tanh between layers. @param input rows × inputs, row-major */
    public static double[] mlp(MlpWeights w, float[] input, int rows) {
        double[] out = new double[rows * w.outputs()];
        List<MlpWeights.Layer> layers = w.layers();
        for (int r = 0; r < rows; r++) {
            double[] x = new double[w.inputs()];
            for (int k = 0; k < x.length; k++) {
                x[k] = input[r * w.inputs() + k];
            }
            for (int l = 0; l < layers.size(); l++) {
                MlpWeights.Layer layer = layers.get(l);
                double[] y = new double[layer.outputs()];
                for (int j = 0; j < y.length; j++) {
                    double sum = layer.bias()[j];
                    for (int k = 0; k < layer.inputs(); k++) {
                        sum += layer.weight()[j * layer.inputs() + k] * x[k];
                    }
                    y[j] = l < layers.size() - 1 ? Math.tanh(sum) : sum;
                }
                x = y;
            }
            System.arraycopy(x, 0, out, r * w.outputs(), x.length);
        }
        return out;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
