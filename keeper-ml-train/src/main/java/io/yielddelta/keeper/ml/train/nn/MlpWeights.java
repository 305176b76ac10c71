package io.yielddelta.keeper.ml.train.nn;

import java.util.List;

/**
 * A multi-layer perceptron: tanh after every layer but the last; the last layer already holds the output scaling.
 *
 * @param layers weights [outputs × inputs] row-major and bias [outputs] per layer, first layer first
 */
public record MlpWeights(List<Layer> layers) {

    public record Layer(int inputs, int outputs, float[] weight, float[] bias) {
        public Layer {
            if (weight.length != inputs * outputs || bias.length != outputs) {
                throw new IllegalArgumentException("layer shapes do not match " + inputs + " → " + outputs);
            }
        }
    }

    public MlpWeights {
        layers = List.copyOf(layers);
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).inputs() != layers.get(i - 1).outputs()) {
                throw new IllegalArgumentException(
                        "layer " + i + " takes " + layers.get(i).inputs() + " inputs, layer " + (i - 1) + " gives "
                                + layers.get(i - 1).outputs());
            }
        }
    }

    public int inputs() {
        return layers.getFirst().inputs();
    }

    public int outputs() {
        return layers.getLast().outputs();
    }
}
