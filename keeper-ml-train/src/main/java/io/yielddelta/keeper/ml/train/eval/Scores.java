package io.yielddelta.keeper.ml.train.eval;

import java.util.Random;

/** The loss functions the forecasts are judged by, and a block bootstrap of their differences. */
public final class Scores {
    public static final double HOURS_PER_YEAR = 8760;

    private Scores() {}

    /** QLIKE of a variance (or any positive mean) forecast f against a realised y: y/f − ln(y/f) − 1 (0 when exact). */
    public static double qlike(double realised, double forecast) {
        double ratio = Math.max(realised, 1e-20) / forecast;
        return ratio - Math.log(ratio) - 1;
    }

    public static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    public static double rmse(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum / a.length);
    }

    /**
     * The 5 % and 95 % quantiles of the mean of {@code values} (hourly, in time order) under a moving-block bootstrap
     * with blocks of {@code block} consecutive values: an interval for a mean loss difference that respects the
     * overlap of 24-hour targets and volatility clustering.
     */
    public static double[] bootstrap90(double[] values, int block, int draws, long seed) {
        Random random = new Random(seed);
        double[] means = new double[draws];
        int n = values.length;
        int blocks = (n + block - 1) / block;
        for (int d = 0; d < draws; d++) {
            double sum = 0;
            int count = 0;
            for (int b = 0; b < blocks; b++) {
                int start = random.nextInt(Math.max(1, n - block + 1));
                for (int k = start; k < Math.min(n, start + block) && count < n; k++, count++) {
                    sum += values[k];
                }
            }
            means[d] = sum / count;
        }
        java.util.Arrays.sort(means);
        return new double[] {means[(int) (0.05 * (draws - 1))], means[(int) (0.95 * (draws - 1))]};
    }
}
