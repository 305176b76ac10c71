package io.yielddelta.keeper.core.backtest;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's net delta measured at every point of the price path, before the hedger acts on it, as |delta| in % of the
 * value: each sample weighs the share of an hour its point stands for, so figures are time-weighted. Kept as one
 * histogram per period (a calendar year) in steps of 0.01 percentage point up to 200 % (beyond counts as 200 %),
 * in blocks allocated as they are first used: a run's delta stays in a narrow band, and hundreds of vaults run at once.
 */
final class DeltaMeter {
    private static final int BINS_PER_PERCENT = 100;
    private static final int BINS = 200 * BINS_PER_PERCENT + 1;
    private static final int BLOCK_BITS = 8;
    private static final int BLOCK = 1 << BLOCK_BITS;

    private final List<Period> periods = new ArrayList<>();
    private Period current;

    private static final class Period {
        final double[][] blocks = new double[(BINS >>> BLOCK_BITS) + 1][];
        double total;
        double over;

        void add(int bin, double hours) {
            double[] block = blocks[bin >>> BLOCK_BITS];
            if (block == null) {
                block = new double[BLOCK];
                blocks[bin >>> BLOCK_BITS] = block;
            }
            block[bin & (BLOCK - 1)] += hours;
        }

        double weight(int bin) {
            double[] block = blocks[bin >>> BLOCK_BITS];
            return block == null ? 0 : block[bin & (BLOCK - 1)];
        }
    }

    DeltaMeter() {
        newPeriod();
    }

    /** Later samples count toward a new period. */
    void newPeriod() {
        current = new Period();
        periods.add(current);
    }

    int periods() {
        return periods.size();
    }

    void sample(double absPct, double hours, double bandPct) {
        double scaled = absPct * BINS_PER_PERCENT + 0.5;
        int bin = scaled >= BINS - 1 ? BINS - 1 : (int) scaled;
        current.add(bin, hours);
        current.total += hours;
        if (absPct > bandPct) {
            current.over += hours;
        }
    }

    /**
     * Periods {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @return {share of time over the band %, p50, p99}; zeros when there is no sample
     */
    double[] stats(int from, int to) {
        List<Period> chosen = periods.subList(from, to);
        double total = chosen.stream().mapToDouble(p -> p.total).sum();
        double over = chosen.stream().mapToDouble(p -> p.over).sum();
        if (total == 0) {
            return new double[3];
        }
        double p50 = Double.NaN;
        double cumulative = 0;
        for (int block = 0; block < (BINS >>> BLOCK_BITS) + 1; block++) {
            boolean used = false;
            for (Period period : chosen) {
                used |= period.blocks[block] != null;
            }
            if (!used) {
                continue;
            }
            for (int bin = block << BLOCK_BITS; bin < Math.min(BINS, (block + 1) << BLOCK_BITS); bin++) {
                for (Period period : chosen) {
                    cumulative += period.weight(bin);
                }
                if (Double.isNaN(p50) && cumulative >= 0.5 * total) {
                    p50 = (double) bin / BINS_PER_PERCENT;
                }
                if (cumulative >= 0.99 * total) {
                    return new double[] {100 * over / total, p50, (double) bin / BINS_PER_PERCENT};
                }
            }
        }
        return new double[] {100 * over / total, p50, (double) (BINS - 1) / BINS_PER_PERCENT};
    }
}
