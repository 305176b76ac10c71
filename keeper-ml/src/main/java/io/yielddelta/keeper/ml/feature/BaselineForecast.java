package io.yielddelta.keeper.ml.feature;

import io.yielddelta.keeper.core.observation.HourObservation;
import java.util.List;

/**
 * The analytic forecasts the models must beat, and fall back to: the variance per hour as RiskMetrics' exponentially
 * weighted average of squared tick returns (decay 0.94 per hour, started from the mean of the first day's), and the
 * fee yield per hour as the mean of the last 24 hours. Computed from the same rows the models see.
 */
public final class BaselineForecast {
    public static final double RISKMETRICS_DECAY = 0.94;
    public static final int FEE_HOURS = 24;

    private BaselineForecast() {}

    /** The exponentially weighted variance per hour of the tick returns in {@code rows} (at least 2 rows). */
    public static double ewmaVariance(List<HourObservation> rows, double decay) {
        if (rows.size() < 2) {
            throw new IllegalArgumentException("need at least 2 hourly rows, have " + rows.size());
        }
        int seed = Math.min(ForecastFeatures.LOOKBACK, rows.size() - 1);
        double variance = 0;
        for (int j = 1; j <= seed; j++) {
            double r = ForecastFeatures.tickReturn(rows, j);
            variance += r * r;
        }
        variance /= seed;
        for (int j = seed + 1; j < rows.size(); j++) {
            double r = ForecastFeatures.tickReturn(rows, j);
            variance = decay * variance + (1 - decay) * r * r;
        }
        return variance;
    }

    /** The mean fee yield per hour of the last {@value #FEE_HOURS} rows (or all, if fewer). */
    public static double trailingFeeYield(List<HourObservation> rows) {
        int from = Math.max(0, rows.size() - FEE_HOURS);
        double sum = 0;
        for (int j = from; j < rows.size(); j++) {
            sum += rows.get(j).feeYield();
        }
        return rows.isEmpty() ? 0 : sum / (rows.size() - from);
    }
}
