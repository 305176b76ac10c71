package io.yielddelta.keeper.app.observability;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.datadog.DatadogMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.yielddelta.keeper.app.dashboard.StatusBoard;
import io.yielddelta.keeper.core.cycle.CycleId;
import io.yielddelta.keeper.core.cycle.Decision;
import io.yielddelta.keeper.core.cycle.RebalanceOutcome;
import io.yielddelta.keeper.core.kernel.DeploymentSettings;
import io.yielddelta.keeper.core.policy.Action;
import io.yielddelta.keeper.core.policy.PolicySettings;
import io.yielddelta.keeper.core.policy.Trigger;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.VaultGuards;
import io.yielddelta.keeper.core.vault.VaultKind;
import io.yielddelta.keeper.core.vault.VaultState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * What the metrics cost one cycle over N vaults: everything the kernel reports per vault (the chain read, the scoring,
 * the decision, a rebalance's stages for one vault in ten) recorded by {@link Telemetry} into both registries a
 * deployment may have (Prometheus and Datadog, the latter not publishing during the run: its step is a minute) and
 * into the dashboard's board. The cycle's own work is not in it. AverageTime in µs per cycle.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TelemetryBenchmark {

    @Param({"1000"})
    int vaults;

    private CompositeMeterRegistry registry;
    private Telemetry telemetry;
    private final List<VaultState> states = new ArrayList<>();
    private final List<Decision> decisions = new ArrayList<>();

    @Setup
    public void setUp() {
        List<DeploymentSettings.VaultSettings> settings = new ArrayList<>();
        Instant fire = Instant.parse("2026-01-08T13:00:00Z");
        for (int i = 0; i < vaults; i++) {
            String address = String.format("0x%040x", i + 1);
            String name = "vault-" + i;
            boolean hedged = i % 2 == 0;
            settings.add(new DeploymentSettings.VaultSettings(
                    name,
                    address,
                    VaultKind.DELTA_NEUTRAL,
                    PolicySettings.DEFAULTS,
                    new BigDecimal("1000000"),
                    hedged
                            ? Optional.of(new DeploymentSettings.HedgeSpec(
                                    List.of("hyperliquid"), "ETH", BigDecimal.ONE, true, 18, 6))
                            : Optional.empty()));
            Range range = new Range(-196_440, -193_080);
            states.add(new VaultState(
                    address,
                    Optional.of(range),
                    BigInteger.TEN.pow(18),
                    BigInteger.TWO.pow(96),
                    -194_650 + i % 50,
                    -194_640,
                    60,
                    BigInteger.ZERO,
                    BigInteger.ZERO,
                    BigInteger.valueOf(1_000 + i),
                    BigInteger.valueOf(2_000 + i),
                    Optional.empty(),
                    false,
                    new VaultGuards(Duration.ofMinutes(5), Duration.ofMinutes(30), 200, 3000, 3000, 100),
                    1_000 + i,
                    fire));
            boolean rebalance = i % 10 == 0;
            decisions.add(new Decision(
                    CycleId.of(address, fire),
                    name,
                    address,
                    fire,
                    fire,
                    Action.HOLD,
                    rebalance ? Set.of(Trigger.OUT_OF_RANGE) : Set.of(),
                    "tick well inside",
                    OptionalInt.of(-194_650),
                    OptionalInt.of(-194_640),
                    Optional.of(range),
                    Optional.empty(),
                    Optional.empty()));
        }
        registry = new CompositeMeterRegistry();
        registry.config().commonTags("service", Monitoring.SERVICE, "instance", "bench");
        registry.add(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        registry.add(DatadogMeterRegistry.builder(Monitoring.datadogConfig("bench-key", "http://127.0.0.1:9"))
                .httpClient(new DatadogSender(Duration.ofSeconds(1)))
                .build());
        telemetry = new Telemetry(registry, new StatusBoard(settings, Clock.systemUTC()), settings);
    }

    @Benchmark
    public Telemetry cycle() {
        Duration took = Duration.ofMillis(3);
        for (int i = 0; i < vaults; i++) {
            Decision d = decisions.get(i);
            telemetry.vaultRead(d.vaultName(), states.get(i));
            telemetry.scored(d.vaultName(), "realized-volatility-ewma", Duration.ofNanos(20_000));
            if (i % 10 == 0) {
                telemetry.rebalance(d.vaultName(), d.id(), RebalanceOutcome.SUBMITTED);
                telemetry.rebalance(d.vaultName(), d.id(), RebalanceOutcome.CONFIRMED);
            }
        }
        telemetry.cycleRan(decisions, took);
        return telemetry;
    }

    @TearDown
    public void tearDown() {
        registry.getRegistries().forEach(r -> {
            if (!(r instanceof DatadogMeterRegistry)) {
                r.close();
            }
        });
    }
}
