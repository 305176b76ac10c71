package io.yielddelta.keeper.ml.train.eval;

import io.yielddelta.keeper.ml.feature.ForecastFeatures;
import io.yielddelta.keeper.ml.range.RangeOutcome;
import io.yielddelta.keeper.ml.range.RangeOutcomePredictor;
import io.yielddelta.keeper.ml.train.data.MarketSeries;
import io.yielddelta.keeper.ml.train.dataset.Anchor;
import io.yielddelta.keeper.ml.train.dataset.RangeOutcomeSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The LVR / IL predictor against the closed form (σ²/8 × concentration × horizon; IL = −LVR; fees = yield ×
 * concentration × horizon), both given the same forecast inputs, on candidate ranges drawn at every 6th hour of the
 * period: RMSE and mean error in basis points of the position's value over the horizon, for LVR, IL, fees and the
 * LP's net against holding (fees + IL). The predictor runs through keeper-ml's {@link RangeOutcomePredictor} on the
 * exported ONNX file.
 */
public final class RangeOutcomeEvaluation {
    static final String[] QUANTITIES = {"LVR", "IL", "fees", "fees + IL"};

    /** rmse[model][quantity], bias[model][quantity]; model 0 = MLP, 1 = closed form. */
    public record Row(String series, String period, int ranges, double[][] rmseBp, double[][] biasBp, int fallbacks) {}

    private RangeOutcomeEvaluation() {}

    public static List<Row> evaluate(
            List<MarketSeries.Built> series,
            RangeOutcomePredictor predictor,
            int historyRows,
            int horizon,
            Period test,
            long seed) {
        List<Row> rows = new ArrayList<>();
        for (MarketSeries.Built s : series) {
            List<Anchor> anchors = Anchor.in(
                    s, Math.max(historyRows, ForecastFeatures.LOOKBACK + 1), horizon, test.from(), test.to(), 6);
            if (anchors.isEmpty()) {
                continue;
            }
            RangeOutcomeSet set = RangeOutcomeSet.of(anchors, historyRows, horizon, 4, seed);
            List<RangeOutcome> model = new ArrayList<>(set.rows);
            for (int from = 0; from < set.rows; from += ForecastEvaluation.CYCLE_VAULTS) {
                model.addAll(predictor.predict(
                        set.queries.subList(from, Math.min(set.rows, from + ForecastEvaluation.CYCLE_VAULTS))));
            }
            int n = set.rows;
            double[][] sq = new double[2][4];
            double[][] bias = new double[2][4];
            int fallbacks = 0;
            for (int i = 0; i < n; i++) {
                RangeOutcome m = model.get(i);
                fallbacks += m.fallback() == null ? 0 : 1;
                RangeOutcome cf = RangeOutcome.closedForm(set.queries.get(i), null);
                double[] actual = {
                    set.outcomes[3 * i],
                    set.outcomes[3 * i + 1],
                    set.outcomes[3 * i + 2],
                    set.outcomes[3 * i + 2] + set.outcomes[3 * i + 1]
                };
                double[][] predicted = {
                    {m.lvr(), m.impermanentLoss(), m.fees(), m.fees() + m.impermanentLoss()},
                    {cf.lvr(), cf.impermanentLoss(), cf.fees(), cf.fees() + cf.impermanentLoss()}
                };
                for (int k = 0; k < 2; k++) {
                    for (int q = 0; q < 4; q++) {
                        double error = 1e4 * (predicted[k][q] - actual[q]);
                        sq[k][q] += error * error;
                        bias[k][q] += error;
                    }
                }
            }
            double[][] rmse = new double[2][4];
            for (int k = 0; k < 2; k++) {
                for (int q = 0; q < 4; q++) {
                    rmse[k][q] = Math.sqrt(sq[k][q] / n);
                    bias[k][q] /= n;
                }
            }
            rows.add(new Row(s.spec().name(), test.name(), n, rmse, bias, fallbacks));
        }
        return rows;
    }
}
