package io.yielddelta.keeper.ml.forecast;

import io.yielddelta.keeper.ml.model.Fallback;

/**
 * One pool's expected variance and fee yield per hour over the forecaster's horizon.
 *
 * @param variancePerHour  expected squared log return per hour
 * @param feeYieldPerHour  expected fees per hour per unit of full-range position value
 * @param source           the model (name and version) or baseline that produced it
 * @param fallback         why the model was not used, or {@code null} when it was
 */
public record Forecast(double variancePerHour, double feeYieldPerHour, String source, Fallback fallback) {

    public Forecast {
        if (!(variancePerHour >= 0)
                || !(feeYieldPerHour >= 0)
                || Double.isInfinite(variancePerHour)
                || Double.isInfinite(feeYieldPerHour)) {
            throw new IllegalArgumentException("forecast must be finite and not negative, was variance "
                    + variancePerHour + ", fee yield " + feeYieldPerHour);
        }
    }

    public boolean fromModel() {
        return fallback == null;
    }
}
