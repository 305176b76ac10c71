package io.yielddelta.keeper.ml.feature;

import io.yielddelta.keeper.core.observation.HourObservation;
import java.util.List;

/**
 * An analytic forecast of the mean variance per hour over a horizon, from the same rows the forecaster sees: what a
 * vault falls back to when the model cannot serve it, and what the model is judged against.
 */
public interface VarianceBaseline {

    String name();

    /** @param rows consecutive hours, oldest first, at least 2 */
    double variancePerHour(List<HourObservation> rows, int horizonHours);

    /** RiskMetrics: the EWMA of squared tick returns with decay 0.94, flat over the horizon (the keeper's default). */
    static VarianceBaseline riskMetrics() {
        return new VarianceBaseline() {
            @Override
            public String name() {
                return "ewma-0.94";
            }

            @Override
            public double variancePerHour(List<HourObservation> rows, int horizonHours) {
                return BaselineForecast.ewmaVariance(rows, BaselineForecast.RISKMETRICS_DECAY);
            }
        };
    }
}
