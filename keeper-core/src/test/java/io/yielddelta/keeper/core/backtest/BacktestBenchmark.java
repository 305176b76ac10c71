package io.yielddelta.keeper.core.backtest;

import io.yielddelta.keeper.core.market.HourlyBar;
import io.yielddelta.keeper.core.policy.RealizedVolatilityScorer;
import java.util.ArrayList;
import java.util.List;
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
 * Concentrated-liquidity vault-hours simulated per second: a week of real ETH hours (2022-01) through the whole
 * backtest — the intra-hour path (60 points an hour), fees and LVR along it, the exact pools, the keeper cycle with its
 * policy and scorer, the baselines — for 1, 10 and 100 vaults. The {@code vaultHours} counter is the figure. The
 * hedged kinds are measured by keeper-app's {@code HedgedBacktestBenchmark} (they need the paper venues).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class BacktestBenchmark {
    private static final int HOURS = 7 * 24;

    @Param({"1", "10", "100"})
    int vaults;

    List<HourlyBar> week;
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
        week = BacktestTest.ETH.subList(0, HOURS);
        specs = new ArrayList<>();
        for (int i = 0; i < vaults; i++) {
            specs.add(new Backtest.VaultSpec(
                    "vault-" + i,
                    BacktestTest.CONCENTRATED.kind(),
                    BacktestTest.CONCENTRATED.policy(),
                    BacktestTest.GUARDS));
        }
    }

    @Benchmark
    public BacktestResult week(Counters counters) {
        BacktestResult result = new Backtest(BacktestTest.SETTINGS, new RealizedVolatilityScorer(0.7, 0.97))
                .run(week, specs, (done, total) -> {});
        counters.vaultHours += (long) HOURS * vaults;
        return result;
    }
}
