package io.yielddelta.keeper.ml.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.util.Locale;
import java.util.Random;

/**
 * Mini-batch gradient descent over rows held in float arrays: a seeded shuffle per epoch, one optimiser step per
 * batch, the mean training loss per epoch reported.
 */
final class Fitting {
    private Fitting() {}

    /**
     * @param x        rows × prod(rowShape) inputs
     * @param labels   label arrays, each rows × its width
     * @param widths   the width of each label array
     * @return the last epoch's mean loss
     */
    static double fit(
            Trainer trainer,
            String what,
            float[] x,
            Shape rowShape,
            float[][] labels,
            int[] widths,
            int rows,
            int epochs,
            int batchSize,
            long seed,
            Progress progress) {
        int width = Math.toIntExact(rowShape.size());
        Random random = new Random(seed);
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        double epochLoss = Double.NaN;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            shuffle(order, random);
            double lossSum = 0;
            int batches = 0;
            for (int start = 0; start < rows; start += batchSize) {
                int n = Math.min(batchSize, rows - start);
                try (NDManager batch = trainer.getManager().newSubManager()) {
                    float[] bx = new float[n * width];
                    float[][] bl = new float[labels.length][];
                    for (int l = 0; l < labels.length; l++) {
                        bl[l] = new float[n * widths[l]];
                    }
                    for (int i = 0; i < n; i++) {
                        int row = order[start + i];
                        System.arraycopy(x, row * width, bx, i * width, width);
                        for (int l = 0; l < labels.length; l++) {
                            System.arraycopy(labels[l], row * widths[l], bl[l], i * widths[l], widths[l]);
                        }
                    }
                    NDList inputs = new NDList(batch.create(bx, new Shape(n).addAll(rowShape)));
                    NDList targets = new NDList();
                    for (int l = 0; l < labels.length; l++) {
                        targets.add(batch.create(bl[l], new Shape(n, widths[l])));
                    }
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDList predictions = trainer.forward(inputs);
                        NDArray loss = trainer.getLoss().evaluate(targets, predictions);
                        collector.backward(loss);
                        lossSum += loss.getFloat();
                    }
                    trainer.step();
                    batches++;
                }
            }
            epochLoss = lossSum / batches;
            progress.step(what, epoch, epochs, String.format(Locale.ROOT, "loss %.5f", epochLoss));
        }
        return epochLoss;
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
