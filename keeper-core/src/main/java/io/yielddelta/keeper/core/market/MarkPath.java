package io.yielddelta.keeper.core.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The marks a venue's stream would have shown within one historical hour, for replays (sandbox, backtest): open → the
 * nearer extreme → the other extreme → close, in steps of at most {@code maxStep} of the price. An hourly bar does not
 * say in which order its extremes came; the nearer one first is the shorter walk.
 */
public final class MarkPath {

    private MarkPath() {}

    /** When the {@code index}-th of {@code count} marks of the hour from {@code hourStart} streams: evenly inside it. */
    public static Instant streamedAt(Instant hourStart, int index, int count) {
        return hourStart.plusMillis(3_600_000L * (index + 1) / (count + 1));
    }

    public static List<BigDecimal> of(HourlyBar bar, double maxStep) {
        boolean lowFirst = bar.open().subtract(bar.low()).compareTo(bar.high().subtract(bar.open())) <= 0;
        BigDecimal[] corners = lowFirst
                ? new BigDecimal[] {bar.open(), bar.low(), bar.high(), bar.close()}
                : new BigDecimal[] {bar.open(), bar.high(), bar.low(), bar.close()};
        List<BigDecimal> marks = new ArrayList<>(List.of(bar.open()));
        for (int c = 1; c < corners.length; c++) {
            BigDecimal from = corners[c - 1];
            BigDecimal to = corners[c];
            double move = Math.abs(to.doubleValue() / from.doubleValue() - 1);
            int steps = Math.max(1, (int) Math.ceil(move / maxStep));
            for (int s = 1; s <= steps; s++) {
                marks.add(s == steps ? to : from.add(to.subtract(from).multiply(BigDecimal.valueOf(s))
                        .divide(BigDecimal.valueOf(steps), 2, RoundingMode.HALF_EVEN)));
            }
        }
        return marks;
    }
}
