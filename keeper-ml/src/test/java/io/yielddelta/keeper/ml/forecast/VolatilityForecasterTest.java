package io.yielddelta.keeper.ml.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.yielddelta.keeper.core.observation.HourObservation;
import io.yielddelta.keeper.ml.feature.BaselineForecast;
import io.yielddelta.keeper.ml.feature.ForecastFeatures;
import io.yielddelta.keeper.ml.feature.GarchVariance;
import io.yielddelta.keeper.ml.fixtures.Observations;
import io.yielddelta.keeper.ml.model.Fallback;
import io.yielddelta.keeper.ml.model.LoadedModel;
import io.yielddelta.keeper.ml.model.ModelDirectory;
import io.yielddelta.keeper.ml.model.ModelHealth;
import io.yielddelta.keeper.ml.model.ModelManifest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped LSTM behind the forecaster: one batch for every vault, the baseline for those it cannot serve. */
class VolatilityForecasterTest {

    @Test
    void oneBatchServesEveryVaultWithHistoryAndTheBaselineTheRest() {
        LoadedModel loaded = ModelDirectory.shipped().load(VolatilityForecaster.MODEL);
        ModelManifest manifest = ((LoadedModel.Ready) loaded).model().manifest();
        int needed = ForecastFeatures.rowsNeeded(manifest.window());
        List<HourObservation> calm = Observations.randomWalk(11, needed + 10, 80_000, 20);
        List<HourObservation> wild = Observations.randomWalk(12, needed, 80_000, 120);
        List<HourObservation> young = Observations.randomWalk(13, needed - 1, 80_000, 40);
        ModelHealth health = new ModelHealth();
        VolatilityForecaster forecaster = new VolatilityForecaster(loaded, health);

        List<Forecast> forecasts = forecaster.forecast(List.of(
                new VolatilityForecaster.Subject("calm", calm),
                new VolatilityForecaster.Subject("wild", wild),
                new VolatilityForecaster.Subject("young", young)));

        assertThat(forecasts.get(0).fromModel()).isTrue();
        assertThat(forecasts.get(0).source()).isEqualTo(manifest.label());
        assertThat(forecasts.get(1).fromModel()).isTrue();
        // six times the hourly moves: the forecast variance must be far larger, whatever the weights
        assertThat(forecasts.get(1).variancePerHour())
                .isGreaterThan(5 * forecasts.get(0).variancePerHour());
        assertThat(forecasts.get(2).fallback()).isEqualTo(Fallback.HISTORY);
        assertThat(forecasts.get(2).variancePerHour())
                .isCloseTo(BaselineForecast.ewmaVariance(young, BaselineForecast.RISKMETRICS_DECAY), within(1e-18));
        assertThat(health.answered(VolatilityForecaster.MODEL)).isEqualTo(2);
        assertThat(health.fallbacks(VolatilityForecaster.MODEL, Fallback.HISTORY))
                .isEqualTo(1);
    }

    /** The forecast is the model's output for the scaled features of the last rows: checked against the raw file. */
    @Test
    void theForecastIsTheExponentOfTheModelsOutputOnScaledFeatures() {
        LoadedModel.Ready ready = (LoadedModel.Ready) ModelDirectory.shipped().load(VolatilityForecaster.MODEL);
        ModelManifest m = ready.model().manifest();
        List<HourObservation> rows = Observations.randomWalk(21, ForecastFeatures.rowsNeeded(m.window()) + 5, 1000, 40);
        float[] input = new float[m.inputWidth()];
        ForecastFeatures.window(rows, m.window(), input, 0);
        m.scaling().apply(input, 0, input.length);
        float[] raw = ready.model().run(input, 1);

        Forecast forecast = new VolatilityForecaster(
                        ModelDirectory.shipped().load(VolatilityForecaster.MODEL), new ModelHealth())
                .forecast(List.of(new VolatilityForecaster.Subject("v", rows)))
                .getFirst();
        assertThat(forecast.variancePerHour()).isCloseTo(Math.exp(raw[0]), within(1e-12));
        assertThat(forecast.feeYieldPerHour()).isCloseTo(Math.exp(raw[1]), within(1e-12));
    }

    @Test
    void withoutAModelEveryVaultGetsTheBaseline() {
        ModelHealth health = new ModelHealth();
        VolatilityForecaster forecaster =
                new VolatilityForecaster(new LoadedModel.Unavailable(VolatilityForecaster.MODEL, "missing"), health);
        List<HourObservation> rows = Observations.randomWalk(31, 120, 0, 30);
        Forecast forecast = forecaster
                .forecast(List.of(new VolatilityForecaster.Subject("v", rows)))
                .getFirst();
        assertThat(forecast.fallback()).isEqualTo(Fallback.UNAVAILABLE);
        assertThat(forecast.feeYieldPerHour()).isCloseTo(BaselineForecast.trailingFeeYield(rows), within(1e-18));
        assertThat(health.fallbacks(VolatilityForecaster.MODEL, Fallback.UNAVAILABLE))
                .isEqualTo(1);
    }

    @Test
    void theConfiguredBaselineServesTheVaultsTheModelCannot() {
        GarchVariance garch = new GarchVariance(2e-6, 0.08, 0.9);
        VolatilityForecaster forecaster = new VolatilityForecaster(
                ModelDirectory.shipped().load(VolatilityForecaster.MODEL), garch, new ModelHealth());
        List<HourObservation> young = Observations.randomWalk(51, 30, 0, 30);
        Forecast forecast = forecaster
                .forecast(List.of(new VolatilityForecaster.Subject("v", young)))
                .getFirst();
        assertThat(forecast.fallback()).isEqualTo(Fallback.HISTORY);
        assertThat(forecast.source()).isEqualTo(garch.name());
        assertThat(forecast.variancePerHour()).isCloseTo(garch.variancePerHour(young, 24), within(1e-18));
    }

    @Test
    void aModelSpeakingOtherFeaturesIsNotUsed() {
        // the MLP's file offered as the forecaster: loaded fine, but not this keeper's forecaster contract
        LoadedModel other = ModelDirectory.shipped().load(io.yielddelta.keeper.ml.range.RangeOutcomePredictor.MODEL);
        VolatilityForecaster forecaster = new VolatilityForecaster(other, new ModelHealth());
        Forecast forecast = forecaster
                .forecast(List.of(new VolatilityForecaster.Subject("v", Observations.randomWalk(41, 120, 0, 30))))
                .getFirst();
        assertThat(forecast.fallback()).isEqualTo(Fallback.UNAVAILABLE);
    }
}
