package io.yielddelta.keeper.ml.feature;

import io.yielddelta.keeper.core.observation.HourObservation;
import java.util.List;
import java.util.Locale;

/**
 * GARCH(1,1) of hourly tick returns with zero mean, σ²ₜ₊₁ = ω + α·rₜ² + β·σ²ₜ, with parameters fitted offline per asset
 * (keeper-ml-train). Its forecast of the mean variance per hour over H hours is V + (σ²ₜ₊₁ − V)·(1 − pᴴ)/((1 − p)·H),
 * p = α + β, V = ω / (1 − p). Over a window of rows the filter starts at V; with β near 0.9 the start is forgotten
 * within a day.
 */
public record GarchVariance(double omega, double alpha, double beta) implements VarianceBaseline {

    public GarchVariance {
        if (!(omega > 0) || !(alpha >= 0) || !(beta >= 0) || !(alpha + beta < 1)) {
            throw new IllegalArgumentException(
                    "not a stationary GARCH(1,1): ω " + omega + ", α " + alpha + ", β " + beta);
        }
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "garch(ω=%.3g, α=%.3f, β=%.3f)", omega, alpha, beta);
    }

    @Override
    public double variancePerHour(List<HourObservation> rows, int horizonHours) {
        double variance = longRunVariance();
        for (int j = 1; j < rows.size(); j++) {
            variance = next(variance, ForecastFeatures.tickReturn(rows, j));
        }
        return meanVariance(variance, horizonHours);
    }

    /** σ² of the next hour after one whose variance was {@code variance} and whose return was {@code r}. */
    public double next(double variance, double r) {
        return omega + alpha * r * r + beta * variance;
    }

    public double longRunVariance() {
        return omega / (1 - alpha - beta);
    }

    /** The mean variance per hour over the next {@code horizon} hours, given the next hour's {@code nextVariance}. */
    public double meanVariance(double nextVariance, int horizon) {
        double p = alpha + beta;
        double v = longRunVariance();
        return v + (nextVariance - v) * (1 - Math.pow(p, horizon)) / ((1 - p) * horizon);
    }
}
