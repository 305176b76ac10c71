package io.yielddelta.keeper.ml.feature;

import java.util.Arrays;

/** Standardisation of features, fitted on the training period only and stored in the model's manifest. */
public record FeatureScaling(double[] mean, double[] std) {

    public FeatureScaling {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " entries, std " + std.length);
        }
        for (int i = 0; i < std.length; i++) {
            if (!Double.isFinite(mean[i]) || !(std[i] > 0) || Double.isInfinite(std[i])) {
                throw new IllegalArgumentException(
                        "feature " + i + ": need a finite mean and a positive std, was " + mean[i] + ", " + std[i]);
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    public int width() {
        return mean.length;
    }

    /** Scales {@code values[offset, offset + length)} in place, feature by feature (length a multiple of the width). */
    public void apply(float[] values, int offset, int length) {
        for (int i = 0; i < length; i++) {
            int f = i % mean.length;
            values[offset + i] = (float) ((values[offset + i] - mean[f]) / std[f]);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureScaling other && Arrays.equals(mean, other.mean) && Arrays.equals(std, other.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "FeatureScaling[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
