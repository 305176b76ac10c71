package io.yielddelta.keeper.core.backtest;

import io.yielddelta.keeper.core.market.HourlyBar;
import io.yielddelta.keeper.core.market.PoolHistory.PoolDay;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Fee income the simulated pool cannot produce by itself, calibrated for one fee tier on a real pool's daily history.
 * For each UTC day the real pool gives two figures: its volume per unit of a reference market's quote volume (the
 * volume ratio) and its volume per unit of value locked (the turnover). The simulated pool then trades, each hour,
 * volume ratio × the simulated market's quote volume that hour; its other LPs lock volume ÷ turnover over the day (so
 * fees / TVL is the real pool's), and their active liquidity is {@code concentration} times the full-range liquidity
 * of that value. A vault earns the tier's fee on the volume pro rata to its share of the active liquidity.
 *
 * <p>{@code depthScale} scales the whole pool (volume and other LPs' liquidity, turnover kept): below 1 it is a thinner
 * pool, where the vault's own swaps move the price more. Days the history does not cover take the mean of the 30
 * nearest calibrated days, and are counted so the report can say so.
 */
public final class FeeModel {
    private static final int CARRY_DAYS = 30;

    /**
     * One day's calibration.
     *
     * @param volumeRatio the pool's volume per unit of the reference market's quote volume
     * @param turnover    the pool's volume per unit of its value locked, per day
     * @param calibrated  false when carried from nearby days
     */
    public record Day(LocalDate date, double volumeRatio, double turnover, boolean calibrated) {}

    private final int feePips;
    private final NavigableMap<LocalDate, Day> calibrated;
    private final double concentration;
    private final double depthScale;
    private final String source;
    private final Map<LocalDate, Day> carried = new HashMap<>();

    private FeeModel(
            int feePips,
            NavigableMap<LocalDate, Day> calibrated,
            double concentration,
            double depthScale,
            String source) {
        if (feePips <= 0 || feePips >= 1_000_000) {
            throw new IllegalArgumentException("feePips must be within (0, 1000000), was " + feePips);
        }
        if (calibrated.isEmpty()) {
            throw new IllegalArgumentException("the fee model of " + feePips + " pips has no calibrated day: the pool"
                    + " history and the reference market share no complete UTC day");
        }
        if (!(concentration > 0) || Double.isInfinite(concentration)) {
            throw new IllegalArgumentException("concentration must be positive, was " + concentration);
        }
        if (!(depthScale > 0) || Double.isInfinite(depthScale)) {
            throw new IllegalArgumentException("depthScale must be positive, was " + depthScale);
        }
        this.feePips = feePips;
        this.calibrated = calibrated;
        this.concentration = concentration;
        this.depthScale = depthScale;
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * @param feePips         the fee tier the pool history is of
     * @param poolHistory     the real pool's days
     * @param referenceMarket hourly bars of the market the pool's volume is compared with; only its complete UTC days
     *                        (at least 23 bars) calibrate
     * @param source          names the history, for the report
     */
    public static FeeModel calibrate(
            int feePips,
            List<PoolDay> poolHistory,
            List<HourlyBar> referenceMarket,
            double concentration,
            double depthScale,
            String source) {
        Map<LocalDate, double[]> quoteByDay = dailyQuoteVolume(referenceMarket);
        NavigableMap<LocalDate, Day> days = new TreeMap<>();
        for (PoolDay day : poolHistory) {
            double[] reference = quoteByDay.get(day.date());
            if (reference != null && reference[1] >= 23 && reference[0] > 0 && day.volumeUsd() > 0) {
                days.put(
                        day.date(),
                        new Day(day.date(), day.volumeUsd() / reference[0], day.volumeUsd() / day.tvlUsd(), true));
            }
        }
        return new FeeModel(feePips, days, concentration, depthScale, source);
    }

    /** The same calibration every day (for tests and what-if runs): every day counts as calibrated. */
    public static FeeModel constant(
            int feePips, double volumeRatio, double turnover, double concentration, double depthScale) {
        NavigableMap<LocalDate, Day> days = new TreeMap<>();
        days.put(LocalDate.MIN, new Day(LocalDate.MIN, volumeRatio, turnover, true));
        return new FeeModel(
                feePips,
                days,
                concentration,
                depthScale,
                "a constant volume ratio " + fmt(volumeRatio) + " and turnover " + fmt(turnover) + " per day");
    }

    /** Each UTC day's summed quote volume (volume × close) and bar count. */
    static Map<LocalDate, double[]> dailyQuoteVolume(List<HourlyBar> bars) {
        Map<LocalDate, double[]> byDay = new HashMap<>();
        for (HourlyBar bar : bars) {
            double[] day =
                    byDay.computeIfAbsent(LocalDate.ofInstant(bar.openTime(), ZoneOffset.UTC), d -> new double[2]);
            day[0] += bar.volume().doubleValue() * bar.close().doubleValue();
            day[1]++;
        }
        return byDay;
    }

    public int feePips() {
        return feePips;
    }

    public double concentration() {
        return concentration;
    }

    public double depthScale() {
        return depthScale;
    }

    /** The calibration for a day: its own, or the mean of the 30 nearest calibrated days. */
    public Day day(LocalDate date) {
        if (isConstant()) {
            Day every = calibrated.firstEntry().getValue();
            return new Day(date, every.volumeRatio(), every.turnover(), true);
        }
        Day own = calibrated.get(date);
        return own != null ? own : carried.computeIfAbsent(date, this::carry);
    }

    private Day carry(LocalDate date) {
        List<Day> near = new ArrayList<>();
        for (Day d : calibrated.headMap(date, false).descendingMap().values()) {
            if (near.size() == CARRY_DAYS) {
                break;
            }
            near.add(d);
        }
        for (Day d : calibrated.tailMap(date, false).values()) {
            if (near.size() == CARRY_DAYS) {
                break;
            }
            near.add(d);
        }
        double ratio = near.stream().mapToDouble(Day::volumeRatio).average().orElseThrow();
        double turnover = near.stream().mapToDouble(Day::turnover).average().orElseThrow();
        return new Day(date, ratio, turnover, false);
    }

    private boolean isConstant() {
        return calibrated.firstKey().equals(LocalDate.MIN);
    }

    public String describe() {
        String days = isConstant()
                ? ""
                : " (" + calibrated.firstKey() + " to " + calibrated.lastKey() + ", " + calibrated.size() + " days)";
        return String.format(
                Locale.ROOT,
                "pool volume each hour = the day's volume ratio × the market's quote volume;"
                        + " other LPs lock that day's volume ÷ turnover, active as %s × the full-range liquidity of that value;"
                        + " the vault earns the %.2f %% fee pro rata to its share of active liquidity while in range; ratio and"
                        + " turnover per UTC day from %s%s; depth × %s",
                fmt(concentration),
                feePips / 10_000.0,
                source,
                days,
                fmt(depthScale));
    }

    private static String fmt(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
