package io.yielddelta.keeper.core.kernel;

import io.yielddelta.keeper.core.chain.ChainGateway;
import io.yielddelta.keeper.core.cycle.CycleVault;
import io.yielddelta.keeper.core.cycle.Decision;
import io.yielddelta.keeper.core.cycle.KeeperCycle;
import io.yielddelta.keeper.core.cycle.KeeperStore;
import io.yielddelta.keeper.core.hedge.EmergencyExit;
import io.yielddelta.keeper.core.hedge.HedgeJournal;
import io.yielddelta.keeper.core.hedge.InMemoryHedgeJournal;
import io.yielddelta.keeper.core.hedge.ReconcileReport;
import io.yielddelta.keeper.core.hedge.VaultHoldings;
import io.yielddelta.keeper.core.kernel.DeploymentSettings.VaultSettings;
import io.yielddelta.keeper.core.policy.RangeScorer;
import io.yielddelta.keeper.core.policy.RebalancePolicy;
import io.yielddelta.keeper.core.risk.InMemoryTradingStateStore;
import io.yielddelta.keeper.core.risk.RiskAlert;
import io.yielddelta.keeper.core.risk.RiskEngine;
import io.yielddelta.keeper.core.risk.RiskEvents;
import io.yielddelta.keeper.core.risk.TradingControl;
import io.yielddelta.keeper.core.risk.TradingStateStore;
import io.yielddelta.keeper.core.vault.VaultReading;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.Margin;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.VenueException;
import io.yielddelta.keeper.core.venue.VenueOrder;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keeper kernel, the same in every runtime: from the deployment's settings and the runtime's adapters (chain
 * gateway, journal, hedge journal, trading-state and hedge-status stores, venues, clock, scorer, event and metrics
 * sinks) it builds the gated {@link KeeperCycle}, the one {@link RiskEngine} of the deployment with per-vault caps
 * (inside {@link TradingControl}), one hedge stack per hedged vault, the risk watch and the maintenance pass. The
 * daemon, {@code once}, the cycle bench, the sandbox and the backtest all build it; nothing else assembles these parts.
 *
 * <p>Rebalance gate: no vault rebalances while trading is halted, reducing or in an emergency exit; a hedged vault
 * does not rebalance while its hedge cannot start or has kept failing for longer than the fail-over allows (then a
 * {@link RiskAlert.HedgeDown} is raised once), nor, on a keeper that does not hedge itself (a cluster member, the
 * {@code once} command), while the hedging keeper's last report of it is missing, stale or down.
 */
public final class Keeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Keeper.class);
    /** A hedge report older than this many maintenance periods means nobody is hedging the vault. */
    private static final int STALE_AFTER_PERIODS = 3;

    private final DeploymentSettings settings;
    private final ChainGateway chain;
    private final HedgeJournal hedgeJournal;
    private final VenueProvider venues;
    private final HedgeStatusStore hedgeStatus;
    private final Clock clock;
    private final RiskEvents events;
    private final KeeperMetrics metrics;
    private final TradingControl trading;
    private final KeeperCycle cycle;
    private final Map<String, VaultSettings> hedgedByName;

    private volatile boolean hedging;
    private final Map<String, HedgeStack> stacks = new ConcurrentHashMap<>();
    private final Map<String, String> cannotStart = new ConcurrentHashMap<>();
    private final Map<String, HedgeVenue> accounts = new LinkedHashMap<>();
    private final Set<String> reportedDown = ConcurrentHashMap.newKeySet();

    private Keeper(Builder b) {
        this.settings = b.settings;
        this.chain = Objects.requireNonNull(b.chain, "chain");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.hedgeJournal = b.hedgeJournal != null ? b.hedgeJournal : new InMemoryHedgeJournal();
        this.venues = b.venues;
        this.hedgeStatus = b.hedgeStatus != null ? b.hedgeStatus : new InMemoryHedgeStatusStore(clock);
        this.events = b.events;
        this.metrics = b.metrics;
        TradingStateStore states = b.tradingStates != null ? b.tradingStates : new InMemoryTradingStateStore(clock);
        this.trading = new TradingControl(states, settings.limits(), settings.vaultCaps(), clock, events);
        this.cycle = new KeeperCycle(
                chain,
                Objects.requireNonNull(b.scorer, "scorer"),
                b.policy,
                Objects.requireNonNull(b.store, "store"),
                clock,
                this::closedBecause,
                metrics);
        this.hedgedByName = settings.hedgedVaults().stream()
                .collect(Collectors.toMap(VaultSettings::name, Function.identity(), (a, c) -> a, LinkedHashMap::new));
    }

    public static Builder builder(DeploymentSettings settings) {
        return new Builder(settings);
    }

    public DeploymentSettings settings() {
        return settings;
    }

    /** The deployment's trading state and its risk engine. */
    public TradingControl trading() {
        return trading;
    }

    /**
     * Runs the cycle scheduled at {@code fireTime} for {@code vaults}; in LIVE mode a hedged vault that decided is read
     * again at once and its hedge follows (a confirmed rebalance under the decision's id).
     */
    public List<Decision> runCycle(Instant fireTime, List<VaultSettings> vaults, KeeperCycle.Mode mode) {
        long started = System.nanoTime();
        List<Decision> decisions = cycle.run(
                fireTime, vaults.stream().map(VaultSettings::cycleVault).toList(), mode);
        metrics.cycleRan(decisions, Duration.ofNanos(System.nanoTime() - started));
        if (mode == KeeperCycle.Mode.LIVE && hedging) {
            hedgeAfter(decisions);
        }
        return decisions;
    }

    private void hedgeAfter(List<Decision> decisions) {
        Map<String, String> triggerByAddress = new LinkedHashMap<>();
        for (Decision decision : decisions) {
            if (stacks.containsKey(decision.vaultName())) {
                triggerByAddress.put(decision.vault().toLowerCase(Locale.ROOT), decision.id());
            }
        }
        if (triggerByAddress.isEmpty()) {
            return;
        }
        try {
            for (VaultReading reading : chain.readVaults(List.copyOf(triggerByAddress.keySet()))) {
                refresh(reading, triggerByAddress.get(reading.address().toLowerCase(Locale.ROOT)));
            }
        } catch (RuntimeException e) {
            log.warn("hedge after the cycle failed; the next mark or maintenance pass retries: {}", e.toString());
        }
    }

    /**
     * Starts hedging every hedged vault: opens its venues and hedge stack. A vault whose hedge cannot start stops
     * rebalancing (its gate closes, an alert is raised) and is retried at every {@link #maintain}.
     */
    public synchronized void startHedging() {
        if (hedging) {
            return;
        }
        hedging = true;
        hedgedByName.values().forEach(this::openStack);
        reportHealth();
    }

    /** Whether this kernel runs the hedges now. */
    public boolean hedging() {
        return hedging;
    }

    private void openStack(VaultSettings vault) {
        try {
            stacks.put(
                    vault.name(),
                    HedgeStack.open(vault, this::account, settings.hedging(), trading, hedgeJournal, clock, metrics));
            cannotStart.remove(vault.name());
            log.info(
                    "vault {} hedged on {} ({}), ratio {}, band {}",
                    vault.name(),
                    vault.hedge().orElseThrow().venues(),
                    vault.hedge().orElseThrow().market(),
                    vault.hedge().orElseThrow().ratio(),
                    settings.hedging().band());
        } catch (RuntimeException e) {
            cannotStart.put(vault.name(), e.getMessage() != null ? e.getMessage() : e.toString());
            log.warn("the hedge of vault {} cannot start: {}", vault.name(), e.toString());
        }
    }

    private synchronized HedgeVenue account(String venue, VaultSettings vault) {
        String key = venues.accountPerVault() ? venue + "/" + vault.name() : venue;
        HedgeVenue open = accounts.get(key);
        if (open == null) {
            open = venues.open(venue, vault);
            accounts.put(key, open);
        }
        return open;
    }

    /**
     * The maintenance pass, every {@code hedging.maintainEvery} while this kernel hedges: hedges that could not start
     * are tried again, the journal is reconciled with the venues, the vaults are re-read (a deposit or another
     * keeper's rebalance re-hedges), margins and the daily loss are watched, and each hedge's health is reported.
     *
     * @return what reconciling each hedged vault found (one report per running hedge)
     */
    public synchronized List<ReconcileReport> maintain() {
        if (!hedging) {
            return List.of();
        }
        hedgedByName.values().stream()
                .filter(v -> !stacks.containsKey(v.name()))
                .forEach(this::openStack);
        List<ReconcileReport> reports = new ArrayList<>();
        for (HedgeStack stack : stacks.values()) {
            try {
                reports.add(stack.reconciler().reconcile(stack.spec().market()));
            } catch (RuntimeException e) {
                log.warn(
                        "reconciliation of vault {} ({}) failed: {}",
                        stack.vault().name(),
                        stack.spec().market(),
                        e.toString());
            }
        }
        try {
            refreshHedges("read@" + clock.instant().toEpochMilli());
        } catch (RuntimeException e) {
            log.warn("re-reading the hedged vaults failed: {}", e.toString());
        }
        watchRisk();
        reportHealth();
        return reports;
    }

    /**
     * Reads the hedged vaults (one batch) and hands the readings to their hedgers: a vault whose range or liquidity
     * moved is re-hedged under {@code triggerId}.
     */
    public void refreshHedges(String triggerId) {
        // Lower case, as after a cycle: the hedge's orders, journal entries and cap name the vault by the address read.
        List<String> addresses = stacks.values().stream()
                .map(s -> s.vault().address().toLowerCase(Locale.ROOT))
                .toList();
        if (!addresses.isEmpty()) {
            chain.readVaults(addresses).forEach(reading -> refresh(reading, triggerId));
        }
    }

    private void refresh(VaultReading reading, String triggerId) {
        if (!(reading instanceof VaultReading.Observed observed)
                || observed.state().position().isEmpty()) {
            return;
        }
        for (HedgeStack stack : stacks.values()) {
            if (stack.vault().address().equalsIgnoreCase(observed.state().address())) {
                metrics.vaultRead(stack.vault().name(), observed.state());
                stack.hedger().refresh(observed.state(), triggerId);
            }
        }
    }

    /**
     * The active hedge venue's mark of a hedged vault's base asset (a third price beside the pool's TWAP and the
     * independent feed); empty when this kernel does not hedge the vault or the venue has no mark now.
     */
    public Optional<BigDecimal> mark(String vaultAddress) {
        for (HedgeStack stack : stacks.values()) {
            if (stack.vault().address().equalsIgnoreCase(vaultAddress)) {
                try {
                    return Optional.of(stack.router()
                            .active()
                            .markPrice(stack.spec().market())
                            .mark());
                } catch (VenueException e) {
                    log.warn(
                            "no mark of {} for the price check of vault {}: {}",
                            stack.spec().market(),
                            stack.vault().name(),
                            e.getMessage());
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** A hedged vault's holdings as its hedger last read them; empty before the first read or when it does not hedge. */
    public Optional<VaultHoldings> holdings(String vault) {
        return Optional.ofNullable(stacks.get(vault)).map(s -> s.hedger().holdings());
    }

    /**
     * Margin and liquidation distance on every venue (alerts with the suggested transfer), and the day's equity for the
     * daily loss limit: the hedged vaults at the venues' marks plus the venues' account values.
     */
    private void watchRisk() {
        RiskEngine risk = trading.engine();
        BigDecimal equity = BigDecimal.ZERO;
        boolean complete = true;
        Map<String, BigDecimal> marks = new HashMap<>();
        for (HedgeStack stack : stacks.values()) {
            String market = stack.spec().market();
            VaultHoldings holdings = stack.hedger().holdings();
            try {
                BigDecimal mark = marks.computeIfAbsent(
                        market, m -> stack.router().active().markPrice(m).mark());
                if (holdings != null) {
                    equity = equity.add(holdings.exposureAt(mark).vaultValue());
                } else {
                    complete = false;
                }
            } catch (VenueException e) {
                complete = false;
                log.warn("no mark for {}: {}", market, e.getMessage());
            }
            readFunding(stack);
        }
        for (HedgeVenue venue : openAccounts()) {
            try {
                Margin margin = venue.margin();
                List<Position> positions = venue.positions();
                risk.watchVenue(venue.name(), margin, positions, marks);
                metrics.venueWatched(venue.name(), margin, positions, marks);
                equity = equity.add(margin.accountValue());
            } catch (VenueException e) {
                complete = false;
                log.warn("cannot watch {} now: {}", venue.name(), e.getMessage());
            }
        }
        if (complete && !stacks.isEmpty()) {
            risk.observeEquity(equity);
        }
    }

    /** For the metrics only: a venue that does not answer is no risk finding. */
    private void readFunding(HedgeStack stack) {
        HedgeVenue active = stack.router().active();
        try {
            metrics.fundingRead(active.name(), active.fundingRate(stack.spec().market()));
        } catch (VenueException e) {
            log.debug("no funding rate for {} on {}: {}", stack.spec().market(), active.name(), e.getMessage());
        }
    }

    private synchronized List<HedgeVenue> openAccounts() {
        return List.copyOf(accounts.values());
    }

    private void reportHealth() {
        for (VaultSettings vault : hedgedByName.values()) {
            Optional<String> down = localHealth(vault);
            hedgeStatus.report(vault.name(), down);
            metrics.hedgeHealth(vault.name(), down.isEmpty());
        }
    }

    /** Why this kernel's own hedge of {@code vault} does not run; raises the alert when it goes down. */
    private Optional<String> localHealth(VaultSettings vault) {
        Optional<String> down = Optional.ofNullable(cannotStart.get(vault.name()))
                .map(why -> "the hedge of " + vault.name() + " cannot start: " + why)
                .or(() -> stacks.containsKey(vault.name())
                        ? failingTooLong(stacks.get(vault.name()))
                        : Optional.of("the hedge of " + vault.name() + " is not running"));
        if (down.isPresent() && reportedDown.add(vault.name())) {
            events.alert(new RiskAlert.HedgeDown(vault.name(), down.get()));
        } else if (down.isEmpty() && reportedDown.remove(vault.name())) {
            log.info("the hedge of vault {} runs again; it may rebalance", vault.name());
        }
        return down;
    }

    /** The hedged vaults whose hedge does not run on this kernel now, with why; empty while every hedge runs. */
    public Map<String, String> hedgesDown() {
        Map<String, String> down = new LinkedHashMap<>();
        hedgedByName.values().forEach(vault -> localHealth(vault).ifPresent(why -> down.put(vault.name(), why)));
        return down;
    }

    private Optional<String> failingTooLong(HedgeStack stack) {
        Instant now = clock.instant();
        Duration allowed = settings.hedging().failover().unavailableFor();
        return stack.hedger()
                .failing()
                .filter(f -> !f.since().plus(allowed).isAfter(now))
                .map(f -> "the hedge of " + stack.vault().name() + " has failed since " + f.since() + ": " + f.why());
    }

    private Optional<String> closedBecause(CycleVault vault) {
        RiskEngine risk = trading.engine();
        if (!risk.rebalancingAllowed()) {
            return Optional.of(
                    "trading " + risk.state() + (risk.emergencyExitInForce() ? " after an emergency exit" : ""));
        }
        VaultSettings hedged = hedgedByName.get(vault.name());
        if (hedged == null) {
            return Optional.empty();
        }
        return hedging ? localHealth(hedged) : reportedHealth(hedged);
    }

    /** The hedging keeper's last report, for a keeper that does not hedge itself. */
    private Optional<String> reportedHealth(VaultSettings vault) {
        Optional<HedgeStatusStore.Status> status = hedgeStatus.read(vault.name());
        if (status.isEmpty()) {
            return Optional.of("no keeper reports hedging " + vault.name());
        }
        Instant staleBefore =
                clock.instant().minus(settings.hedging().maintainEvery().multipliedBy(STALE_AFTER_PERIODS));
        if (status.get().reportedAt().isBefore(staleBefore)) {
            return Optional.of("the hedge of " + vault.name() + " was last reported at "
                    + status.get().reportedAt());
        }
        return status.get().downBecause();
    }

    /**
     * The emergency exit's second half, after {@link TradingControl#exit}: every open order cancelled and every
     * position closed on every venue this kernel hedges on.
     */
    public List<VenueOrder> closeAllHedges(String reason) {
        if (!hedging) {
            log.warn("emergency exit: this keeper runs no hedges; the keeper that hedges closes them");
            return List.of();
        }
        return EmergencyExit.closeEvery(openAccounts(), trading.engine(), hedgeJournal, clock, reason);
    }

    /** Stops hedging (leadership lost, shutdown): unsubscribes the hedgers and closes the venues this kernel opened. */
    public synchronized void stopHedging() {
        if (!hedging) {
            return;
        }
        hedging = false;
        for (HedgeStack stack : stacks.values()) {
            try {
                stack.hedger().close();
            } catch (Exception e) {
                log.warn("closing the hedger of {} failed: {}", stack.vault().name(), e.toString());
            }
        }
        stacks.clear();
        cannotStart.clear();
        reportedDown.clear();
        for (HedgeVenue venue : accounts.values()) {
            try {
                venue.close();
            } catch (RuntimeException e) {
                log.warn("closing venue {} failed: {}", venue.name(), e.toString());
            }
        }
        accounts.clear();
    }

    @Override
    public void close() {
        stopHedging();
    }

    /** The adapters of one runtime. Chain, journal, clock and scorer are required; the rest have in-memory defaults. */
    public static final class Builder {
        private final DeploymentSettings settings;
        private ChainGateway chain;
        private KeeperStore store;
        private Clock clock;
        private RangeScorer scorer;
        private RebalancePolicy policy = new RebalancePolicy();
        private TradingStateStore tradingStates;
        private HedgeJournal hedgeJournal;
        private HedgeStatusStore hedgeStatus;
        private VenueProvider venues = VenueProvider.NONE;
        private RiskEvents events = RiskEvents.NONE;
        private KeeperMetrics metrics = KeeperMetrics.NONE;

        private Builder(DeploymentSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        public Builder chain(ChainGateway chain) {
            this.chain = chain;
            return this;
        }

        /** The decision journal. */
        public Builder store(KeeperStore store) {
            this.store = store;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder scorer(RangeScorer scorer) {
            this.scorer = scorer;
            return this;
        }

        public Builder policy(RebalancePolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Where the shared trading state lives (default: this process only). */
        public Builder tradingStates(TradingStateStore tradingStates) {
            this.tradingStates = tradingStates;
            return this;
        }

        public Builder hedgeJournal(HedgeJournal hedgeJournal) {
            this.hedgeJournal = hedgeJournal;
            return this;
        }

        /** Where the hedging keeper reports each hedge (default: this process only). */
        public Builder hedgeStatus(HedgeStatusStore hedgeStatus) {
            this.hedgeStatus = hedgeStatus;
            return this;
        }

        public Builder venues(VenueProvider venues) {
            this.venues = Objects.requireNonNull(venues, "venues");
            return this;
        }

        public Builder events(RiskEvents events) {
            this.events = Objects.requireNonNull(events, "events");
            return this;
        }

        public Builder metrics(KeeperMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        public Keeper build() {
            return new Keeper(this);
        }
    }
}
