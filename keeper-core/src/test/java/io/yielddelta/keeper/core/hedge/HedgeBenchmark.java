package io.yielddelta.keeper.core.hedge;

import io.yielddelta.keeper.core.risk.OrderProposal;
import io.yielddelta.keeper.core.risk.RiskEngine;
import io.yielddelta.keeper.core.risk.RiskEvents;
import io.yielddelta.keeper.core.risk.RiskLimits;
import io.yielddelta.keeper.core.risk.RiskVerdict;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.MarkPrice;
import io.yielddelta.keeper.core.venue.OrderRequest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Mark-price event → hedge order built and risk-checked: the vault's exposure revalued at the mark with the exact pool
 * math (sqrt price, getAmountsForLiquidity, gamma), the plan, and the pre-trade check of its order. SampleTime mode,
 * so JMH prints p50 / p99 in µs. {@code tradingEvent}: the hedge is off target and an order is built each time;
 * {@code quietEvent}: the hedge is on target and the event ends with the band check.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class HedgeBenchmark {
    private static final int EVENTS = 4096;

    private final Instrument instrument =
            new Instrument("ETH", new BigDecimal("0.1"), new BigDecimal("0.001"), BigDecimal.TEN, 20);
    private final VaultHoldings holdings = new VaultHoldings(
            "0xvault",
            "ETH",
            new LiquidityPosition(BigInteger.TEN.pow(15), -207240, -193380, true, 18, 6),
            new BigDecimal("0.5"),
            new BigDecimal("1000"),
            new BigDecimal("0.01"),
            new BigDecimal("20"));
    private final RiskEngine risk = new RiskEngine(
            RiskLimits.withDefaults(
                    new BigDecimal("100000"),
                    new BigDecimal("500000"),
                    new BigDecimal("1000000"),
                    new BigDecimal("10000")),
            Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC),
            RiskEvents.NONE);
    private final HedgePlanner planner =
            new HedgePlanner(HedgePreset.DELTA_NEUTRAL.settings(), risk.limits().maxOrderNotional());
    private final Map<String, Instrument> instruments = Map.of("hyperliquid", instrument);

    private MarkPrice[] marks;
    private Map<String, BigDecimal> onTarget;
    private Map<String, BigDecimal> offTarget;
    private int next;

    @Setup
    public void setUp() {
        // A random walk of marks around 2000 (0.1 % steps), as a venue stream delivers them.
        SplittableRandom random = new SplittableRandom(6);
        marks = new MarkPrice[EVENTS];
        double price = 2000;
        for (int i = 0; i < EVENTS; i++) {
            price *= 1 + (random.nextDouble() - 0.5) * 0.002;
            marks[i] = new MarkPrice(
                    "ETH",
                    BigDecimal.valueOf(price).setScale(1, java.math.RoundingMode.HALF_EVEN),
                    null,
                    Instant.EPOCH);
        }
        BigDecimal target = planner.target(holdings.exposureAt(new BigDecimal("2000")), null);
        onTarget =
                Map.of("hyperliquid", instrument.roundSizeDown(target.negate()).negate());
        offTarget = Map.of("hyperliquid", BigDecimal.ZERO);
    }

    @Benchmark
    public RiskVerdict tradingEvent() {
        return onMark(offTarget);
    }

    @Benchmark
    public Object quietEvent() {
        return onMark(onTarget);
    }

    private RiskVerdict onMark(Map<String, BigDecimal> positions) {
        int sequence = next++;
        MarkPrice mark = marks[sequence & (EVENTS - 1)];
        VaultExposure exposure = holdings.exposureAt(mark.mark());
        HedgePlan plan = planner.plan(
                HedgeTrigger.mark(sequence),
                new HedgeSituation(exposure, positions, "hyperliquid", instruments, false, null));
        if (!plan.trades()) {
            return null;
        }
        OrderRequest order = plan.orders().getFirst().request();
        BigDecimal position = positions.get("hyperliquid");
        return risk.check(new OrderProposal(
                "0xvault",
                "hyperliquid",
                order,
                mark.mark(),
                position,
                position,
                position.abs().multiply(mark.mark()),
                new BigDecimal("200000")));
    }
}
