package io.yielddelta.keeper.ml.train;

import io.yielddelta.keeper.core.market.MarketDataException;
import io.yielddelta.keeper.ml.feature.ForecastFeatures;
import io.yielddelta.keeper.ml.forecast.VolatilityForecaster;
import io.yielddelta.keeper.ml.model.ModelDirectory;
import io.yielddelta.keeper.ml.model.ModelHealth;
import io.yielddelta.keeper.ml.model.ModelManifest;
import io.yielddelta.keeper.ml.range.RangeOutcomePredictor;
import io.yielddelta.keeper.ml.train.data.MarketSeries;
import io.yielddelta.keeper.ml.train.dataset.Anchor;
import io.yielddelta.keeper.ml.train.dataset.ForecastSet;
import io.yielddelta.keeper.ml.train.dataset.RangeOutcomeSet;
import io.yielddelta.keeper.ml.train.eval.ForecastEvaluation;
import io.yielddelta.keeper.ml.train.eval.Period;
import io.yielddelta.keeper.ml.train.eval.RangeOutcomeEvaluation;
import io.yielddelta.keeper.ml.train.nn.ForecasterNet;
import io.yielddelta.keeper.ml.train.nn.Progress;
import io.yielddelta.keeper.ml.train.nn.RangeOutcomeNet;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code keeper train}: fits the forecaster (LSTM) and the LVR / IL predictor (MLP) on {@code ../shared/data} with
 * fixed seeds, writes them and their manifests into the model folder, and judges them out of sample against their
 * baselines — trained on 2022–2023 and judged on 2024 (the shipped files), and walk-forward trained on 2022 and judged
 * on 2023. Nothing is tuned on 2024: the settings below are fixed before either run. Prints its progress and the
 * evaluation tables, and writes the tables as Markdown.
 *
 * <p>Needs {@code ONEDNN_MAX_CPU_ISA=AVX2} in the environment (PyTorch's LSTM is wrong without it on these CPUs; the
 * round-trip check would refuse the file), {@code DJL_OFFLINE=true} and {@code DJL_CACHE_DIR}: the {@code train}
 * profile of keeper-ml-train's pom sets them.
 */
public final class TrainCommand {
    static final int HORIZON = 24;
    static final String COMMAND = "nice -n 10 ./mvnw -q -pl keeper-ml-train -am -Ptrain verify -DskipTests";

    /** Everything a run is set by; {@link #full} trains the shipped models, {@link #tiny} checks the path in seconds. */
    record Settings(
            int window,
            ForecasterNet.Config lstm,
            RangeOutcomeNet.Config mlp,
            int lstmStride,
            int mlpStride,
            int rangesPerAnchor,
            List<String> series,
            Period train,
            Period test,
            Period walkTrain,
            Period walkTest,
            double lstmBudgetMs,
            double mlpBudgetMs) {

        static Settings full(long seed) {
            return new Settings(
                    72,
                    new ForecasterNet.Config(24, 72, 12, 128, 2e-3f, seed),
                    new RangeOutcomeNet.Config(32, 15, 256, 2e-3f, seed),
                    2,
                    3,
                    4,
                    List.of(),
                    Period.years(2022, 2023),
                    Period.years(2024, 2024),
                    Period.years(2022, 2022),
                    Period.years(2023, 2023),
                    2000,
                    500);
        }

        static Settings tiny(long seed) {
            Period jan = new Period(
                    "2022-01", Period.years(2022, 2022).from(), java.time.Instant.parse("2022-02-01T00:00:00Z"));
            Period feb = new Period("2022-02", jan.to(), java.time.Instant.parse("2022-03-01T00:00:00Z"));
            return new Settings(
                    12,
                    new ForecasterNet.Config(4, 12, 1, 64, 1e-2f, seed),
                    new RangeOutcomeNet.Config(8, 1, 128, 1e-2f, seed),
                    6,
                    12,
                    2,
                    List.of("ETH 0.30 %", "BTC"),
                    jan,
                    feb,
                    jan,
                    feb,
                    5_000,
                    5_000);
        }
    }

    record Options(Path data, Path out, Path report, Path walkForwardOut, long seed, String version, boolean tiny) {}

    private TrainCommand() {}

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("keeper train: " + e.getMessage());
            System.err.println(
                    "usage: keeper train --data DIR --out DIR [--report FILE] [--seed N] [--version V] [--tiny]");
            System.exit(2);
            return;
        }
        if (!"AVX2".equals(System.getenv("ONEDNN_MAX_CPU_ISA"))) {
            System.err.println(
                    "keeper train: set ONEDNN_MAX_CPU_ISA=AVX2 before the JVM starts (PyTorch's LSTM is wrong "
                            + "without it on these CPUs); the pom's train profile does");
            System.exit(2);
        }
        try {
            run(options, System.out);
        } catch (MarketDataException | UncheckedIOException e) {
            System.err.println("keeper train: " + e.getMessage()
                    + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
            System.exit(2);
        }
    }

    static Options parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        boolean tiny = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tiny" -> tiny = true;
                case "--data", "--out", "--report", "--seed", "--version", "--walk-forward-out" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(args[i] + " needs a value");
                    }
                    values.put(args[i], args[++i]);
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (!values.containsKey("--data") || !values.containsKey("--out")) {
            throw new IllegalArgumentException("--data and --out are required");
        }
        Path out = Path.of(values.get("--out"));
        long seed;
        try {
            seed = Long.parseLong(values.getOrDefault("--seed", "20220101"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed must be an integer, was " + values.get("--seed"));
        }
        return new Options(
                Path.of(values.get("--data")),
                out,
                Path.of(values.getOrDefault("--report", "docs/model-evaluation.md")),
                Path.of(values.getOrDefault("--walk-forward-out", "keeper-ml-train/target/walk-forward-models")),
                seed,
                values.getOrDefault("--version", "1"),
                tiny);
    }

    /** Trains, writes and judges both models; returns the report's Markdown. */
    static String run(Options options, PrintStream out) {
        Settings settings = options.tiny() ? Settings.tiny(options.seed()) : Settings.full(options.seed());
        Progress progress = Progress.to(out);
        List<MarketSeries.Spec> specs = MarketSeries.standard(options.data()).stream()
                .filter(s -> settings.series().isEmpty() || settings.series().contains(s.name()))
                .toList();
        List<MarketSeries.Built> series = new ArrayList<>();
        for (MarketSeries.Spec spec : specs) {
            series.add(MarketSeries.build(spec));
            progress.step(
                    "reading market history",
                    series.size(),
                    specs.size(),
                    spec.name() + ": " + series.getLast().rows().size() + " hours");
        }
        Report report = new Report(options, settings);
        Split main = trainAndJudge(
                series, settings, settings.train(), settings.test(), options.out(), options, progress, report);
        Split walk = trainAndJudge(
                series,
                settings,
                settings.walkTrain(),
                settings.walkTest(),
                options.walkForwardOut(),
                options,
                progress,
                report);
        writeModel(options.out(), main.forecaster.withMetrics(report.forecasterMetrics()));
        writeModel(options.out(), main.rangeOutcome.withMetrics(report.rangeOutcomeMetrics()));
        String markdown = report.markdown(main, walk);
        try {
            Files.createDirectories(options.report().toAbsolutePath().getParent());
            Files.writeString(options.report(), markdown);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + options.report(), e);
        }
        out.println(markdown);
        out.println("models written to " + options.out() + "; report " + options.report());
        return markdown;
    }

    record Split(Period train, Period test, ModelTraining.Exported forecaster, ModelTraining.Exported rangeOutcome) {}

    private static Split trainAndJudge(
            List<MarketSeries.Built> series,
            Settings s,
            Period train,
            Period test,
            Path folder,
            Options options,
            Progress progress,
            Report report) {
        int history = ForecastFeatures.rowsNeeded(s.window());
        List<Anchor> lstmAnchors = new ArrayList<>();
        List<Anchor> mlpAnchors = new ArrayList<>();
        for (MarketSeries.Built b : series) {
            lstmAnchors.addAll(Anchor.in(b, history, HORIZON, train.from(), train.to(), s.lstmStride()));
            mlpAnchors.addAll(Anchor.in(b, history, HORIZON, train.from(), train.to(), s.mlpStride()));
        }
        ModelManifest.Training provenance = new ModelManifest.Training(
                train.firstDay(),
                train.lastDay(),
                test.firstDay() + " to " + test.lastDay(),
                options.seed(),
                options.tiny() ? COMMAND + " -Dtrain.args=--tiny" : COMMAND,
                "../shared/data: "
                        + String.join(
                                ", ", series.stream().map(b -> b.spec().name()).toList()));
        ModelTraining.Provenance provenanceOf = new ModelTraining.Provenance(options.version(), provenance);
        progress.step(
                "forecaster rows " + train.name(), 1, 1, lstmAnchors.size() + " windows of " + s.window() + " hours");
        ModelTraining.Exported forecaster = ModelTraining.forecaster(
                ForecastSet.of(lstmAnchors, s.window(), HORIZON),
                s.lstm(),
                HORIZON,
                s.lstmBudgetMs(),
                provenanceOf,
                progress);
        RangeOutcomeSet ranges = RangeOutcomeSet.of(mlpAnchors, history, HORIZON, s.rangesPerAnchor(), options.seed());
        progress.step("range outcome rows " + train.name(), 1, 1, ranges.rows + " candidate ranges");
        ModelTraining.Exported rangeOutcome =
                ModelTraining.rangeOutcome(ranges, s.mlp(), HORIZON, s.mlpBudgetMs(), provenanceOf, progress);
        writeModel(folder, forecaster);
        writeModel(folder, rangeOutcome);

        ModelHealth health = new ModelHealth();
        ModelDirectory directory = ModelDirectory.at(folder);
        VolatilityForecaster lstm = new VolatilityForecaster(directory.load(VolatilityForecaster.MODEL), health);
        RangeOutcomePredictor mlp = new RangeOutcomePredictor(directory.load(RangeOutcomePredictor.MODEL), health);
        report.volatility.addAll(
                ForecastEvaluation.volatility(series, lstm, s.window(), HORIZON, train, test, options.seed()));
        report.feeYield.addAll(ForecastEvaluation.feeYield(series, lstm, s.window(), HORIZON, test, options.seed()));
        report.ranges.addAll(RangeOutcomeEvaluation.evaluate(series, mlp, history, HORIZON, test, options.seed() + 1));
        progress.step("judged on " + test.name(), 1, 1, "trained on " + train.name());
        return new Split(train, test, forecaster, rangeOutcome);
    }

    private static void writeModel(Path folder, ModelTraining.Exported model) {
        try {
            Files.createDirectories(folder);
            Files.write(folder.resolve(model.manifest().file()), model.onnx());
            Files.write(
                    folder.resolve(model.manifest().name() + ".json"),
                    model.manifest().toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + model.manifest().name() + " into " + folder, e);
        }
    }
}
