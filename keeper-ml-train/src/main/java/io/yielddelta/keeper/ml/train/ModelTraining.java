package io.yielddelta.keeper.ml.train;

import io.yielddelta.keeper.ml.feature.FeatureScaling;
import io.yielddelta.keeper.ml.feature.ForecastFeatures;
import io.yielddelta.keeper.ml.forecast.VolatilityForecaster;
import io.yielddelta.keeper.ml.model.ModelManifest;
import io.yielddelta.keeper.ml.model.Sha256;
import io.yielddelta.keeper.ml.range.RangeOutcomePredictor;
import io.yielddelta.keeper.ml.train.dataset.ForecastSet;
import io.yielddelta.keeper.ml.train.dataset.RangeOutcomeSet;
import io.yielddelta.keeper.ml.train.nn.ForecasterNet;
import io.yielddelta.keeper.ml.train.nn.LstmWeights;
import io.yielddelta.keeper.ml.train.nn.MlpWeights;
import io.yielddelta.keeper.ml.train.nn.OnnxExport;
import io.yielddelta.keeper.ml.train.nn.Progress;
import io.yielddelta.keeper.ml.train.nn.RangeOutcomeNet;
import io.yielddelta.keeper.ml.train.nn.ReferenceForward;
import io.yielddelta.keeper.ml.train.nn.RoundTrip;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Trains one model, writes it as ONNX, checks the file against the trainer's forward pass and the plain-Java
 * reference (refusing it beyond {@link RoundTrip#TOLERANCE}), and writes its manifest.
 */
public final class ModelTraining {
    static final String INPUT = "features";
    static final String FORECAST_OUTPUT = "forecast";
    static final String OUTCOME_OUTPUT = "outcome";
    static final int SMOKE_ROWS = 4;
    static final double SMOKE_TOLERANCE = 1e-4;
    static final int CHECK_ROWS = 256;

    /** @param roundTrip the three-way check on {@link #CHECK_ROWS} training rows; @param loss the last epoch's */
    public record Exported(byte[] onnx, ModelManifest manifest, RoundTrip roundTrip, double loss) {

        /** The same file with figures measured after training added to its manifest. */
        public Exported withMetrics(Map<String, Double> metrics) {
            ModelManifest m = manifest;
            Map<String, Double> all = new TreeMap<>(m.metrics());
            all.putAll(metrics);
            return new Exported(
                    onnx,
                    new ModelManifest(
                            m.name(),
                            m.version(),
                            m.file(),
                            m.sha256(),
                            m.input(),
                            m.output(),
                            m.outputColumns(),
                            m.outputMin(),
                            m.outputMax(),
                            m.features(),
                            m.window(),
                            m.horizonHours(),
                            m.training(),
                            all,
                            m.smoke(),
                            m.latencyBudgetMs()),
                    roundTrip,
                    loss);
        }
    }

    /** What the manifest says about where the weights came from. */
    public record Provenance(String version, ModelManifest.Training training) {}

    private ModelTraining() {}

    public static Exported forecaster(
            ForecastSet set,
            ForecasterNet.Config config,
            int horizon,
            double latencyBudgetMs,
            Provenance provenance,
            Progress progress) {
        FeatureScaling scaling = set.fitScaling();
        int width = set.window * ForecastFeatures.COUNT;
        scaling.apply(set.x, 0, set.x.length);
        try (ForecasterNet net = new ForecasterNet(ForecastFeatures.COUNT, set.logMeanTargets(), config)) {
            double loss = net.fit(set.x, set.targets, set.masks, set.rows, progress);
            LstmWeights weights = net.weights();
            byte[] onnx = OnnxExport.lstm(
                    weights,
                    set.window,
                    INPUT,
                    FORECAST_OUTPUT,
                    "LSTM forecaster of the variance and fee " + "yield per hour over the next " + horizon + " hours");
            int rows = Math.min(CHECK_ROWS, set.rows);
            float[] check = Arrays.copyOf(set.x, rows * width);
            RoundTrip roundTrip = RoundTrip.of(
                    onnx,
                    INPUT,
                    check,
                    rows,
                    width,
                    net.predict(check, rows),
                    ReferenceForward.lstm(weights, check, rows, set.window));
            requirePasses("forecaster", roundTrip);
            double[][] bounds = logBounds(set);
            ModelManifest manifest = manifest(
                    VolatilityForecaster.MODEL,
                    onnx,
                    width,
                    VolatilityForecaster.OUTPUTS,
                    bounds[0],
                    bounds[1],
                    ForecastFeatures.NAMES,
                    scaling,
                    set.window,
                    horizon,
                    latencyBudgetMs,
                    provenance,
                    Arrays.copyOf(check, SMOKE_ROWS * width),
                    FORECAST_OUTPUT,
                    roundTrip);
            return new Exported(onnx, manifest, roundTrip, loss);
        }
    }

    public static Exported rangeOutcome(
            RangeOutcomeSet set,
            RangeOutcomeNet.Config config,
            int horizon,
            double latencyBudgetMs,
            Provenance provenance,
            Progress progress) {
        int width = RangeOutcomePredictor.INPUTS.size();
        FeatureScaling scaling = io.yielddelta.keeper.ml.train.dataset.Standardisation.fit(set.x, width);
        scaling.apply(set.x, 0, set.x.length);
        FeatureScaling targets = set.targetScaling();
        float[] mean = toFloats(targets.mean());
        float[] std = toFloats(targets.std());
        try (RangeOutcomeNet net = new RangeOutcomeNet(width, mean, std, config)) {
            double loss = net.fit(set.x, set.targets, set.rows, progress);
            MlpWeights weights = net.weights();
            byte[] onnx = OnnxExport.mlp(
                    weights,
                    INPUT,
                    OUTCOME_OUTPUT,
                    "LVR, impermanent loss and fees of a candidate " + "range over the next " + horizon
                            + " hours, relative to the forecast");
            int rows = Math.min(CHECK_ROWS, set.rows);
            float[] check = Arrays.copyOf(set.x, rows * width);
            RoundTrip roundTrip = RoundTrip.of(
                    onnx,
                    INPUT,
                    check,
                    rows,
                    width,
                    net.predict(check, rows),
                    ReferenceForward.mlp(weights, check, rows));
            requirePasses("range outcome", roundTrip);
            double[] min = new double[3];
            double[] max = new double[3];
            for (int c = 0; c < 3; c++) {
                int col = c;
                double lo = IntStream.range(0, set.rows)
                        .mapToDouble(r -> set.targets[r * 3 + col])
                        .min()
                        .orElseThrow();
                double hi = IntStream.range(0, set.rows)
                        .mapToDouble(r -> set.targets[r * 3 + col])
                        .max()
                        .orElseThrow();
                min[c] = lo - 3 * std[c];
                max[c] = hi + 3 * std[c];
            }
            ModelManifest manifest = manifest(
                    RangeOutcomePredictor.MODEL,
                    onnx,
                    width,
                    RangeOutcomePredictor.OUTPUTS,
                    min,
                    max,
                    RangeOutcomePredictor.INPUTS,
                    scaling,
                    1,
                    horizon,
                    latencyBudgetMs,
                    provenance,
                    Arrays.copyOf(check, SMOKE_ROWS * width),
                    OUTCOME_OUTPUT,
                    roundTrip);
            return new Exported(onnx, manifest, roundTrip, loss);
        }
    }

    private static ModelManifest manifest(
            String name,
            byte[] onnx,
            int width,
            List<String> outputs,
            double[] min,
            double[] max,
            List<String> featureNames,
            FeatureScaling scaling,
            int window,
            int horizon,
            double latencyBudgetMs,
            Provenance provenance,
            float[] smokeInput,
            String outputName,
            RoundTrip roundTrip) {
        List<ModelManifest.Feature> features = new ArrayList<>();
        for (int f = 0; f < featureNames.size(); f++) {
            features.add(new ModelManifest.Feature(featureNames.get(f), scaling.mean()[f], scaling.std()[f]));
        }
        float[] smokeOutput = RoundTrip.run(onnx, INPUT, smokeInput, SMOKE_ROWS, width);
        Map<String, Double> metrics = new TreeMap<>(Map.of(
                "roundTrip.onnxVsReference", roundTrip.onnxVsReference(),
                "roundTrip.trainerVsReference", roundTrip.trainerVsReference()));
        return new ModelManifest(
                name,
                provenance.version(),
                name + ".onnx",
                Sha256.hex(onnx),
                new ModelManifest.Tensor(INPUT, new long[] {-1, width}),
                new ModelManifest.Tensor(outputName, new long[] {-1, outputs.size()}),
                outputs,
                min,
                max,
                features,
                window,
                horizon,
                provenance.training(),
                metrics,
                new ModelManifest.Smoke(SMOKE_ROWS, smokeInput, smokeOutput, SMOKE_TOLERANCE),
                latencyBudgetMs);
    }

    /** ln of the smallest and largest realised targets, widened by 3 (a factor of 20) each way. */
    private static double[][] logBounds(ForecastSet set) {
        double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < set.rows * 2; i++) {
            if (set.masks[i] > 0 && set.targets[i] > 0) {
                min[i % 2] = Math.min(min[i % 2], Math.log(set.targets[i]) - 3);
                max[i % 2] = Math.max(max[i % 2], Math.log(set.targets[i]) + 3);
            }
        }
        return new double[][] {min, max};
    }

    private static void requirePasses(String model, RoundTrip check) {
        if (!check.passes()) {
            throw new IllegalStateException(
                    model + ": the exported file disagrees with the reference forward pass: onnx "
                            + check.onnxVsReference() + ", trainer " + check.trainerVsReference() + " (tolerance "
                            + RoundTrip.TOLERANCE + ")");
        }
    }

    private static float[] toFloats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }
}
