package io.yielddelta.keeper.ml.feature;

import io.yielddelta.keeper.core.observation.HourObservation;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The forecaster's features: one row per hour, each computed from that hour's {@link HourObservation} and the
 * {@value #LOOKBACK} before it. The same code builds training windows from market history, the backtest's windows
 * and the daemon's, so a feature cannot mean one thing in training and another live. Every feature is free of the
 * price level and of the liquidity's units (only log changes enter), so a pool's raw ticks and liquidity and a
 * history's human prices give the same rows.
 */
public final class ForecastFeatures {

    /** Hours before a row that its features look at. */
    public static final int LOOKBACK = 24;
    /** ln(1.0001): log price per tick. */
    public static final double LOG_PRICE_PER_TICK = Math.log(1.0001);

    public static final List<String> NAMES = List.of(
            "tickReturn", // log price change of the pool over the hour
            "lnMarkRangeVariance", // Parkinson variance of the venue mark's high/low, log
            "twapGap", // log price between the pool's tick and its hour TWAP
            "lnFeeYield", // fees of the hour per unit of full-range value, log
            "fundingRatePerHour", // the venue's last settled funding, per hour
            "liquidityChange24h", // log change of the pool's active liquidity over 24 h
            "lnRealisedVariance24h", // log mean squared tick return over the last 24 h
            "hourOfDaySin",
            "hourOfDayCos");
    public static final int COUNT = NAMES.size();

    /** Floor under variances and yields before taking logs (a quiet hour has a zero range). */
    static final double LOG_FLOOR = 1e-12;

    private static final double PARKINSON = 1 / (4 * Math.log(2));

    private ForecastFeatures() {}

    /** Rows of history a window of {@code window} feature rows needs. */
    public static int rowsNeeded(int window) {
        return window + LOOKBACK;
    }

    /**
     * The unscaled features of the last {@code window} hours of {@code rows} into {@code out} from {@code offset},
     * hour by hour (row-major, {@link #COUNT} per hour).
     *
     * @throws IllegalArgumentException if fewer than {@link #rowsNeeded} rows are given or two of the rows used are
     *                                  not consecutive hours (names the hours)
     */
    public static void window(List<HourObservation> rows, int window, float[] out, int offset) {
        int needed = rowsNeeded(window);
        if (rows.size() < needed) {
            throw new IllegalArgumentException(
                    "need " + needed + " hourly rows for a window of " + window + ", have " + rows.size());
        }
        int first = rows.size() - needed;
        requireConsecutive(rows, first);
        for (int j = first + LOOKBACK, k = 0; j < rows.size(); j++, k++) {
            row(rows, j, out, offset + k * COUNT);
        }
    }

    /**
     * Features of every row from index {@link #LOOKBACK} on, for building training sets over a long history:
     * {@code result[j]} holds row j's features ({@code null} for the first {@link #LOOKBACK} rows).
     */
    public static float[][] series(List<HourObservation> rows) {
        requireConsecutive(rows, 0);
        float[][] result = new float[rows.size()][];
        for (int j = LOOKBACK; j < rows.size(); j++) {
            result[j] = new float[COUNT];
            row(rows, j, result[j], 0);
        }
        return result;
    }

    /** The log price change over the hour ending at row j. */
    public static double tickReturn(List<HourObservation> rows, int j) {
        return (rows.get(j).tick() - rows.get(j - 1).tick()) * LOG_PRICE_PER_TICK;
    }

    private static void row(List<HourObservation> rows, int j, float[] out, int at) {
        HourObservation now = rows.get(j);
        double logRange = Math.log(now.markHigh() / now.markLow());
        double realised = 0;
        for (int k = j - LOOKBACK + 1; k <= j; k++) {
            double r = tickReturn(rows, k);
            realised += r * r;
        }
        realised /= LOOKBACK;
        double hourAngle = 2 * Math.PI * now.hourEnd().atZone(ZoneOffset.UTC).getHour() / 24.0;
        out[at] = (float) tickReturn(rows, j);
        out[at + 1] = (float) Math.log(Math.max(LOG_FLOOR, logRange * logRange * PARKINSON));
        out[at + 2] = (float) ((now.tick() - now.twapTick()) * LOG_PRICE_PER_TICK);
        out[at + 3] = (float) Math.log(Math.max(LOG_FLOOR, now.feeYield()));
        out[at + 4] = (float) now.fundingRate();
        out[at + 5] = (float) liquidityChange(rows.get(j - LOOKBACK).activeLiquidity(), now.activeLiquidity());
        out[at + 6] = (float) Math.log(Math.max(LOG_FLOOR, realised));
        out[at + 7] = (float) Math.sin(hourAngle);
        out[at + 8] = (float) Math.cos(hourAngle);
    }

    private static double liquidityChange(double before, double after) {
        return before > 0 && after > 0 ? Math.log(after / before) : 0;
    }

    private static void requireConsecutive(List<HourObservation> rows, int from) {
        for (int j = from + 1; j < rows.size(); j++) {
            if (!rows.get(j).follows(rows.get(j - 1))) {
                throw new IllegalArgumentException(
                        "hourly rows must be consecutive: " + rows.get(j - 1).hourEnd() + " is followed by "
                                + rows.get(j).hourEnd());
            }
        }
    }
}
