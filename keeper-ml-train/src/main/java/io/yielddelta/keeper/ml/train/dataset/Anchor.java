package io.yielddelta.keeper.ml.train.dataset;

import io.yielddelta.keeper.core.observation.HourObservation;
import io.yielddelta.keeper.ml.feature.ForecastFeatures;
import io.yielddelta.keeper.ml.train.data.MarketSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A moment a forecast is made: row {@code index} of a series, with {@code window + 24} rows of history before it and
 * {@code horizon} rows after it. An anchor belongs to a period when its own hour is in the period and the hours its
 * target covers end inside it too, so no target crosses from a training period into the one judged after it.
 */
public record Anchor(MarketSeries.Built series, int index) {

    public Instant time() {
        return series.rows().get(index).hourEnd();
    }

    /** The rows a model sees at this anchor: the last {@code count} up to and including it. */
    public List<HourObservation> history(int count) {
        return series.rows().subList(index - count + 1, index + 1);
    }

    /** Realised variance per hour over the next {@code horizon} hours: the mean squared tick return. */
    public double realisedVariance(int horizon) {
        double sum = 0;
        for (int k = index + 1; k <= index + horizon; k++) {
            double r = ForecastFeatures.tickReturn(series.rows(), k);
            sum += r * r;
        }
        return sum / horizon;
    }

    /** Mean fee yield per hour over the next {@code horizon} hours. */
    public double realisedFeeYield(int horizon) {
        double sum = 0;
        for (int k = index + 1; k <= index + horizon; k++) {
            sum += series.rows().get(k).feeYield();
        }
        return sum / horizon;
    }

    /** Every {@code stride}-th anchor of {@code series} in [from, to) whose history and horizon fit. */
    public static List<Anchor> in(
            MarketSeries.Built series, int historyRows, int horizon, Instant from, Instant to, int stride) {
        List<Anchor> anchors = new ArrayList<>();
        List<HourObservation> rows = series.rows();
        for (int t = historyRows - 1; t + horizon < rows.size(); t += stride) {
            Instant at = rows.get(t).hourEnd();
            if (!at.isBefore(from)
                    && at.isBefore(to)
                    && !rows.get(t + horizon).hourEnd().isAfter(to)) {
                anchors.add(new Anchor(series, t));
            }
        }
        return anchors;
    }
}
