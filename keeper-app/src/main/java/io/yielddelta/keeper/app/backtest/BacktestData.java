package io.yielddelta.keeper.app.backtest;

import io.yielddelta.keeper.app.config.BacktestConfig;
import io.yielddelta.keeper.core.backtest.Backtest;
import io.yielddelta.keeper.core.backtest.BacktestResult;
import io.yielddelta.keeper.core.backtest.FeeModel;
import io.yielddelta.keeper.core.backtest.HedgeSimulation;
import io.yielddelta.keeper.core.market.HourlyBar;
import io.yielddelta.keeper.core.market.MarketHistory;
import io.yielddelta.keeper.core.market.PoolHistory;
import io.yielddelta.keeper.core.observation.InMemoryObservationHistory;
import io.yielddelta.keeper.core.policy.RangeScorer;
import io.yielddelta.keeper.core.policy.RealizedVolatilityScorer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a backtest file needs from the data directory, read once before anything runs: the market's hours (gaps up to
 * the file's limit kept), the fee model calibrated on the pool history of the pool's fee tier, and the hedge venues
 * with their funding histories.
 *
 * @param hedging null when the file has no hedging section
 */
record BacktestData(BacktestConfig config, List<HourlyBar> bars, FeeModel feeModel, HedgeSimulation hedging) {

    /** Hours of pool history kept per vault: the longest trailing window a regime scorer may ask for. */
    private static final int HISTORY_HOURS = 24 * 90 + 1;

    /**
     * @param from first day (UTC) to replay, null for the file's first
     * @param to   last day included, null for the file's last
     * @throws io.yielddelta.keeper.core.market.MarketDataException naming the file and line of bad data
     * @throws java.io.UncheckedIOException                          when a file cannot be read
     */
    static BacktestData read(BacktestConfig config, Path data, LocalDate from, LocalDate to) {
        List<HourlyBar> all = MarketHistory.read(data.resolve(config.marketFile()), config.maxGap());
        List<HourlyBar> bars = all.stream()
                .filter(b -> from == null || !b.openTime().isBefore(start(from)))
                .filter(b -> to == null || b.openTime().isBefore(start(to.plusDays(1))))
                .toList();
        List<HourlyBar> reference = config.fees().referenceMarketFile().equals(config.marketFile())
                ? all
                : MarketHistory.read(data.resolve(config.fees().referenceMarketFile()), config.maxGap());
        BacktestConfig.FeeTier tier = config.feeTier();
        FeeModel feeModel = FeeModel.calibrate(
                tier.feePips(),
                PoolHistory.read(data.resolve(tier.poolHistory())),
                reference,
                tier.concentration(),
                config.fees().depthScale(),
                tier.poolHistory().getFileName().toString());
        HedgeSimulation hedging = config.hedging()
                .map(h -> new HedgeSimulation(
                        new PaperVenues(h, data),
                        h.market(),
                        h.band(),
                        h.limits(),
                        h.fundingHorizon(),
                        h.switchingCost()))
                .orElse(null);
        return new BacktestData(config, bars, feeModel, hedging);
    }

    /**
     * One run of these vaults with the path seeded {@code seed}: the daemon's cycle and policy, each vault with the
     * scorer its file chose (fresh for the run), the regime scorers reading the hours the backtest records.
     */
    BacktestResult run(List<Backtest.VaultSpec> vaults, long seed, Backtest.Progress progress) {
        InMemoryObservationHistory history = new InMemoryObservationHistory(HISTORY_HOURS);
        Map<String, RangeScorer> scorers = new HashMap<>();
        for (Backtest.VaultSpec vault : vaults) {
            scorers.put(vault.name(), config.scorer(vault.name()).scorer(history));
        }
        return new Backtest(
                        config.settings(feeModel, config.path().withSeed(seed)),
                        RealizedVolatilityScorer.baseline(),
                        scorers,
                        hedging,
                        history)
                .run(bars, vaults, progress);
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
