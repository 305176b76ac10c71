package io.yielddelta.keeper.app.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.yielddelta.keeper.app.chain.ChainMetrics;
import io.yielddelta.keeper.app.dashboard.StatusBoard;
import io.yielddelta.keeper.app.dashboard.StatusSnapshot;
import io.yielddelta.keeper.core.cycle.Decision;
import io.yielddelta.keeper.core.cycle.RebalanceOutcome;
import io.yielddelta.keeper.core.hedge.HedgeOrder;
import io.yielddelta.keeper.core.hedge.HedgeResult;
import io.yielddelta.keeper.core.hedge.VaultExposure;
import io.yielddelta.keeper.core.kernel.DeploymentSettings.VaultSettings;
import io.yielddelta.keeper.core.kernel.KeeperMetrics;
import io.yielddelta.keeper.core.policy.Trigger;
import io.yielddelta.keeper.core.risk.RiskAlert;
import io.yielddelta.keeper.core.risk.RiskEvents;
import io.yielddelta.keeper.core.risk.TradingState;
import io.yielddelta.keeper.core.vault.VaultState;
import io.yielddelta.keeper.core.venue.FundingRate;
import io.yielddelta.keeper.core.venue.Margin;
import io.yielddelta.keeper.core.venue.Position;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The one place the keeper's metrics are recorded: the kernel's {@link KeeperMetrics} sink, the chain edge's
 * {@link ChainMetrics}, the venues' calls (through {@link MeteredVenue}) and the risk events, as Micrometer meters on
 * the deployment's registries and as the dashboard's {@link StatusBoard}. Every series is listed in
 * {@code docs/metrics.md}. Tags are bounded: vault, venue and market names from the deployment file, node positions,
 * enum values, JSON-RPC method names; never an address, an id, a URL or a secret.
 */
public final class Telemetry implements KeeperMetrics, ChainMetrics, RiskEvents {

    private static final BigDecimal WEI_PER_NATIVE = BigDecimal.TEN.pow(18);

    private final MeterRegistry registry;
    private final StatusBoard board;
    private final Timer cycleDuration;
    private final Counter scorerFallbacks;
    private final Counter replacements;
    private final Counter gapsRebroadcast;
    private final Counter gapsRefused;
    private final DistributionSummary gasUsed;
    private final Counter feePaid;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
    private final Set<String> scoringFailedThisCycle = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public Telemetry(MeterRegistry registry, StatusBoard board, List<VaultSettings> vaults) {
        this.registry = registry;
        this.board = board;
        cycleDuration = Timer.builder("keeper.cycle.duration")
                .description("one cycle: read, score, decide, act")
                .register(registry);
        scorerFallbacks = Counter.builder("keeper.model.fallbacks")
                .tag("reason", "scorer_failed")
                .description("vaults skipped because the scorer failed")
                .register(registry);
        replacements = Counter.builder("keeper.tx.replacements")
                .description("stuck transactions replaced")
                .register(registry);
        gapsRebroadcast = Counter.builder("keeper.tx.nonce.gaps")
                .tag("resolution", "rebroadcast")
                .register(registry);
        gapsRefused = Counter.builder("keeper.tx.nonce.gaps")
                .tag("resolution", "refused")
                .register(registry);
        gasUsed = DistributionSummary.builder("keeper.tx.gas.used")
                .baseUnit("gas")
                .register(registry);
        feePaid = Counter.builder("keeper.tx.fee.paid")
                .baseUnit("native")
                .description("fees paid, in the chain's token")
                .register(registry);
        long now = registry.config().clock().wallTime();
        for (VaultSettings vault : vaults) {
            AtomicLong last = new AtomicLong(now);
            lastSuccess.put(vault.name(), last);
            Gauge.builder(
                            "keeper.cycle.last_success.age",
                            last,
                            l -> (registry.config().clock().wallTime() - l.get()) / 1000.0)
                    .baseUnit("seconds")
                    .tag("vault", vault.name())
                    .description("since the last cycle that read and decided the vault (since start if none)")
                    .register(registry);
            if (vault.hedged()) {
                counter("keeper.hedge.band.breaches", Tags.of("vault", vault.name()));
            }
        }
        for (Class<?> type : RiskAlert.class.getPermittedSubclasses()) {
            counter("keeper.risk.alerts", Tags.of("type", type.getSimpleName()));
        }
        Gauge.builder("keeper.up", () -> 1)
                .description("1 while the keeper runs")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public StatusBoard board() {
        return board;
    }

    /**
     * The state-like series, read when published: the trading state (0 ACTIVE, 1 REDUCING, 2 HALTED), whether an
     * emergency exit is in force, whether this keeper runs the hedges (its cluster role), the journal rows in flight.
     */
    public void watch(
            Supplier<TradingState> state,
            BooleanSupplier emergencyExit,
            BooleanSupplier hedgeLeader,
            Supplier<Integer> openRebalances,
            Supplier<Integer> hedgeOrdersInFlight) {
        Gauge.builder("keeper.trading.state", () -> state.get().ordinal())
                .description("0 ACTIVE, 1 REDUCING, 2 HALTED")
                .register(registry);
        Gauge.builder("keeper.trading.emergency_exit", () -> emergencyExit.getAsBoolean() ? 1 : 0)
                .register(registry);
        Gauge.builder("keeper.cluster.hedge_leader", () -> hedgeLeader.getAsBoolean() ? 1 : 0)
                .description("1 on the keeper that runs the hedges")
                .register(registry);
        Cached rebalances = new Cached(openRebalances);
        Cached orders = new Cached(hedgeOrdersInFlight);
        // Strong references: a gauge holds its object weakly, and nothing else holds these.
        Gauge.builder("keeper.journal.in_flight", rebalances, Cached::get)
                .strongReference(true)
                .tag("kind", "rebalance")
                .register(registry);
        Gauge.builder("keeper.journal.in_flight", orders, Cached::get)
                .strongReference(true)
                .tag("kind", "hedge_order")
                .register(registry);
    }

    // ------------------------------------------------------------------ the cycle

    @Override
    public void vaultRead(String vault, VaultState state) {
        board.vaultRead(vault, state);
    }

    @Override
    public void scored(String vault, String model, Duration took) {
        timer("keeper.model.inference", Tags.of("model", model)).record(took);
    }

    @Override
    public void scoringFailed(String vault, Duration took) {
        scorerFallbacks.increment();
        scoringFailedThisCycle.add(vault);
    }

    @Override
    public void rebalance(String vault, String decisionId, RebalanceOutcome outcome) {
        String[] kind = switch (outcome) {
            case SUBMITTED -> new String[] {"submitted", "none"};
            case CONFIRMED -> new String[] {"confirmed", "none"};
            case REVERTED -> new String[] {"failed", "reverted"};
            case DROPPED -> new String[] {"failed", "nonce_taken"};
            case NOT_SENT -> new String[] {"failed", "not_sent"};
            case LEFT_OPEN -> new String[] {"open", "awaiting_reconciliation"};
            case REFUSED_BEFORE_BROADCAST -> new String[] {"refused", "before_broadcast"};
            case REFUSED_BY_POLICY -> new String[] {"refused", "policy"};
            case REFUSED_BY_GATE -> new String[] {"refused", "gate"};
        };
        counter("keeper.rebalances", Tags.of("vault", vault, "outcome", kind[0], "reason", kind[1]))
                .increment();
        board.rebalance(vault, decisionId, outcome);
    }

    @Override
    public void cycleRan(List<Decision> decisions, Duration took) {
        cycleDuration.record(took);
        long now = registry.config().clock().wallTime();
        for (Decision d : decisions) {
            counter(
                            "keeper.decisions",
                            Tags.of("vault", d.vaultName(), "action", d.action().name(), "trigger", triggers(d)))
                    .increment();
            boolean scored = !scoringFailedThisCycle.remove(d.vaultName());
            AtomicLong last = lastSuccess.get(d.vaultName());
            if (last != null && d.tick().isPresent() && scored) {
                last.set(now);
            }
        }
        board.decided(decisions);
    }

    private static String triggers(Decision d) {
        if (d.triggers().isEmpty()) {
            return "none";
        }
        return EnumSet.copyOf(d.triggers()).stream().map(Trigger::name).collect(Collectors.joining("+"));
    }

    // ------------------------------------------------------------------ hedging and venues

    @Override
    public void hedgePass(String vault, VaultExposure exposure, HedgeResult result) {
        counter(
                        "keeper.hedge.passes",
                        Tags.of("vault", vault, "status", result.status().name()))
                .increment();
        if (result.plan() != null) {
            List<HedgeOrder> legs = result.plan().orders();
            int placed = Math.min(result.placed().size(), legs.size());
            for (int i = 0; i < placed; i++) {
                counter(
                                "keeper.hedge.orders",
                                Tags.of("vault", vault, "venue", legs.get(i).venue(), "outcome", "placed"))
                        .increment();
            }
            if (result.status() != HedgeResult.Status.PLACED && placed < legs.size()) {
                // The leg the pass stopped at: blocked, failed, unknown outcome or already decided.
                counter(
                                "keeper.hedge.orders",
                                Tags.of(
                                        "vault",
                                        vault,
                                        "venue",
                                        legs.get(placed).venue(),
                                        "outcome",
                                        result.status().name().toLowerCase(Locale.ROOT)))
                        .increment();
            }
            BigDecimal band = result.plan().band();
            if (result.plan().deviation().abs().compareTo(band) > 0) {
                counter("keeper.hedge.band.breaches", Tags.of("vault", vault)).increment();
            }
        }
        boolean first = board.delta(vault).isEmpty();
        board.hedgePass(vault, exposure, result);
        if (first && board.delta(vault).isPresent()) {
            Tags tags = Tags.of("vault", vault);
            deltaGauge("keeper.hedge.delta", vault, tags, StatusSnapshot.Delta::deltaPct);
            deltaGauge("keeper.hedge.band", vault, tags, StatusSnapshot.Delta::bandPct);
            deltaGauge("keeper.hedge.out_of_band", vault, tags, d -> d.outOfBand() ? 1 : 0);
        }
    }

    private void deltaGauge(String name, String vault, Tags tags, ToDoubleFunction<StatusSnapshot.Delta> value) {
        Gauge.builder(name, board, b -> b.delta(vault).map(value::applyAsDouble).orElse(0.0))
                .tags(tags)
                .baseUnit(name.endsWith("out_of_band") ? null : "percent")
                .register(registry);
    }

    @Override
    public void hedgeHealth(String vault, boolean healthy) {
        set("keeper.hedge.up", Tags.of("vault", vault), healthy ? 1 : 0);
        board.hedgeHealth(vault, healthy);
    }

    @Override
    public void venueWatched(String venue, Margin margin, List<Position> positions, Map<String, BigDecimal> marks) {
        Tags tags = Tags.of("venue", venue);
        set("keeper.venue.account_value", tags, margin.accountValue().doubleValue());
        set("keeper.venue.margin_used", tags, margin.marginUsed().doubleValue());
        double gross = 0;
        for (Position p : positions) {
            Tags market = tags.and("market", p.market());
            set("keeper.venue.position", market, p.size().doubleValue());
            BigDecimal mark = marks.get(p.market());
            if (mark != null) {
                gross += p.size().abs().multiply(mark).doubleValue();
                if (p.liquidationPrice() != null) {
                    set(
                            "keeper.venue.liquidation.distance",
                            market,
                            p.liquidationPrice().subtract(mark).abs().doubleValue() / mark.doubleValue());
                }
            }
        }
        if (margin.accountValue().signum() > 0) {
            set("keeper.venue.leverage", tags, gross / margin.accountValue().doubleValue());
        }
        board.venueWatched(venue, margin, positions, marks);
    }

    @Override
    public void fundingRead(String venue, FundingRate rate) {
        set(
                "keeper.venue.funding_rate",
                Tags.of("venue", venue, "market", rate.market()),
                rate.ratePerHour().doubleValue());
        board.fundingRead(venue, rate);
    }

    /** One call to a venue's API, through {@link MeteredVenue}. */
    void venueCall(String venue, String operation, Duration took, String outcome) {
        timer("keeper.venue.latency", Tags.of("venue", venue, "operation", operation, "outcome", outcome))
                .record(took);
        if (!outcome.equals("ok")) {
            counter("keeper.venue.errors", Tags.of("venue", venue, "kind", outcome))
                    .increment();
        }
    }

    /** A venue asked the keeper to wait (HTTP 429 with its Retry-After, or a hold after one). */
    void rateLimitWait(String venue, Duration wait) {
        timer("keeper.venue.rate_limit.wait", Tags.of("venue", venue)).record(wait);
    }

    /** Registers a venue's error and wait series at zero, so that they exist before the first error. */
    void venueOpened(String venue) {
        for (String kind : MeteredVenue.ERROR_KINDS) {
            counter("keeper.venue.errors", Tags.of("venue", venue, "kind", kind));
        }
        timer("keeper.venue.rate_limit.wait", Tags.of("venue", venue));
    }

    // ------------------------------------------------------------------ the chain edge

    @Override
    public void rpcCall(int node, String method, Duration took, boolean failed) {
        String nodeTag = Integer.toString(node);
        timer("keeper.rpc.latency", Tags.of("node", nodeTag, "method", method)).record(took);
        Counter errors = counter("keeper.rpc.errors", Tags.of("node", nodeTag));
        if (failed) {
            errors.increment();
        }
    }

    @Override
    public void transactionConfirmed(BigInteger gas, BigInteger feeWei) {
        gasUsed.record(gas.doubleValue());
        feePaid.increment(new BigDecimal(feeWei).divide(WEI_PER_NATIVE).doubleValue());
        board.gasPaid(feeWei);
    }

    @Override
    public void transactionReplaced() {
        replacements.increment();
    }

    @Override
    public void nonceGap(boolean rebroadcast) {
        (rebroadcast ? gapsRebroadcast : gapsRefused).increment();
    }

    // ------------------------------------------------------------------ risk events

    @Override
    public void stateChanged(TradingState from, TradingState to, String reason) {
        board.alert("trading state", from + " -> " + to + ": " + reason);
    }

    @Override
    public void alert(RiskAlert alert) {
        counter("keeper.risk.alerts", Tags.of("type", alert.getClass().getSimpleName()))
                .increment();
        board.alert(alert.getClass().getSimpleName(), alert.toString());
    }

    // ------------------------------------------------------------------ meters by name and tags

    private Counter counter(String name, Tags tags) {
        return counters.computeIfAbsent(
                key(name, tags), k -> Counter.builder(name).tags(tags).register(registry));
    }

    private Timer timer(String name, Tags tags) {
        return timers.computeIfAbsent(
                key(name, tags), k -> Timer.builder(name).tags(tags).register(registry));
    }

    private void set(String name, Tags tags, double value) {
        gauges.computeIfAbsent(key(name, tags), k -> {
                    AtomicLong bits = new AtomicLong();
                    Gauge.builder(name, bits, b -> Double.longBitsToDouble(b.get()))
                            .tags(tags)
                            .register(registry);
                    return bits;
                })
                .set(Double.doubleToLongBits(value));
    }

    private static String key(String name, Tags tags) {
        StringBuilder key = new StringBuilder(name);
        tags.forEach(t -> key.append('|').append(t.getKey()).append('=').append(t.getValue()));
        return key.toString();
    }

    /** A count read from the database at most every few seconds, however often the registries publish. */
    private static final class Cached {
        private static final long TTL = TimeUnit.SECONDS.toNanos(5);
        private final Supplier<Integer> source;
        private long readAt = Long.MIN_VALUE;
        private double value;

        Cached(Supplier<Integer> source) {
            this.source = source;
        }

        synchronized double get() {
            long now = System.nanoTime();
            if (readAt == Long.MIN_VALUE || now - readAt > TTL) {
                try {
                    value = source.get();
                } catch (RuntimeException e) {
                    // The last count stands until the database answers again; the health endpoint says why.
                }
                readAt = now;
            }
            return value;
        }
    }
}
