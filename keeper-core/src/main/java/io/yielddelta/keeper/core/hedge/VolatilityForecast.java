package io.yielddelta.keeper.core.hedge;

import java.time.Duration;

/**
 * A forecast of the base price over a horizon, for the gamma-aware mode.
 *
 * @param sigmaPerSqrtHour volatility of log returns per √hour
 * @param driftPerHour     expected log return per hour (0 when the forecaster has no view)
 * @param horizon          how far ahead the hedge should hold: usually the time to the next chain read
 */
public record VolatilityForecast(double sigmaPerSqrtHour, double driftPerHour, Duration horizon) {
    public VolatilityForecast {
        if (!(sigmaPerSqrtHour >= 0) || Double.isInfinite(sigmaPerSqrtHour) || !Double.isFinite(driftPerHour)) {
            throw new IllegalArgumentException("sigma must be finite and not negative, drift finite");
        }
        if (horizon == null || horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("horizon must be positive");
        }
    }

    double hours() {
        return horizon.toMillis() / 3_600_000.0;
    }
}
