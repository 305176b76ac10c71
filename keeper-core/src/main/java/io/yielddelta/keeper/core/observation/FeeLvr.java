package io.yielddelta.keeper.core.observation;

import java.util.List;

/**
 * What providing liquidity earned against what it lost to arbitrage over a run of hours, from what the keeper could
 * see at the time: the pool's fee yield of a full-range position ({@link HourObservation#feeYield}) against its LVR,
 * σ²/8 of the same position per unit of value, with σ² each hour's Parkinson variance of the mark's high and low (far
 * less noisy over a few hours than squared hourly returns, and what an intra-hour path with that range realises). Both
 * scale alike with a range's concentration, so the ratio holds for any range while in range: above 1 the fees paid
 * for the LVR.
 */
public final class FeeLvr {

    private static final double PARKINSON = 1 / (4 * Math.log(2));

    private FeeLvr() {}

    /** @return fees over LVR of the rows' hours, NaN when there are none or the mark never moved */
    public static double ratio(List<HourObservation> rows) {
        double fees = 0;
        double variance = 0;
        for (HourObservation hour : rows) {
            double range = Math.log(hour.markHigh() / hour.markLow());
            variance += range * range * PARKINSON;
            fees += hour.feeYield();
        }
        return variance == 0 ? Double.NaN : fees / (variance / 8);
    }
}
