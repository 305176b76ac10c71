package io.yielddelta.keeper.ml.train.dataset;

import io.yielddelta.keeper.ml.feature.FeatureScaling;
import io.yielddelta.keeper.ml.feature.ForecastFeatures;
import java.util.List;

/**
 * The forecaster's training rows: per anchor, the window of feature rows computed by {@link ForecastFeatures} (the
 * runtime's code), the realised variance and fee yield per hour over the horizon, and a mask per target (the
 * volatility target counts once per asset, the fee target only where the fee history is the pool's own).
 */
public final class ForecastSet {
    public final int rows;
    public final int window;
    public final float[] x;
    public final float[] targets;
    public final float[] masks;

    private ForecastSet(int rows, int window) {
        this.rows = rows;
        this.window = window;
        this.x = new float[rows * window * ForecastFeatures.COUNT];
        this.targets = new float[rows * 2];
        this.masks = new float[rows * 2];
    }

    public static ForecastSet of(List<Anchor> anchors, int window, int horizon) {
        ForecastSet set = new ForecastSet(anchors.size(), window);
        int width = window * ForecastFeatures.COUNT;
        for (int i = 0; i < anchors.size(); i++) {
            Anchor a = anchors.get(i);
            ForecastFeatures.window(a.history(ForecastFeatures.rowsNeeded(window)), window, set.x, i * width);
            set.targets[2 * i] = (float) a.realisedVariance(horizon);
            set.targets[2 * i + 1] = (float) a.realisedFeeYield(horizon);
            set.masks[2 * i] = a.series().spec().forVolatility() ? 1 : 0;
            set.masks[2 * i + 1] = a.series().spec().feeIsReal() ? 1 : 0;
        }
        return set;
    }

    /** Mean and standard deviation of each feature over every row of every window. */
    public FeatureScaling fitScaling() {
        return Standardisation.fit(x, ForecastFeatures.COUNT);
    }

    /** ln of each target's masked mean: the forecaster's starting output. */
    public float[] logMeanTargets() {
        double[] sum = new double[2];
        double[] count = new double[2];
        for (int i = 0; i < rows * 2; i++) {
            sum[i % 2] += targets[i] * masks[i];
            count[i % 2] += masks[i];
        }
        return new float[] {(float) Math.log(sum[0] / count[0]), (float) Math.log(sum[1] / count[1])};
    }
}
