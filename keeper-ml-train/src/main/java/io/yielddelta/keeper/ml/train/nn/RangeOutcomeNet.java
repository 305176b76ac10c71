package io.yielddelta.keeper.ml.train.nn;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;

/**
 * The LVR / IL predictor as PyTorch trains it: two tanh layers and a linear output, followed by a fixed
 * de-standardisation (the training targets' mean and standard deviation per column), trained on the squared error
 * in standard deviations, so every column weighs the same.
 */
public final class RangeOutcomeNet implements AutoCloseable {

    public record Config(int hidden, int epochs, int batchSize, float learningRate, long seed) {}

    private final Config config;
    private final int inputs;
    private final float[] mean;
    private final float[] std;
    private final Model model;
    private final Trainer trainer;
    private final List<Linear> layers = new ArrayList<>();

    public RangeOutcomeNet(int inputs, float[] targetMean, float[] targetStd, Config config) {
        this.config = config;
        this.inputs = inputs;
        this.mean = targetMean.clone();
        this.std = targetStd.clone();
        Engine.getInstance().setRandomSeed((int) config.seed());
        layers.add(Linear.builder().setUnits(config.hidden()).build());
        layers.add(Linear.builder().setUnits(config.hidden()).build());
        layers.add(Linear.builder().setUnits(mean.length).build());
        SequentialBlock block = new SequentialBlock()
                .add(layers.get(0))
                .add(Activation::tanh)
                .add(layers.get(1))
                .add(Activation::tanh)
                .add(layers.get(2))
                .add(new LambdaBlock(list -> {
                    NDArray out = list.singletonOrThrow();
                    NDManager m = out.getManager();
                    return new NDList(out.mul(m.create(std)).add(m.create(mean)));
                }));
        model = Model.newInstance("range-outcome");
        model.setBlock(block);
        trainer = model.newTrainer(new DefaultTrainingConfig(new ScaledL2Loss(std))
                .optOptimizer(Optimizer.adam()
                        .optLearningRateTracker(Tracker.fixed(config.learningRate()))
                        .build())
                .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT));
        trainer.initialize(new Shape(config.batchSize(), inputs));
    }

    /** @param x rows × inputs, scaled; @param targets rows × outputs */
    public double fit(float[] x, float[] targets, int rows, Progress progress) {
        return Fitting.fit(
                trainer,
                "range outcome (MLP)",
                x,
                new Shape(inputs),
                new float[][] {targets},
                new int[] {mean.length},
                rows,
                config.epochs(),
                config.batchSize(),
                config.seed(),
                progress);
    }

    /** The trainer's own forward pass, outside gradient tracking: rows × outputs. */
    public float[] predict(float[] x, int rows) {
        try (NDManager manager = trainer.getManager().newSubManager()) {
            NDList out = model.getBlock()
                    .forward(
                            new ParameterStore(manager, false),
                            new NDList(manager.create(x, new Shape(rows, inputs))),
                            false);
            return out.singletonOrThrow().toFloatArray();
        }
    }

    /** The trained weights, the de-standardisation folded into the last layer. */
    public MlpWeights weights() {
        List<MlpWeights.Layer> result = new ArrayList<>();
        int in = inputs;
        for (int l = 0; l < layers.size(); l++) {
            Linear layer = layers.get(l);
            float[] w = layer.getParameters().get("weight").getArray().toFloatArray();
            float[] b = layer.getParameters().get("bias").getArray().toFloatArray();
            int out = b.length;
            if (l == layers.size() - 1) {
                for (int j = 0; j < out; j++) {
                    for (int k = 0; k < in; k++) {
                        w[j * in + k] *= std[j];
                    }
                    b[j] = b[j] * std[j] + mean[j];
                }
            }
            result.add(new MlpWeights.Layer(in, out, w, b));
            in = out;
        }
        return new MlpWeights(result);
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }

    /** Mean over rows and columns of ((prediction − target) / std)². */
    static final class ScaledL2Loss extends Loss {
        private final float[] std;

        ScaledL2Loss(float[] std) {
            super("ScaledL2");
            this.std = std.clone();
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray p = predictions.singletonOrThrow();
            NDArray diff = p.sub(labels.singletonOrThrow()).div(p.getManager().create(std));
            return diff.square().mean();
        }
    }
}
