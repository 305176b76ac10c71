package io.yielddelta.keeper.ml.train.nn;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * The forecaster as PyTorch trains it (through DJL): an LSTM over a window of feature rows, a linear head on its last
 * hidden state, plus a fixed offset per output (the log of the training targets' mean) so the network starts near
 * the unconditional forecast. Each output is the log of a non-negative quantity's expected value and is trained with
 * the QLIKE loss y·e^(−p) + p, whose minimum over p is at ln E[y]; a mask drops the targets a series cannot supply
 * (the fee target of a series whose fees are a proxy).
 */
public final class ForecasterNet implements AutoCloseable {

    public record Config(int hidden, int window, int epochs, int batchSize, float learningRate, long seed) {}

    private final Config config;
    private final int inputs;
    private final float[] offset;
    private final Model model;
    private final Trainer trainer;
    private final LSTM lstm;
    private final Linear head;

    public ForecasterNet(int inputs, float[] offset, Config config) {
        this.config = config;
        this.inputs = inputs;
        this.offset = offset.clone();
        Engine.getInstance().setRandomSeed((int) config.seed());
        lstm = LSTM.builder()
                .setStateSize(config.hidden())
                .setNumLayers(1)
                .optBatchFirst(true)
                .optReturnState(false)
                .build();
        head = Linear.builder().setUnits(offset.length).build();
        SequentialBlock block = new SequentialBlock()
                .add(lstm)
                .add(new LambdaBlock(list -> new NDList(list.singletonOrThrow().get(new NDIndex(":, -1, :")))))
                .add(head)
                .add(new LambdaBlock(list -> {
                    NDArray out = list.singletonOrThrow();
                    return new NDList(out.add(out.getManager().create(this.offset)));
                }));
        model = Model.newInstance("forecaster");
        model.setBlock(block);
        trainer = model.newTrainer(new DefaultTrainingConfig(new MaskedQlikeLoss())
                .optOptimizer(Optimizer.adam()
                        .optLearningRateTracker(Tracker.fixed(config.learningRate()))
                        .build())
                .optInitializer(new XavierInitializer(), Parameter.Type.WEIGHT));
        trainer.initialize(new Shape(config.batchSize(), config.window(), inputs));
    }

    /**
     * @param x       rows × window × inputs, scaled
     * @param targets rows × outputs, the realised quantities (not their logs)
     * @param masks   rows × outputs, 1 where the target counts, 0 where it does not
     * @return the last epoch's mean loss
     */
    public double fit(float[] x, float[] targets, float[] masks, int rows, Progress progress) {
        return Fitting.fit(
                trainer,
                "forecaster (LSTM)",
                x,
                new Shape(config.window(), inputs),
                new float[][] {targets, masks},
                new int[] {offset.length, offset.length},
                rows,
                config.epochs(),
                config.batchSize(),
                config.seed(),
                progress);
    }

    /** The trainer's own forward pass, outside gradient tracking: rows × outputs. */
    public float[] predict(float[] x, int rows) {
        try (NDManager manager = trainer.getManager().newSubManager()) {
            NDArray input = manager.create(x, new Shape(rows, config.window(), inputs));
            NDList out = model.getBlock().forward(new ParameterStore(manager, false), new NDList(input), false);
            return out.singletonOrThrow().toFloatArray();
        }
    }

    /** The trained weights in PyTorch's layout, the offset folded into the head's bias. */
    public LstmWeights weights() {
        var p = lstm.getParameters();
        float[] headB = head.getParameters().get("bias").getArray().toFloatArray();
        for (int i = 0; i < headB.length; i++) {
            headB[i] += offset[i];
        }
        return new LstmWeights(
                inputs,
                config.hidden(),
                offset.length,
                p.get("l_0_i2h_WEIGHT").getArray().toFloatArray(),
                p.get("l_0_h2h_WEIGHT").getArray().toFloatArray(),
                p.get("l_0_i2h_BIAS").getArray().toFloatArray(),
                p.get("l_0_h2h_BIAS").getArray().toFloatArray(),
                head.getParameters().get("weight").getArray().toFloatArray(),
                headB);
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }

    /** Σ over outputs of the masked mean of y·e^(−p) + p. Labels: targets, masks. */
    static final class MaskedQlikeLoss extends Loss {
        MaskedQlikeLoss() {
            super("MaskedQLIKE");
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray p = predictions.singletonOrThrow();
            NDArray y = labels.get(0);
            NDArray mask = labels.get(1);
            NDArray perRow = y.mul(p.neg().exp()).add(p).mul(mask);
            return perRow.sum(new int[] {0})
                    .div(mask.sum(new int[] {0}).maximum(1f))
                    .sum();
        }
    }
}
