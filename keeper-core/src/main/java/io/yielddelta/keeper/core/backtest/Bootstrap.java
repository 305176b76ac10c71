package io.yielddelta.keeper.core.backtest;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A moving-block bootstrap of a run's daily P&amp;L: days are resampled in blocks of 30 consecutive days (wrapping
 * around the end), so that a month's runs of good or bad luck stay together, and the annualised return of each resample
 * gives the interval. Seeded: the same run gives the same interval.
 */
public final class Bootstrap {
    public static final int BLOCK_DAYS = 30;
    private static final int RESAMPLES = 2000;
    private static final long SEED = 20_240_101L;

    private Bootstrap() {}

    /**
     * @param dailyPnl each day's P&amp;L in quote units
     * @return the 5 % and 95 % quantiles of the resampled simple annualised return, in % of {@code capital}; empty when
     *         the run is shorter than one block
     */
    public static List<Double> interval90(double[] dailyPnl, double capital, double years) {
        int days = dailyPnl.length;
        if (days < BLOCK_DAYS || !(years > 0)) {
            return List.of();
        }
        SplittableRandom random = new SplittableRandom(SEED);
        double[] apy = new double[RESAMPLES];
        for (int r = 0; r < RESAMPLES; r++) {
            double sum = 0;
            for (int filled = 0; filled < days; ) {
                int start = random.nextInt(days);
                for (int k = 0; k < BLOCK_DAYS && filled < days; k++, filled++) {
                    sum += dailyPnl[(start + k) % days];
                }
            }
            apy[r] = sum / capital / years * 100;
        }
        Arrays.sort(apy);
        return List.of(apy[(int) Math.floor(0.05 * (RESAMPLES - 1))], apy[(int) Math.ceil(0.95 * (RESAMPLES - 1))]);
    }
}
