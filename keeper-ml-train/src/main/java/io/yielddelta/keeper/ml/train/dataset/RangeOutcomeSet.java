package io.yielddelta.keeper.ml.train.dataset;

import io.yielddelta.keeper.core.observation.HourObservation;
import io.yielddelta.keeper.ml.feature.BaselineForecast;
import io.yielddelta.keeper.ml.feature.FeatureScaling;
import io.yielddelta.keeper.ml.feature.ForecastFeatures;
import io.yielddelta.keeper.ml.range.RangeGeometry;
import io.yielddelta.keeper.ml.range.RangeOutcome;
import io.yielddelta.keeper.ml.range.RangeOutcomePredictor;
import io.yielddelta.keeper.ml.range.RangeQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The LVR / IL predictor's rows: at each anchor, candidate ranges drawn at random (half-width 0.5–12 forecast
 * standard deviations of the horizon, the price anywhere in the middle 80 % of the range), the forecast the keeper
 * would have had (the EWMA variance and trailing fee yield: {@link BaselineForecast}), and what holding each range
 * over the next hours really brought on the series' hourly path:
 * <ul>
 *   <li>LVR: Σ over hours of x·ΔP − ΔV (the position against a portfolio holding its delta, rebalanced hourly);
 *   <li>impermanent loss: the end value against holding the starting amounts;
 *   <li>fees: Σ over hours of the fee yield × 2√P × liquidity × the fraction of the hour's end points in range;
 * </ul>
 * all per unit of starting value.
 */
public final class RangeOutcomeSet {
    public final int rows;
    public final float[] x;
    /** rows × 3: LVR, IL and fees as multiples of the closed form given the same forecast (the model's outputs). */
    public final float[] targets;

    public final List<RangeQuery> queries = new ArrayList<>();
    /** rows × 3: LVR, IL and fees as fractions of the starting value. */
    public final double[] outcomes;

    private RangeOutcomeSet(int rows) {
        this.rows = rows;
        this.x = new float[rows * RangeOutcomePredictor.INPUTS.size()];
        this.targets = new float[rows * 3];
        this.outcomes = new double[rows * 3];
    }

    public static RangeOutcomeSet of(List<Anchor> anchors, int historyRows, int horizon, int perAnchor, long seed) {
        RangeOutcomeSet set = new RangeOutcomeSet(anchors.size() * perAnchor);
        Random random = new Random(seed);
        int row = 0;
        for (Anchor a : anchors) {
            List<HourObservation> history = a.history(historyRows);
            double variance = BaselineForecast.ewmaVariance(history, BaselineForecast.RISKMETRICS_DECAY);
            double feeYield = Math.max(1e-12, BaselineForecast.trailingFeeYield(history));
            double sigmaHorizon = Math.sqrt(variance * horizon);
            List<HourObservation> path = a.series().rows().subList(a.index(), a.index() + horizon + 1);
            for (int c = 0; c < perAnchor; c++, row++) {
                double halfWidth = sigmaHorizon * Math.exp(Math.log(0.5) + random.nextDouble() * Math.log(24));
                double offset = -0.8 + 1.6 * random.nextDouble();
                RangeQuery q = new RangeQuery(halfWidth, offset, Math.max(variance, 1e-12), feeYield, horizon);
                set.queries.add(q);
                q.features(set.x, row * RangeOutcomePredictor.INPUTS.size());
                double[] outcome = realised(q, path);
                RangeOutcome closed = RangeOutcome.closedForm(q, null);
                System.arraycopy(outcome, 0, set.outcomes, row * 3, 3);
                set.targets[row * 3] = (float) (outcome[0] / closed.lvr());
                set.targets[row * 3 + 1] = (float) (outcome[1] / closed.impermanentLoss());
                set.targets[row * 3 + 2] = (float) (outcome[2] / closed.fees());
            }
        }
        return set;
    }

    /** LVR, impermanent loss and fees of holding {@code q}'s range along {@code path} (first row: the start). */
    public static double[] realised(RangeQuery q, List<HourObservation> path) {
        double lnStart = logPrice(path.getFirst());
        double centre = lnStart - q.offset() * q.halfWidth();
        double lower = centre - q.halfWidth();
        double upper = centre + q.halfWidth();
        double liquidity = 1 / RangeGeometry.value(lnStart, lower, upper);
        double base0 = RangeGeometry.amountBase(lnStart, lower, upper);
        double quote0 = RangeGeometry.value(lnStart, lower, upper) - base0 * Math.exp(lnStart);
        double lvr = 0;
        double fees = 0;
        for (int k = 1; k < path.size(); k++) {
            double before = logPrice(path.get(k - 1));
            double after = logPrice(path.get(k));
            double dPrice = Math.exp(after) - Math.exp(before);
            double dValue = RangeGeometry.value(after, lower, upper) - RangeGeometry.value(before, lower, upper);
            lvr += RangeGeometry.amountBase(before, lower, upper) * dPrice - dValue;
            double inRange = (inside(before, lower, upper) + inside(after, lower, upper)) / 2;
            fees += path.get(k).feeYield() * 2 * Math.exp(after / 2) * inRange;
        }
        double lnEnd = logPrice(path.getLast());
        double hold = base0 * Math.exp(lnEnd) + quote0;
        double il = RangeGeometry.value(lnEnd, lower, upper) - hold;
        return new double[] {liquidity * lvr, liquidity * il, liquidity * fees};
    }

    private static double logPrice(HourObservation row) {
        return row.tick() * ForecastFeatures.LOG_PRICE_PER_TICK;
    }

    private static double inside(double lnPrice, double lower, double upper) {
        return lnPrice >= lower && lnPrice < upper ? 1 : 0;
    }

    /** Mean and standard deviation of each target column. */
    public FeatureScaling targetScaling() {
        return Standardisation.fit(targets, 3);
    }
}
