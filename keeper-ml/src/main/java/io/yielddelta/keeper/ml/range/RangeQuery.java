package io.yielddelta.keeper.ml.range;

/**
 * A candidate range and what is expected of the pool, for which the outcome over the horizon is asked.
 *
 * @param halfWidth       the range's half-width in log price
 * @param offset          where the price sits in it, in half-widths from the centre (|offset| &lt; 1)
 * @param variancePerHour the forecast variance of the log price per hour
 * @param feeYieldPerHour the forecast fee yield per hour of a full-range position
 * @param horizonHours    how long the range is held
 */
public record RangeQuery(
        double halfWidth, double offset, double variancePerHour, double feeYieldPerHour, int horizonHours) {

    public RangeQuery {
        RangeGeometry.requireRange(halfWidth, offset);
        if (!(variancePerHour > 0)
                || !(feeYieldPerHour > 0)
                || Double.isInfinite(variancePerHour)
                || Double.isInfinite(feeYieldPerHour)
                || horizonHours < 1) {
            throw new IllegalArgumentException("need positive finite forecasts and a horizon of at least an hour, was "
                    + variancePerHour + ", " + feeYieldPerHour + ", " + horizonHours);
        }
    }

    public double concentration() {
        return RangeGeometry.concentration(halfWidth, offset);
    }

    /** The model's inputs, in the order of {@link RangeOutcomePredictor#INPUTS}. */
    public void features(float[] out, int at) {
        double sigmaHorizon = Math.sqrt(variancePerHour * horizonHours);
        out[at] = (float) Math.log(concentration());
        out[at + 1] = (float) offset;
        out[at + 2] = (float) Math.log(halfWidth / sigmaHorizon);
        out[at + 3] = (float) Math.log(sigmaHorizon);
        out[at + 4] = (float) Math.log(feeYieldPerHour);
    }
}
