package io.yielddelta.keeper.app.dashboard;

import io.yielddelta.keeper.core.cycle.Decision;
import io.yielddelta.keeper.core.cycle.RebalanceOutcome;
import io.yielddelta.keeper.core.hedge.HedgeResult;
import io.yielddelta.keeper.core.hedge.VaultExposure;
import io.yielddelta.keeper.core.kernel.DeploymentSettings.HedgeSpec;
import io.yielddelta.keeper.core.kernel.DeploymentSettings.VaultSettings;
import io.yielddelta.keeper.core.vault.VaultState;
import io.yielddelta.keeper.core.venue.FundingRate;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.Margin;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.VenueOrder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's memory: what the keeper saw and did since it started (chain reads, decisions, hedge passes, venue
 * accounts, alerts), kept in bounded histories, for {@link #vaults}, {@link #venues}, {@link #cycles} and
 * {@link #alerts}. Fed by the metrics sink; read by the dashboard and {@code /api/status}. Thread-safe: events arrive
 * on the scheduler's, the streams' and the maintenance pass's threads.
 */
public final class StatusBoard {

    static final int HISTORY = 240;
    private static final int CYCLES = 30;
    private static final int ALERTS = 20;
    private static final BigDecimal WEI_PER_NATIVE = BigDecimal.TEN.pow(18);

    private final Clock clock;
    private final Map<String, VaultTrack> vaults = new LinkedHashMap<>();
    private final Map<String, StatusSnapshot.Venue> venues = new ConcurrentHashMap<>();
    private final Map<String, FundingRate> funding = new ConcurrentHashMap<>();
    private final Deque<StatusSnapshot.Cycle> cycles = new ArrayDeque<>();
    private final Deque<StatusSnapshot.Alert> alerts = new ArrayDeque<>();
    private BigDecimal gasWei = BigDecimal.ZERO;

    /** @param clock the kernel's clock (historical time in the sandbox) for event times */
    public StatusBoard(List<VaultSettings> vaults, Clock clock) {
        this.clock = clock;
        vaults.forEach(v -> this.vaults.put(v.name(), new VaultTrack(v)));
    }

    public void vaultRead(String vault, VaultState state) {
        VaultTrack track = vaults.get(vault);
        if (track != null) {
            track.read(state);
        }
    }

    public synchronized void decided(List<Decision> decisions) {
        for (Decision d : decisions) {
            cycles.addFirst(new StatusSnapshot.Cycle(
                    d.id(),
                    d.vaultName(),
                    d.fireTime(),
                    d.action().name(),
                    d.triggers().stream().map(Enum::name).sorted().toList(),
                    d.reason(),
                    null));
            trim(cycles, CYCLES);
            VaultTrack track = vaults.get(d.vaultName());
            if (track != null) {
                track.decided(cycles.getFirst());
            }
        }
    }

    /** Notes a rebalance's outcome on its cycle row. */
    public synchronized void rebalance(String vault, String decisionId, RebalanceOutcome outcome) {
        List<StatusSnapshot.Cycle> updated = new ArrayList<>(cycles);
        cycles.clear();
        for (StatusSnapshot.Cycle c : updated) {
            cycles.addLast(
                    c.decisionId().equals(decisionId)
                            ? new StatusSnapshot.Cycle(
                                    c.decisionId(),
                                    c.vault(),
                                    c.fireTime(),
                                    c.action(),
                                    c.triggers(),
                                    c.reason(),
                                    outcome.name())
                            : c);
        }
        VaultTrack track = vaults.get(vault);
        if (track != null && outcome == RebalanceOutcome.CONFIRMED) {
            track.rebalances++;
        }
    }

    public void hedgePass(String vault, VaultExposure exposure, HedgeResult result) {
        VaultTrack track = vaults.get(vault);
        if (track != null) {
            track.hedged(exposure, result, clock.instant());
        }
    }

    public void hedgeHealth(String vault, boolean healthy) {
        VaultTrack track = vaults.get(vault);
        if (track != null) {
            track.hedgeRunning = healthy;
        }
    }

    public void venueWatched(String venue, Margin margin, List<Position> positions, Map<String, BigDecimal> marks) {
        BigDecimal gross = BigDecimal.ZERO;
        List<StatusSnapshot.VenuePosition> rows = new ArrayList<>();
        for (Position p : positions) {
            BigDecimal mark = marks.get(p.market());
            Double distance = mark == null || p.liquidationPrice() == null
                    ? null
                    : 100 * p.liquidationPrice().subtract(mark).abs().doubleValue() / mark.doubleValue();
            if (mark != null) {
                gross = gross.add(p.size().abs().multiply(mark));
            }
            FundingRate rate = funding.get(venue + "/" + p.market());
            rows.add(new StatusSnapshot.VenuePosition(
                    p.market(),
                    p.size(),
                    p.entryPrice(),
                    mark,
                    p.liquidationPrice(),
                    distance,
                    rate == null ? null : rate.ratePerHour()));
        }
        Double leverage = margin.accountValue().signum() > 0
                ? gross.doubleValue() / margin.accountValue().doubleValue()
                : null;
        venues.put(
                venue,
                new StatusSnapshot.Venue(
                        venue,
                        clock.instant(),
                        margin.accountValue(),
                        margin.marginUsed(),
                        leverage,
                        List.copyOf(rows)));
    }

    public void fundingRead(String venue, FundingRate rate) {
        funding.put(venue + "/" + rate.market(), rate);
    }

    public synchronized void gasPaid(BigInteger feeWei) {
        gasWei = gasWei.add(new BigDecimal(feeWei));
    }

    public synchronized void alert(String kind, String text) {
        alerts.addFirst(new StatusSnapshot.Alert(clock.instant(), kind, text));
        trim(alerts, ALERTS);
    }

    public List<StatusSnapshot.Vault> vaults() {
        double gasNative;
        synchronized (this) {
            gasNative = gasWei.divide(WEI_PER_NATIVE, MathContext.DECIMAL64).doubleValue();
        }
        return vaults.values().stream().map(t -> t.snapshot(gasNative)).toList();
    }

    public List<StatusSnapshot.Venue> venues() {
        return venues.values().stream()
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
    }

    public synchronized List<StatusSnapshot.Cycle> cycles() {
        return List.copyOf(cycles);
    }

    public synchronized List<StatusSnapshot.Alert> alerts() {
        return List.copyOf(alerts);
    }

    /** The latest hedge figures of a vault, if it has been hedged since the start. */
    public Optional<StatusSnapshot.Delta> delta(String vault) {
        return Optional.ofNullable(vaults.get(vault)).map(t -> t.delta);
    }

    private static <T> void trim(Deque<T> deque, int max) {
        while (deque.size() > max) {
            deque.removeLast();
        }
    }

    /** One vault's history and running P&L estimate. */
    private final class VaultTrack {
        private final VaultSettings settings;
        private final Deque<StatusSnapshot.Point> history = new ArrayDeque<>();
        private final Deque<StatusSnapshot.DeltaPoint> deltaHistory = new ArrayDeque<>();
        private volatile StatusSnapshot.Cycle lastDecision;
        private volatile StatusSnapshot.Delta delta;
        private volatile Boolean hedgeRunning;
        private int rebalances;
        private double fees;
        private double lvr;
        private double hedge;
        private double price;
        private BigDecimal lastVaultDelta = BigDecimal.ZERO;
        private double fundingPnl;
        private double executionCost;
        private Double lastFeesValue;
        private BigDecimal lastMark;
        private BigDecimal lastPosition = BigDecimal.ZERO;
        private Instant lastPassAt;

        VaultTrack(VaultSettings settings) {
            this.settings = settings;
            this.hedgeRunning = settings.hedged() ? null : Boolean.TRUE;
        }

        synchronized void read(VaultState state) {
            Optional<HedgeSpec> spec = settings.hedge();
            Double lower = state.position().map(r -> price(r.tickLower())).orElse(null);
            Double upper = state.position().map(r -> price(r.tickUpper())).orElse(null);
            if (lower != null && upper != null && lower > upper) {
                Double swap = lower;
                lower = upper;
                upper = swap;
            }
            double price = price(state.tick());
            history.addLast(new StatusSnapshot.Point(state.blockTime(), price, price(state.twapTick()), lower, upper));
            while (history.size() > HISTORY) {
                history.removeFirst();
            }
            spec.ifPresent(s -> {
                // Uncollected fees at the pool price; a drop means they were collected (a rebalance): count from there.
                double feesValue = feesValue(state, s, price);
                if (lastFeesValue != null && feesValue > lastFeesValue) {
                    fees += feesValue - lastFeesValue;
                }
                lastFeesValue = feesValue;
            });
        }

        /** The pool price of the vault's base in its quote token for a hedged vault; the tick itself otherwise. */
        private double price(int tick) {
            Optional<HedgeSpec> spec = settings.hedge();
            if (spec.isEmpty()) {
                return tick;
            }
            HedgeSpec s = spec.get();
            double token1PerToken0 = Math.pow(1.0001, tick) * Math.pow(10, s.decimals0() - s.decimals1());
            return s.baseIsToken0() ? token1PerToken0 : 1 / token1PerToken0;
        }

        private static double feesValue(VaultState state, HedgeSpec s, double price) {
            double fees0 = new BigDecimal(state.fees0(), s.decimals0()).doubleValue();
            double fees1 = new BigDecimal(state.fees1(), s.decimals1()).doubleValue();
            return s.baseIsToken0() ? fees0 * price + fees1 : fees1 * price + fees0;
        }

        void decided(StatusSnapshot.Cycle cycle) {
            lastDecision = cycle;
        }

        synchronized void hedged(VaultExposure exposure, HedgeResult result, Instant at) {
            BigDecimal mark = exposure.price();
            if (lastMark != null) {
                double move = mark.subtract(lastMark).doubleValue();
                hedge += lastPosition.doubleValue() * move;
                price += lastVaultDelta.doubleValue() * move;
                lvr += 0.5 * Math.abs(exposure.gamma()) * move * move;
                FundingRate rate =
                        settings.hedge().map(s -> fundingFor(s.market())).orElse(null);
                if (rate != null && lastPassAt != null) {
                    double hours = Duration.between(lastPassAt, at).toMillis() / 3_600_000.0;
                    fundingPnl -= lastPosition.doubleValue()
                            * mark.doubleValue()
                            * rate.ratePerHour().doubleValue()
                            * hours;
                }
            }
            lastMark = mark;
            lastPassAt = at;
            lastVaultDelta = exposure.delta();
            if (result.plan() == null) {
                return;
            }
            BigDecimal position = result.plan().position();
            for (VenueOrder order : result.placed()) {
                position = position.add(HedgeVenue.signed(order.side(), order.filledSize()));
                if (order.averageFillPrice() != null) {
                    executionCost += order.filledSize().doubleValue()
                            * order.averageFillPrice().subtract(mark).abs().doubleValue();
                }
            }
            lastPosition = position;
            double value = exposure.vaultValue().doubleValue();
            if (value <= 0) {
                return;
            }
            double residual = position.subtract(result.plan().target()).doubleValue() * mark.doubleValue();
            double deltaPct = 100 * residual / value;
            double bandPct = 100 * result.plan().band().doubleValue() * mark.doubleValue() / value;
            delta = new StatusSnapshot.Delta(
                    at,
                    deltaPct,
                    bandPct,
                    Math.abs(deltaPct) > bandPct,
                    position,
                    exposure.delta(),
                    exposure.vaultValue(),
                    mark,
                    result.status().name());
            deltaHistory.addLast(new StatusSnapshot.DeltaPoint(at, deltaPct));
            while (deltaHistory.size() > HISTORY) {
                deltaHistory.removeFirst();
            }
        }

        private FundingRate fundingFor(String market) {
            return funding.entrySet().stream()
                    .filter(e -> e.getKey().endsWith("/" + market))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
        }

        synchronized StatusSnapshot.Vault snapshot(double gasNative) {
            Optional<HedgeSpec> spec = settings.hedge();
            String unit = spec.map(s -> "quote per " + s.market()).orElse("tick");
            StatusSnapshot.Pnl pnl = spec.isEmpty()
                    ? null
                    : new StatusSnapshot.Pnl(
                            fees,
                            lvr,
                            price,
                            hedge,
                            fundingPnl,
                            executionCost,
                            fees - lvr + price + hedge + fundingPnl - executionCost,
                            gasNative,
                            rebalances);
            return new StatusSnapshot.Vault(
                    settings.name(),
                    settings.address(),
                    settings.kind().name(),
                    settings.hedged(),
                    unit,
                    history.peekLast(),
                    List.copyOf(history),
                    delta,
                    List.copyOf(deltaHistory),
                    pnl,
                    lastDecision,
                    hedgeRunning);
        }
    }
}
