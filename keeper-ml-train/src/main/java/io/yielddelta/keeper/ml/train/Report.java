package io.yielddelta.keeper.ml.train;

import io.yielddelta.keeper.ml.train.eval.ForecastEvaluation;
import io.yielddelta.keeper.ml.train.eval.RangeOutcomeEvaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The evaluation tables of one training run, as Markdown and as manifest metrics. */
final class Report {
    final List<ForecastEvaluation.Row> volatility = new ArrayList<>();
    final List<ForecastEvaluation.Row> feeYield = new ArrayList<>();
    final List<RangeOutcomeEvaluation.Row> ranges = new ArrayList<>();
    private final TrainCommand.Options options;
    private final TrainCommand.Settings settings;

    Report(TrainCommand.Options options, TrainCommand.Settings settings) {
        this.options = options;
        this.settings = settings;
    }

    /** The forecaster's scores on the main test period, keyed e.g. {@code qlike.ETH.LSTM}. */
    Map<String, Double> forecasterMetrics() {
        Map<String, Double> metrics = new TreeMap<>();
        for (ForecastEvaluation.Row r : volatility) {
            if (r.period().equals(settings.test().name())) {
                for (int m = 0; m < r.names().length; m++) {
                    metrics.put("volatility." + r.series() + "." + r.names()[m] + ".qlike", r.qlike()[m]);
                    metrics.put("volatility." + r.series() + "." + r.names()[m] + ".rmsePct", r.rmse()[m]);
                }
            }
        }
        for (ForecastEvaluation.Row r : feeYield) {
            if (r.period().equals(settings.test().name())) {
                for (int m = 0; m < r.names().length; m++) {
                    metrics.put("feeYield." + r.series() + "." + r.names()[m] + ".rmseAprPct", r.rmse()[m]);
                }
            }
        }
        metrics.values().removeIf(v -> !Double.isFinite(v));
        return metrics;
    }

    Map<String, Double> rangeOutcomeMetrics() {
        Map<String, Double> metrics = new TreeMap<>();
        String[] models = {"MLP", "closed form"};
        String[] quantities = {"lvr", "il", "fees", "net"};
        for (RangeOutcomeEvaluation.Row r : ranges) {
            if (r.period().equals(settings.test().name())) {
                for (int k = 0; k < 2; k++) {
                    for (int q = 0; q < 4; q++) {
                        metrics.put(
                                "rangeOutcome." + r.series() + "." + models[k] + "." + quantities[q] + ".rmseBp",
                                r.rmseBp()[k][q]);
                    }
                }
            }
        }
        return metrics;
    }

    String markdown(TrainCommand.Split main, TrainCommand.Split walk) {
        StringBuilder md = new StringBuilder();
        md.append("# Model evaluation")
                .append(options.tiny() ? " (tiny run: a path check, not a result)" : "")
                .append("\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Seed %d; horizon %d h; LSTM window %d h, hidden %d, %d epochs; MLP hidden %d, "
                        + "%d epochs. Shipped: trained %s, judged %s. Walk-forward: trained %s, judged %s. Every hour of a judged "
                        + "period is scored (24 h targets overlap); [lo, hi] is the 90 %% block-bootstrap interval (30-day blocks) "
                        + "of the LSTM's mean QLIKE minus the best baseline's (below zero: the LSTM is better).%n%n",
                options.seed(),
                TrainCommand.HORIZON,
                settings.window(),
                settings.lstm().hidden(),
                settings.lstm().epochs(),
                settings.mlp().hidden(),
                settings.mlp().epochs(),
                main.train().name(),
                main.test().name(),
                walk.train().name(),
                walk.test().name()));
        md.append(
                "## Round trips (max |difference| on 256 training rows)\n\n| model | trained on | ONNX vs reference | trainer vs reference | last loss |\n|---|---|---|---|---|\n");
        for (TrainCommand.Split s : List.of(main, walk)) {
            for (ModelTraining.Exported e : List.of(s.forecaster(), s.rangeOutcome())) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %.2e | %.2e | %.5f |%n",
                        e.manifest().name(),
                        s.train().name(),
                        e.roundTrip().onnxVsReference(),
                        e.roundTrip().trainerVsReference(),
                        e.loss()));
            }
        }
        md.append("\n## Realised volatility, next 24 h (QLIKE; RMSE of annualised volatility in points)\n\n");
        forecastTable(md, volatility, "%.4f", "%.2f");
        md.append(
                "\n## Fee yield, next 24 h (QLIKE; RMSE of the yield as APR in %) — ETH pools, whose fees are their own\n\n");
        forecastTable(md, feeYield, "%.4f", "%.2f");
        md.append(
                "\n## LVR / IL predictor vs the closed form (RMSE in bp of position value over 24 h; mean error in brackets)\n\n");
        md.append(
                "| series | judged | ranges | model | LVR | IL | fees | fees + IL | fallbacks |\n|---|---|---|---|---|---|---|---|---|\n");
        for (RangeOutcomeEvaluation.Row r : ranges) {
            String[] models = {"MLP", "closed form"};
            for (int k = 0; k < 2; k++) {
                md.append(String.format(
                        Locale.ROOT, "| %s | %s | %d | %s |", r.series(), r.period(), r.ranges(), models[k]));
                for (int q = 0; q < 4; q++) {
                    md.append(String.format(Locale.ROOT, " %.1f (%+.1f) |", r.rmseBp()[k][q], r.biasBp()[k][q]));
                }
                md.append(k == 0 ? " " + r.fallbacks() + " |\n" : " |\n");
            }
        }
        return md.toString();
    }

    private static void forecastTable(
            StringBuilder md, List<ForecastEvaluation.Row> rows, String qFormat, String rFormat) {
        if (rows.isEmpty()) {
            return;
        }
        String[] names = rows.getFirst().names();
        md.append("| series | judged | hours |");
        for (String n : names) {
            md.append(" QLIKE ").append(n).append(" |");
        }
        for (String n : names) {
            md.append(" RMSE ").append(n).append(" |");
        }
        md.append(" LSTM − best, 90 % | LSTM fallbacks | fitted |\n|")
                .append("---|".repeat(3 + 2 * names.length + 3))
                .append("\n");
        for (ForecastEvaluation.Row r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d |", r.series(), r.period(), r.hours()));
            for (double q : r.qlike()) {
                md.append(' ')
                        .append(Double.isNaN(q) ? "n/a" : String.format(Locale.ROOT, qFormat, q))
                        .append(" |");
            }
            for (double e : r.rmse()) {
                md.append(' ')
                        .append(Double.isNaN(e) ? "n/a" : String.format(Locale.ROOT, rFormat, e))
                        .append(" |");
            }
            md.append(String.format(
                    Locale.ROOT,
                    " [%+.4f, %+.4f] | %d | %s |%n",
                    r.lstmMinusBestQlike90()[0],
                    r.lstmMinusBestQlike90()[1],
                    r.fallbacks(),
                    r.note()));
        }
    }
}
