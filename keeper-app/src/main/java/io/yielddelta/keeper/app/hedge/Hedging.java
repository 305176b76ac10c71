package io.yielddelta.keeper.app.hedge;

import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.app.venue.VenueSource;
import io.yielddelta.keeper.core.hedge.EmergencyExit;
import io.yielddelta.keeper.core.hedge.FailoverSettings;
import io.yielddelta.keeper.core.hedge.FundingVenueSelector;
import io.yielddelta.keeper.core.hedge.HedgeExecutor;
import io.yielddelta.keeper.core.hedge.HedgeJournal;
import io.yielddelta.keeper.core.hedge.HedgePlanner;
import io.yielddelta.keeper.core.hedge.HedgePreset;
import io.yielddelta.keeper.core.hedge.HedgeReconciler;
import io.yielddelta.keeper.core.hedge.HedgeSettings;
import io.yielddelta.keeper.core.hedge.ReconcileReport;
import io.yielddelta.keeper.core.hedge.VaultHedger;
import io.yielddelta.keeper.core.hedge.VaultHoldings;
import io.yielddelta.keeper.core.hedge.VenueRouter;
import io.yielddelta.keeper.core.risk.RiskEngine;
import io.yielddelta.keeper.core.risk.RiskLimits;
import io.yielddelta.keeper.core.vault.VaultReading;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.VenueException;
import io.yielddelta.keeper.core.venue.VenueOrder;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hedge side of a deployment: one client per configured venue, and per hedged vault a router (primary, secondary),
 * keeper-core's executor and reconciler, and a {@link VaultHedger} fed by the primary's mark stream. Every order passes
 * the one risk engine of {@link TradingControl}.
 */
public final class Hedging implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Hedging.class);

    private record HedgedVault(KeeperConfig.Vault vault, VenueRouter router, HedgeReconciler reconciler,
            VaultHedger hedger) {}

    private final Map<String, HedgeVenue> venues;
    private final Map<String, HedgedVault> byAddress;
    private final RiskEngine risk;
    private final HedgeJournal journal;
    private final Clock clock;

    private Hedging(Map<String, HedgeVenue> venues, Map<String, HedgedVault> byAddress, RiskEngine risk,
            HedgeJournal journal, Clock clock) {
        this.venues = venues;
        this.byAddress = byAddress;
        this.risk = risk;
        this.journal = journal;
        this.clock = clock;
    }

    /** The risk limits of a deployment; each hedged vault's {@code limits.maxNotionalUsd} caps its own hedge. */
    public static RiskLimits limits(KeeperConfig config) {
        KeeperConfig.Risk r = config.risk();
        BigDecimal largestVault = config.vaults().stream().map(v -> v.limits().maxNotionalUsd())
                .reduce(BigDecimal.ONE, BigDecimal::max);
        return r.limits(largestVault);
    }

    public static Map<String, BigDecimal> vaultCaps(KeeperConfig config) {
        Map<String, BigDecimal> caps = new HashMap<>();
        config.vaults().forEach(v -> caps.put(v.name(), v.limits().maxNotionalUsd()));
        return caps;
    }

    /**
     * Opens the venues the hedged vaults name and subscribes to their primaries' marks. Nothing is hedged until the
     * first {@link #refresh} gives a vault's holdings.
     *
     * @throws IllegalArgumentException naming a venue whose configuration its client refuses
     */
    public static Hedging open(KeeperConfig config, VenueSource source, HedgeJournal journal, TradingControl control,
            Clock clock) {
        Map<String, HedgeVenue> venues = new LinkedHashMap<>();
        Map<String, HedgedVault> byAddress = new LinkedHashMap<>();
        KeeperConfig.Hedging settings = config.hedging();
        FailoverSettings failover = new FailoverSettings(settings.failoverAfter(), settings.failoverRejects(),
                settings.probeEvery());
        Hedging hedging = new Hedging(venues, byAddress, control.engine(), journal, clock);
        try {
            for (KeeperConfig.Vault vault : config.hedgedVaults()) {
                KeeperConfig.Hedge hedge = vault.hedge().orElseThrow();
                List<HedgeVenue> chosen = hedge.venues().stream()
                        .map(name -> venues.computeIfAbsent(name, n -> source.open(config.venues().get(n))))
                        .toList();
                VenueRouter router = new VenueRouter(chosen.getFirst(), chosen.size() > 1 ? chosen.get(1) : null,
                        failover, clock);
                HedgeSettings hedgeSettings = HedgePreset.of(vault.kind()).settings()
                        .withHedgeRatio(hedge.ratio())
                        .withBand(settings.band());
                HedgePlanner planner = new HedgePlanner(hedgeSettings, control.engine().limits().maxOrderNotional());
                FundingVenueSelector funding = hedgeSettings.venueByFunding()
                        ? new FundingVenueSelector(settings.fundingHorizon(), settings.switchingCost()) : null;
                HedgeExecutor executor = new HedgeExecutor(planner, control.engine(), router, journal, clock, control,
                        funding);
                VaultHedger hedger = new VaultHedger(new VaultHedger.Spec(vault.name(), hedge.market(),
                        hedge.baseIsToken0(), hedge.token0Decimals(), hedge.token1Decimals()), executor, chosen.getFirst());
                byAddress.put(vault.address().toLowerCase(Locale.ROOT), new HedgedVault(vault, router,
                        new HedgeReconciler(router, journal, control.engine()), hedger));
                log.info("vault {} hedged on {} ({}), ratio {}, band {}", vault.name(), hedge.venues(), hedge.market(),
                        hedge.ratio(), settings.band());
            }
            return hedging;
        } catch (RuntimeException e) {
            hedging.close();
            throw e;
        }
    }

    public boolean isEmpty() {
        return byAddress.isEmpty();
    }

    /** The hedged vaults' addresses, for the reads that feed {@link #refresh}. */
    public List<String> vaultAddresses() {
        return List.copyOf(byAddress.keySet());
    }

    /** The active venue's mark of a hedged vault's base asset, or empty (not hedged here, or the venue has none). */
    public Optional<BigDecimal> mark(String vaultAddress) {
        HedgedVault hedged = byAddress.get(vaultAddress.toLowerCase(Locale.ROOT));
        if (hedged == null) {
            return Optional.empty();
        }
        String market = hedged.vault().hedge().orElseThrow().market();
        try {
            return Optional.of(hedged.router().active().markPrice(market).mark());
        } catch (VenueException e) {
            log.warn("no mark of {} for the price check of vault {}: {}", market, hedged.vault().name(), e.getMessage());
            return Optional.empty();
        }
    }

    public HedgeVenue venue(String name) {
        return venues.get(name);
    }

    /**
     * Fresh chain reads of hedged vaults: a vault whose range or liquidity moved is re-hedged at once under
     * {@code triggerId} (the rebalance's cycle id, or the read's block), the others are revalued at the next mark.
     */
    public void refresh(List<VaultReading> readings, String triggerId) {
        for (VaultReading reading : readings) {
            if (!(reading instanceof VaultReading.Observed observed)) {
                continue;
            }
            HedgedVault hedged = byAddress.get(observed.state().address());
            if (hedged == null || observed.state().position().isEmpty()) {
                continue;
            }
            hedged.hedger().refresh(observed.state(), triggerId);
        }
    }

    /** Journal against venues for every hedged market; differences are journaled and, while ACTIVE, corrected. */
    public List<ReconcileReport> reconcile() {
        List<ReconcileReport> reports = new ArrayList<>();
        for (HedgedVault hedged : byAddress.values()) {
            String market = hedged.vault().hedge().orElseThrow().market();
            try {
                reports.add(hedged.reconciler().reconcile(market));
            } catch (RuntimeException e) {
                log.warn("reconciliation of vault {} ({}) failed: {}", hedged.vault().name(), market, e.toString());
            }
        }
        return reports;
    }

    /**
     * Margin and liquidation distance on every venue (alerts with the suggested transfer), and the day's equity for the
     * daily loss limit: the hedged vaults at the venues' marks plus the venues' account values.
     */
    public void watchRisk() {
        BigDecimal equity = BigDecimal.ZERO;
        boolean complete = true;
        Map<String, BigDecimal> marks = new HashMap<>();
        for (HedgedVault hedged : byAddress.values()) {
            String market = hedged.vault().hedge().orElseThrow().market();
            VaultHoldings holdings = hedged.hedger().holdings();
            try {
                BigDecimal mark = marks.computeIfAbsent(market, m -> hedged.router().active().markPrice(m).mark());
                if (holdings != null) {
                    equity = equity.add(holdings.exposureAt(mark).vaultValue());
                } else {
                    complete = false;
                }
            } catch (VenueException e) {
                complete = false;
                log.warn("no mark for {}: {}", market, e.getMessage());
            }
        }
        for (HedgeVenue venue : venues.values()) {
            try {
                var margin = venue.margin();
                List<Position> positions = venue.positions();
                risk.watchVenue(venue.name(), margin, positions, marks);
                equity = equity.add(margin.accountValue());
            } catch (VenueException e) {
                complete = false;
                log.warn("cannot watch {} now: {}", venue.name(), e.getMessage());
            }
        }
        if (complete) {
            risk.observeEquity(equity);
        }
    }

    /** Cancels every open order and closes every position on every venue with reduce-only orders. */
    public List<VenueOrder> closeAll(String reason) {
        return closeAll(venues.values(), risk, journal, clock, reason);
    }

    /** As {@link #closeAll(String)}, for venues opened without a running keeper (the {@code exit} command). */
    public static List<VenueOrder> closeAll(Collection<HedgeVenue> venues, RiskEngine risk, HedgeJournal journal,
            Clock clock, String reason) {
        // A router of one venue: the exit closes each venue's own positions, without fail-over.
        List<VenueOrder> closing = new ArrayList<>();
        for (HedgeVenue venue : venues) {
            VenueRouter router = new VenueRouter(venue, null, FailoverSettings.NEVER, clock);
            closing.addAll(new EmergencyExit(risk, router, journal, clock).run(reason));
        }
        return closing;
    }

    @Override
    public void close() {
        for (HedgedVault hedged : byAddress.values()) {
            try {
                hedged.hedger().close();
            } catch (Exception e) {
                log.warn("closing the hedger of {} failed: {}", hedged.vault().name(), e.toString());
            }
        }
        for (HedgeVenue venue : venues.values()) {
            try {
                venue.close();
            } catch (RuntimeException e) {
                log.warn("closing venue {} failed: {}", venue.name(), e.toString());
            }
        }
    }
}
