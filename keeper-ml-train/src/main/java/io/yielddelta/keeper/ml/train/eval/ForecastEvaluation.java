package io.yielddelta.keeper.ml.train.eval;

import io.yielddelta.keeper.core.observation.HourObservation;
import io.yielddelta.keeper.ml.feature.BaselineForecast;
import io.yielddelta.keeper.ml.feature.ForecastFeatures;
import io.yielddelta.keeper.ml.feature.GarchVariance;
import io.yielddelta.keeper.ml.feature.VarianceBaseline;
import io.yielddelta.keeper.ml.forecast.Forecast;
import io.yielddelta.keeper.ml.forecast.VolatilityForecaster;
import io.yielddelta.keeper.ml.train.data.MarketSeries;
import io.yielddelta.keeper.ml.train.dataset.Anchor;
import java.util.ArrayList;
import java.util.List;

/**
 * The forecaster against its baselines on hours it was not trained on, every hour of the period:
 * <ul>
 *   <li>volatility (one series per asset): the LSTM, the keeper's EWMA (decay 0.94) and GARCH(1,1) fitted on the
 *       training period, both as the runtime's {@code VarianceBaseline} computes them from the same rows the LSTM
 *       sees, and an EWMA over the whole history whose decay was chosen on the training period; QLIKE of the mean
 *       variance per hour over the horizon, and RMSE of the annualised volatility;
 *   <li>fee yield (series whose fees are the pool's own): the LSTM against the trailing 24 h and 7 d means; QLIKE and
 *       RMSE of the yield as APR.
 * </ul>
 * The forecasts run through keeper-ml's {@link VolatilityForecaster} on the exported ONNX file: what is judged is what
 * ships. Each row carries a 90 % block-bootstrap interval (30-day blocks) of the LSTM's mean QLIKE minus the best
 * baseline's: an upper end below zero means the LSTM is better beyond sampling noise.
 */
public final class ForecastEvaluation {
    static final int BLOCK_HOURS = 720;
    /** Rows per batched inference, as one cycle of 1,000 vaults. */
    static final int CYCLE_VAULTS = 1000;

    static final int DRAWS = 1000;
    static final double[] EWMA_DECAYS = {0.90, 0.92, 0.94, 0.95, 0.96, 0.97, 0.98, 0.985, 0.99, 0.995};

    /** Scores of one asset (or fee series) over one period. {@code NaN} where a baseline has no training data. */
    public record Row(
            String series,
            String period,
            int hours,
            String[] names,
            double[] qlike,
            double[] rmse,
            double[] lstmMinusBestQlike90,
            int fallbacks,
            String note) {}

    private ForecastEvaluation() {}

    /**
     * @param train the period the baselines' parameters are fitted on (the LSTM's training period)
     * @param test  the period judged
     */
    public static List<Row> volatility(
            List<MarketSeries.Built> series,
            VolatilityForecaster forecaster,
            int window,
            int horizon,
            Period train,
            Period test,
            long seed) {
        List<Row> rows = new ArrayList<>();
        for (MarketSeries.Built s : series) {
            if (!s.spec().forVolatility()) {
                continue;
            }
            List<Anchor> anchors =
                    Anchor.in(s, ForecastFeatures.rowsNeeded(window), horizon, test.from(), test.to(), 1);
            if (anchors.isEmpty()) {
                continue;
            }
            double[] returns = returns(s.rows());
            double[] trainReturns = trainingReturns(s, train);
            GarchVariance garch = trainReturns.length > 1000 ? GarchFit.fit(trainReturns) : null;
            double decay = trainReturns.length > 1000 ? bestDecay(s, returns, horizon, train) : Double.NaN;
            double[] ewmaFit = Double.isNaN(decay) ? null : ewma(returns, decay);
            List<Forecast> lstm = forecast(forecaster, anchors, window);
            int n = anchors.size();
            double[][] forecasts = new double[4][n];
            double[] realised = new double[n];
            int fallbacks = 0;
            for (int i = 0; i < n; i++) {
                Anchor a = anchors.get(i);
                List<HourObservation> history = a.history(ForecastFeatures.rowsNeeded(window));
                realised[i] = a.realisedVariance(horizon);
                forecasts[0][i] = lstm.get(i).variancePerHour();
                fallbacks += lstm.get(i).fromModel() ? 0 : 1;
                forecasts[1][i] = VarianceBaseline.riskMetrics().variancePerHour(history, horizon);
                forecasts[2][i] = ewmaFit == null ? Double.NaN : ewmaFit[a.index()];
                forecasts[3][i] = garch == null ? Double.NaN : garch.variancePerHour(history, horizon);
            }
            String note = garch == null
                    ? "no training data for the fitted baselines"
                    : String.format(
                            java.util.Locale.ROOT,
                            "EWMA decay %.3f; GARCH ω %.3g α %.3f β %.3f",
                            decay,
                            garch.omega(),
                            garch.alpha(),
                            garch.beta());
            rows.add(score(
                    s.spec().asset(),
                    test.name(),
                    new String[] {"LSTM", "EWMA 0.94", "EWMA fitted", "GARCH(1,1)"},
                    forecasts,
                    realised,
                    fallbacks,
                    seed,
                    true,
                    note));
        }
        return rows;
    }

    /** Fee yield per hour over the horizon, on the series whose fees are the pool's own. */
    public static List<Row> feeYield(
            List<MarketSeries.Built> series,
            VolatilityForecaster forecaster,
            int window,
            int horizon,
            Period test,
            long seed) {
        List<Row> rows = new ArrayList<>();
        for (MarketSeries.Built s : series) {
            if (!s.spec().feeIsReal()) {
                continue;
            }
            List<Anchor> anchors =
                    Anchor.in(s, ForecastFeatures.rowsNeeded(window), horizon, test.from(), test.to(), 1);
            List<Forecast> lstm = forecast(forecaster, anchors, window);
            int n = anchors.size();
            double[][] forecasts = new double[3][n];
            double[] realised = new double[n];
            int fallbacks = 0;
            for (int i = 0; i < n; i++) {
                Anchor a = anchors.get(i);
                realised[i] = a.realisedFeeYield(horizon);
                forecasts[0][i] = lstm.get(i).feeYieldPerHour();
                fallbacks += lstm.get(i).fromModel() ? 0 : 1;
                forecasts[1][i] = BaselineForecast.trailingFeeYield(a.history(ForecastFeatures.rowsNeeded(window)));
                forecasts[2][i] = trailingMean(s.rows(), a.index(), 168);
            }
            rows.add(score(
                    s.spec().name(),
                    test.name(),
                    new String[] {"LSTM", "trailing 24 h", "trailing 7 d"},
                    forecasts,
                    realised,
                    fallbacks,
                    seed,
                    false,
                    ""));
        }
        return rows;
    }

    private static Row score(
            String series,
            String period,
            String[] names,
            double[][] forecasts,
            double[] realised,
            int fallbacks,
            long seed,
            boolean volatility,
            String note) {
        int n = realised.length;
        double[] qlike = new double[names.length];
        double[] rmse = new double[names.length];
        double[][] perHour = new double[names.length][n];
        double[] realisedLevel = new double[n];
        for (int i = 0; i < n; i++) {
            realisedLevel[i] = level(realised[i], volatility);
        }
        for (int m = 0; m < names.length; m++) {
            if (Double.isNaN(forecasts[m][0])) {
                qlike[m] = Double.NaN;
                rmse[m] = Double.NaN;
                continue;
            }
            double[] levels = new double[n];
            for (int i = 0; i < n; i++) {
                perHour[m][i] = Scores.qlike(realised[i], forecasts[m][i]);
                levels[i] = level(forecasts[m][i], volatility);
            }
            qlike[m] = Scores.mean(perHour[m]);
            rmse[m] = Scores.rmse(levels, realisedLevel);
        }
        int best = -1;
        for (int m = 1; m < names.length; m++) {
            if (!Double.isNaN(qlike[m]) && (best < 0 || qlike[m] < qlike[best])) {
                best = m;
            }
        }
        double[] diff = new double[n];
        for (int i = 0; i < n; i++) {
            diff[i] = perHour[0][i] - perHour[best][i];
        }
        return new Row(
                series,
                period,
                n,
                names,
                qlike,
                rmse,
                Scores.bootstrap90(diff, BLOCK_HOURS, DRAWS, seed),
                fallbacks,
                note);
    }

    /** Annualised volatility in % for variances, APR in % for fee yields. */
    private static double level(double perHour, boolean volatility) {
        return volatility ? 100 * Math.sqrt(perHour * Scores.HOURS_PER_YEAR) : 100 * perHour * Scores.HOURS_PER_YEAR;
    }

    /** The forecasts of every anchor, in batches of {@value #CYCLE_VAULTS} as a keeper cycle of that many vaults would. */
    private static List<Forecast> forecast(VolatilityForecaster forecaster, List<Anchor> anchors, int window) {
        List<Forecast> result = new ArrayList<>(anchors.size());
        for (int from = 0; from < anchors.size(); from += CYCLE_VAULTS) {
            result.addAll(forecaster.forecast(
                    anchors.subList(from, Math.min(anchors.size(), from + CYCLE_VAULTS)).stream()
                            .map(a -> new VolatilityForecaster.Subject(
                                    a.time().toString(), a.history(ForecastFeatures.rowsNeeded(window))))
                            .toList()));
        }
        return result;
    }

    /** returns[j]: the tick return of the hour ending at row j (0 for row 0). */
    static double[] returns(List<HourObservation> rows) {
        double[] r = new double[rows.size()];
        for (int j = 1; j < rows.size(); j++) {
            r[j] = ForecastFeatures.tickReturn(rows, j);
        }
        return r;
    }

    private static double[] trainingReturns(MarketSeries.Built s, Period train) {
        List<HourObservation> rows = s.rows();
        List<Double> r = new ArrayList<>();
        for (int j = 1; j < rows.size(); j++) {
            if (!rows.get(j).hourEnd().isBefore(train.from())
                    && !rows.get(j).hourEnd().isAfter(train.to())) {
                r.add(ForecastFeatures.tickReturn(rows, j));
            }
        }
        return r.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Variance per hour known after row j, exponentially weighted from the first rows. */
    static double[] ewma(double[] returns, double decay) {
        double[] v = new double[returns.length];
        double variance = 0;
        int seed = Math.min(ForecastFeatures.LOOKBACK, returns.length - 1);
        for (int j = 1; j <= seed; j++) {
            variance += returns[j] * returns[j] / seed;
        }
        for (int j = 0; j < returns.length; j++) {
            if (j > seed) {
                variance = decay * variance + (1 - decay) * returns[j] * returns[j];
            }
            v[j] = variance;
        }
        return v;
    }

    /** The decay whose flat forecast has the lowest QLIKE over the training anchors. */
    private static double bestDecay(MarketSeries.Built s, double[] returns, int horizon, Period train) {
        List<Anchor> anchors = Anchor.in(s, ForecastFeatures.LOOKBACK + 1, horizon, train.from(), train.to(), 1);
        double best = Double.NaN;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (double decay : EWMA_DECAYS) {
            double[] v = ewma(returns, decay);
            double loss = 0;
            for (Anchor a : anchors) {
                loss += Scores.qlike(a.realisedVariance(horizon), v[a.index()]);
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                best = decay;
            }
        }
        return best;
    }

    private static double trailingMean(List<HourObservation> rows, int index, int hours) {
        double sum = 0;
        int from = Math.max(0, index - hours + 1);
        for (int j = from; j <= index; j++) {
            sum += rows.get(j).feeYield();
        }
        return sum / (index - from + 1);
    }
}
