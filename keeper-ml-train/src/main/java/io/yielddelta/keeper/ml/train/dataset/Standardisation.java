package io.yielddelta.keeper.ml.train.dataset;

import io.yielddelta.keeper.ml.feature.FeatureScaling;

/** Fits the feature scaling a manifest stores: each column's mean and standard deviation over the training rows. */
public final class Standardisation {
    private Standardisation() {}

    /** @param values row-major, {@code width} columns */
    public static FeatureScaling fit(float[] values, int width) {
        double[] sum = new double[width];
        double[] sumSq = new double[width];
        long n = values.length / width;
        for (int i = 0; i < values.length; i++) {
            sum[i % width] += values[i];
            sumSq[i % width] += (double) values[i] * values[i];
        }
        double[] mean = new double[width];
        double[] std = new double[width];
        for (int k = 0; k < width; k++) {
            mean[k] = sum[k] / n;
            std[k] = Math.max(1e-9, Math.sqrt(Math.max(0, sumSq[k] / n - mean[k] * mean[k])));
        }
        return new FeatureScaling(mean, std);
    }
}
