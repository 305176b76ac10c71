package io.yielddelta.keeper.ml;

import io.yielddelta.keeper.core.observation.HourObservation;
import io.yielddelta.keeper.ml.feature.ForecastFeatures;
import io.yielddelta.keeper.ml.fixtures.Observations;
import io.yielddelta.keeper.ml.forecast.Forecast;
import io.yielddelta.keeper.ml.forecast.VolatilityForecaster;
import io.yielddelta.keeper.ml.model.LoadedModel;
import io.yielddelta.keeper.ml.model.ModelDirectory;
import io.yielddelta.keeper.ml.model.ModelHealth;
import io.yielddelta.keeper.ml.model.OnnxModel;
import io.yielddelta.keeper.ml.range.RangeOutcome;
import io.yielddelta.keeper.ml.range.RangeOutcomePredictor;
import io.yielddelta.keeper.ml.range.RangeQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of the shipped models on one thread: the raw ONNX inference per model at batch 1 and 1,000 rows, and the
 * forecaster and predictor as a cycle runs them (features, scaling, checks, fallbacks) for 1 and 1,000 vaults.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ModelInferenceBenchmark {

    @Param({"1", "1000"})
    public int batch;

    private OnnxModel lstm;
    private OnnxModel mlp;
    private float[] lstmInput;
    private float[] mlpInput;
    private VolatilityForecaster forecaster;
    private RangeOutcomePredictor predictor;
    private List<VolatilityForecaster.Subject> subjects;
    private List<RangeQuery> queries;

    @Setup(Level.Trial)
    public void load() {
        lstm = ((LoadedModel.Ready) ModelDirectory.shipped().load(VolatilityForecaster.MODEL)).model();
        mlp = ((LoadedModel.Ready) ModelDirectory.shipped().load(RangeOutcomePredictor.MODEL)).model();
        lstmInput = rows(lstm.manifest().smoke().input(), lstm.manifest().inputWidth(), batch);
        mlpInput = rows(mlp.manifest().smoke().input(), mlp.manifest().inputWidth(), batch);
        forecaster =
                new VolatilityForecaster(ModelDirectory.shipped().load(VolatilityForecaster.MODEL), new ModelHealth());
        predictor = new RangeOutcomePredictor(
                ModelDirectory.shipped().load(RangeOutcomePredictor.MODEL), new ModelHealth());
        subjects = new ArrayList<>();
        queries = new ArrayList<>();
        Random random = new Random(1);
        int needed = ForecastFeatures.rowsNeeded(lstm.manifest().window());
        for (int v = 0; v < batch; v++) {
            List<HourObservation> history = Observations.randomWalk(v, needed, 80_000, 20 + 40 * random.nextDouble());
            subjects.add(new VolatilityForecaster.Subject("vault" + v, history));
            queries.add(new RangeQuery(0.01 + 0.2 * random.nextDouble(), random.nextDouble() - 0.5, 3e-5, 1.5e-6, 24));
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        lstm.close();
        mlp.close();
    }

    @Benchmark
    public float[] lstmOnnx() {
        return lstm.run(lstmInput, batch);
    }

    @Benchmark
    public float[] mlpOnnx() {
        return mlp.run(mlpInput, batch);
    }

    @Benchmark
    public List<Forecast> forecasterCycle() {
        return forecaster.forecast(subjects);
    }

    @Benchmark
    public List<RangeOutcome> predictorCycle() {
        return predictor.predict(queries);
    }

    /** {@code count} rows of {@code width}, cycling through the smoke rows. */
    private static float[] rows(float[] smoke, int width, int count) {
        float[] out = new float[count * width];
        for (int i = 0; i < out.length; i++) {
            out[i] = smoke[i % smoke.length];
        }
        return out;
    }
}
