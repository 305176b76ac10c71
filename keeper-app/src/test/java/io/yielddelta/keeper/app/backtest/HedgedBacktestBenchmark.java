package io.yielddelta.keeper.app.backtest;

import io.yielddelta.keeper.app.config.BacktestConfig;
import io.yielddelta.keeper.app.config.BacktestConfigLoader;
import io.yielddelta.keeper.core.backtest.Backtest;
import io.yielddelta.keeper.core.backtest.BacktestResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hedged vault-hours simulated per second: four weeks of real ETH hours (2022-01, ETH falling: the hedges trade)
 * through the whole backtest with config/backtest-eth.yaml's Delta Neutral or Arbitrage vault on its paper venues —
 * the path, the pool side, the keeper cycle, the hedger at every point where it may trade, the venues' funding — for
 * 1 and 10 vaults of the kind. The {@code vaultHours} counter is the figure; keeper-core's {@code BacktestBenchmark}
 * measures the unhedged kind.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class HedgedBacktestBenchmark {

    @Param({"eth-delta-neutral", "eth-arbitrage"})
    String vault;

    @Param({"1", "10"})
    int vaults;

    BacktestData input;
    List<Backtest.VaultSpec> specs;

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long vaultHours;

        @Setup(Level.Iteration)
        public void reset() {
            vaultHours = 0;
        }
    }

    @Setup
    public void load() {
        BacktestConfig config = new BacktestConfigLoader().load(BacktestCommandTest.EXAMPLE);
        Backtest.VaultSpec kind = config.vaults().stream()
                .filter(v -> v.name().equals(vault))
                .findFirst()
                .orElseThrow();
        BacktestConfig.Hedging hedging = config.hedging().orElseThrow();
        specs = new ArrayList<>();
        Map<String, List<String>> venues = new LinkedHashMap<>();
        for (int i = 0; i < vaults; i++) {
            specs.add(new Backtest.VaultSpec(vault + "-" + i, kind.kind(), kind.policy(), kind.guards()));
            venues.put(vault + "-" + i, hedging.venuesByVault().get(vault));
        }
        BacktestConfig copies = new BacktestConfig(
                config.source(),
                config.marketFile(),
                config.maxGap(),
                config.initialValue(),
                config.pool(),
                config.fees(),
                config.path(),
                config.gasPerRebalance(),
                config.measuringBandPct(),
                specs,
                java.util.Optional.of(hedging.withVenuesByVault(venues)));
        input = BacktestData.read(
                copies,
                BacktestCommandTest.SHARED.resolve("data/market"),
                LocalDate.parse("2022-01-01"),
                LocalDate.parse("2022-01-28"));
    }

    @Benchmark
    public BacktestResult fourWeeks(Counters counters) {
        BacktestResult result = input.run(specs, 1, (done, total) -> {});
        counters.vaultHours += (long) input.bars().size() * vaults;
        return result;
    }
}
