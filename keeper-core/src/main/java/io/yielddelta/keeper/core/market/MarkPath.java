package io.yielddelta.keeper.core.market;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The prices within one historical hour, for replays: the backtest's pools realise their fees and LVR on them and its
 * hedges see them as marks; the sandbox streams them to its paper venue. A path's first point is the bar's open, its
 * last the close, and it touches the high and the low; point {@code i} of {@code n} streams at
 * {@link #streamedAt}, so each point stands for an equal share of the hour.
 *
 * <p>{@link #bridge} is the model: a seeded Brownian bridge in log price through the open, the bar's high and low and
 * the close, kept inside [low, high] by reflection. The extremes come where a Brownian bridge from open to close with
 * the bar's volatility has its own (so either may come first, as far apart as a Brownian motion puts them); between
 * these anchors the path is a straight line plus a Brownian bridge whose noise makes the path's expected realised
 * variance the bar's Parkinson variance ((ln high/low)² / 4 ln 2), whatever the number of points (unless the lines
 * alone carry more, as in a path of very few points). {@link #corners} is the old fixed walk open → nearer extreme → other extreme → close, kept as an option: it
 * reverses twice every hour and its realised variance depends on its step.
 */
public abstract sealed class MarkPath {
    private static final double FOUR_LN2 = 4 * Math.log(2);
    /** Points per hour never exceed this, however wild the hour. */
    private static final int MAX_POINTS = 3600;
    /** Brownian bridges drawn per hour to find one whose extremes are near the bar's. */
    private static final int DRAWS = 8;

    private MarkPath() {}

    /**
     * @param seed          the same seed gives the same path for the same bar, whatever else the run holds
     * @param pointsPerHour at least this many points per hour (at least 4)
     * @param maxStep       more points in wild hours, so that the corner walk would need no step above this fraction
     */
    public static MarkPath bridge(long seed, int pointsPerHour, double maxStep) {
        return new Bridge(seed, pointsPerHour, maxStep);
    }

    /** @param maxStep largest relative move between two points */
    public static MarkPath corners(double maxStep) {
        return new Corners(maxStep);
    }

    /** When the {@code index}-th of {@code count} points of the hour from {@code hourStart} streams: evenly inside it. */
    public static Instant streamedAt(Instant hourStart, int index, int count) {
        return hourStart.plusMillis(3_600_000L * (index + 1) / (count + 1));
    }

    /**
     * The path's prices, rounded to two decimals more than the bar quotes (the first is the open, the last the close,
     * and high and low appear exactly).
     */
    public final double[] prices(HourlyBar bar) {
        int scale = scale(bar);
        double[] path = path(bar);
        double unit = Math.pow(10, scale);
        for (int i = 0; i < path.length; i++) {
            path[i] = Math.round(path[i] * unit) / unit;
        }
        return path;
    }

    /** {@link #prices} as marks a venue takes. */
    public final List<BigDecimal> marks(HourlyBar bar) {
        int scale = scale(bar);
        double[] prices = prices(bar);
        List<BigDecimal> marks = new ArrayList<>(prices.length);
        for (double price : prices) {
            marks.add(mark(price, scale));
        }
        return marks;
    }

    /** A path price as a mark of the bar's scale (plus two decimals). */
    public static BigDecimal mark(double price, int scale) {
        return new BigDecimal(BigInteger.valueOf(Math.round(price * Math.pow(10, scale))), scale);
    }

    /** The decimals of a bar's path prices: two more than its quotes carry. */
    public static int scale(HourlyBar bar) {
        return Math.max(
                        Math.max(bar.open().scale(), bar.close().scale()),
                        Math.max(bar.high().scale(), bar.low().scale()))
                + 2;
    }

    /** For the report's assumptions. */
    public abstract String describe();

    abstract double[] path(HourlyBar bar);

    private static final class Bridge extends MarkPath {
        private final long seed;
        private final int pointsPerHour;
        private final double maxStep;

        Bridge(long seed, int pointsPerHour, double maxStep) {
            if (pointsPerHour < 4 || pointsPerHour > MAX_POINTS) {
                throw new IllegalArgumentException(
                        "pointsPerHour must be within [4, " + MAX_POINTS + "], was " + pointsPerHour);
            }
            if (!(maxStep > 0 && maxStep < 1)) {
                throw new IllegalArgumentException("maxStep must be between 0 and 1, was " + maxStep);
            }
            this.seed = seed;
            this.pointsPerHour = pointsPerHour;
            this.maxStep = maxStep;
        }

        @Override
        double[] path(HourlyBar bar) {
            double o = Math.log(bar.open().doubleValue());
            double h = Math.log(bar.high().doubleValue());
            double l = Math.log(bar.low().doubleValue());
            double c = Math.log(bar.close().doubleValue());
            // Quotes outside the bar's own range (bad exports) are taken as the range's edge.
            h = Math.max(h, Math.max(o, c));
            l = Math.min(l, Math.min(o, c));
            double range = h - l;
            int n = (int) Math.min(MAX_POINTS, Math.max(pointsPerHour, Math.ceil(3 * range / maxStep) + 1));
            double[] x = new double[n];
            if (range == 0) {
                java.util.Arrays.fill(x, bar.open().doubleValue());
                return x;
            }
            SplittableRandom random = new SplittableRandom(
                    seed * 0x9E3779B97F4A7C15L ^ bar.openTime().toEpochMilli());
            // A Brownian bridge from open to close with the bar's (Parkinson) volatility: of a few drawn, the one whose
            // extremes come nearest the bar's, so that little correction is needed to pin it to them.
            double sd = Math.sqrt(range * range / FOUR_LN2 / (n - 1));
            double[] walk = null;
            double bestMiss = Double.POSITIVE_INFINITY;
            for (int draw = 0; draw < DRAWS; draw++) {
                double[] candidate = bridge(random, n, sd);
                double top = Double.NEGATIVE_INFINITY;
                double bottom = Double.POSITIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    candidate[i] += o + (c - o) * i / (n - 1);
                    top = Math.max(top, candidate[i]);
                    bottom = Math.min(bottom, candidate[i]);
                }
                double miss = (top - h) * (top - h) + (bottom - l) * (bottom - l);
                if (miss < bestMiss) {
                    bestMiss = miss;
                    walk = candidate;
                }
            }
            // Anchors: the open, each extreme the open or close does not already reach, placed where the bridge has
            // its own (their order and spacing are a Brownian motion's), and the close.
            boolean needHigh = Math.max(o, c) < h;
            boolean needLow = Math.min(o, c) > l;
            int highAt = -1;
            int lowAt = -1;
            for (int i = 1; i < n - 1; i++) {
                if (highAt < 0 || walk[i] > walk[highAt]) {
                    highAt = i;
                }
                if (lowAt < 0 || walk[i] < walk[lowAt]) {
                    lowAt = i;
                }
            }
            if (needHigh && needLow && highAt == lowAt) {
                lowAt = highAt < n - 2 ? highAt + 1 : highAt - 1;
            }
            int[] index = new int[4];
            double[] value = new double[4];
            int anchors = 0;
            index[anchors] = 0;
            value[anchors++] = o;
            if (needHigh && needLow) {
                boolean highFirst = highAt < lowAt;
                index[anchors] = Math.min(highAt, lowAt);
                value[anchors++] = highFirst ? h : l;
                index[anchors] = Math.max(highAt, lowAt);
                value[anchors++] = highFirst ? l : h;
            } else if (needHigh) {
                index[anchors] = highAt;
                value[anchors++] = h;
            } else if (needLow) {
                index[anchors] = lowAt;
                value[anchors++] = l;
            }
            index[anchors] = n - 1;
            value[anchors++] = c;
            // The bridge itself between the anchors, shifted by a straight line that takes it onto each: its moves
            // stay a Brownian motion's, apart from the correction the bar's own extremes ask for.
            for (int a = 1; a < anchors; a++) {
                int from = index[a - 1];
                int m = index[a] - from;
                double shiftFrom = value[a - 1] - walk[from];
                double shiftTo = value[a] - walk[index[a]];
                for (int j = 0; j < m; j++) {
                    x[from + j] = reflect(walk[from + j] + shiftFrom + (shiftTo - shiftFrom) * j / m, l, h);
                }
            }
            x[n - 1] = c;
            double[] prices = new double[n];
            for (int i = 0; i < n; i++) {
                prices[i] = Math.exp(x[i]);
            }
            // The bar's own quotes, exactly.
            prices[0] = bar.open().doubleValue();
            prices[n - 1] = bar.close().doubleValue();
            for (int a = 1; a < anchors - 1; a++) {
                prices[index[a]] =
                        value[a] == h ? bar.high().doubleValue() : bar.low().doubleValue();
            }
            return prices;
        }

        /** A Brownian bridge from 0 to 0 over {@code n} points, steps of standard deviation {@code sd}. */
        private static double[] bridge(SplittableRandom random, int n, double sd) {
            double[] walk = new double[n];
            for (int i = 1; i < n; i++) {
                walk[i] = walk[i - 1] + sd * random.nextGaussian();
            }
            double end = walk[n - 1];
            for (int i = 1; i < n; i++) {
                walk[i] -= end * i / (n - 1);
            }
            return walk;
        }

        private static double reflect(double x, double low, double high) {
            double width = high - low;
            double y = (x - low) % (2 * width);
            if (y < 0) {
                y += 2 * width;
            }
            return low + (y <= width ? y : 2 * width - y);
        }

        @Override
        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "seeded Brownian bridge in log price through open, high and low (where a"
                            + " Brownian bridge has its extremes) and close, inside [low, high], realised variance the bar's"
                            + " Parkinson variance; %d points per hour (more where a step would exceed %s %%), seed %d",
                    pointsPerHour,
                    BigDecimal.valueOf(maxStep * 100).stripTrailingZeros().toPlainString(),
                    seed);
        }
    }

    private static final class Corners extends MarkPath {
        private final double maxStep;

        Corners(double maxStep) {
            if (!(maxStep > 0 && maxStep < 1)) {
                throw new IllegalArgumentException("maxStep must be between 0 and 1, was " + maxStep);
            }
            this.maxStep = maxStep;
        }

        @Override
        double[] path(HourlyBar bar) {
            double open = bar.open().doubleValue();
            double high = bar.high().doubleValue();
            double low = bar.low().doubleValue();
            boolean lowFirst = open - low <= high - open;
            double[] corners = lowFirst
                    ? new double[] {open, low, high, bar.close().doubleValue()}
                    : new double[] {open, high, low, bar.close().doubleValue()};
            List<Double> points = new ArrayList<>();
            points.add(open);
            for (int k = 1; k < corners.length; k++) {
                double from = corners[k - 1];
                double to = corners[k];
                int steps = Math.max(1, (int) Math.ceil(Math.abs(to / from - 1) / maxStep));
                for (int s = 1; s <= steps; s++) {
                    points.add(s == steps ? to : from + (to - from) * s / steps);
                }
            }
            return points.stream().mapToDouble(Double::doubleValue).toArray();
        }

        @Override
        public String describe() {
            return "fixed walk open → nearer extreme → other extreme → close in moves of at most "
                    + BigDecimal.valueOf(maxStep * 100).stripTrailingZeros().toPlainString() + " %";
        }
    }
}
