package io.yielddelta.keeper.app.daemon;

import com.zaxxer.hikari.HikariDataSource;
import io.yielddelta.keeper.app.admin.AdminServer;
import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.app.hedge.HedgeLeadership;
import io.yielddelta.keeper.app.hedge.Hedging;
import io.yielddelta.keeper.app.hedge.LoggedRiskEvents;
import io.yielddelta.keeper.app.hedge.TradingControl;
import io.yielddelta.keeper.app.schedule.KeeperScheduler;
import io.yielddelta.keeper.app.schedule.ScheduledVault;
import io.yielddelta.keeper.app.store.DatabaseSettings;
import io.yielddelta.keeper.app.store.Databases;
import io.yielddelta.keeper.app.store.JdbcHedgeJournal;
import io.yielddelta.keeper.app.store.JdbcKeeperStore;
import io.yielddelta.keeper.app.store.TradingStateStore;
import io.yielddelta.keeper.app.venue.VenueSource;
import io.yielddelta.keeper.core.chain.ChainGateway;
import io.yielddelta.keeper.core.cycle.Decision;
import io.yielddelta.keeper.core.cycle.JournalEntry;
import io.yielddelta.keeper.core.cycle.JournalReconciler;
import io.yielddelta.keeper.core.cycle.KeeperCycle;
import io.yielddelta.keeper.core.policy.RealizedVolatilityScorer;
import io.yielddelta.keeper.core.policy.RebalancePolicy;
import io.yielddelta.keeper.core.risk.RiskEngine;
import io.yielddelta.keeper.core.venue.VenueOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running keeper: journal, reconciliation, then the schedule. Nothing is scheduled until every open journal
 * row is resolved on chain; until then the keeper retries and does not trade.
 *
 * <p>The hedge side ({@link #startHedging}) follows every rebalance and the venues' mark streams, reconciles and watches
 * margins every {@code hedging.maintainEvery}; in a cluster only the keeper holding {@link HedgeLeadership} runs it.
 * The trading state is shared through the database: a halt from any keeper, the CLI or the admin endpoint reaches
 * every keeper within a second and closes the rebalance gate.
 */
public final class KeeperDaemon implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeeperDaemon.class);

    private final KeeperConfig config;
    private final HikariDataSource dataSource;
    private final JdbcKeeperStore store;
    private final ChainGateway chain;
    private final KeeperCycle cycle;
    private final Clock clock;
    private final TradingControl trading;
    private final ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "keeper-maintenance");
        t.setDaemon(true);
        return t;
    });
    private KeeperScheduler scheduler;
    private HedgeLeadership leadership;
    private volatile Hedging hedging;
    private AdminServer admin;

    public KeeperDaemon(KeeperConfig config, ChainGatewayFactory gateways, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.dataSource = Databases.open(config.database());
        try {
            this.store = new JdbcKeeperStore(dataSource, clock);
            this.trading = new TradingControl(new TradingStateStore(dataSource, clock), Hedging.limits(config),
                    Hedging.vaultCaps(config), clock, new LoggedRiskEvents());
            this.chain = gateways.open(config, store, false, this::venueMark);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        this.cycle = new KeeperCycle(chain, RealizedVolatilityScorer.baseline(), new RebalancePolicy(),
                store, clock, this::rebalancingStoppedBecause);
        maintenance.scheduleWithFixedDelay(this::syncTradingState, 1, 1, TimeUnit.SECONDS);
    }

    public JdbcKeeperStore store() {
        return store;
    }

    public TradingControl trading() {
        return trading;
    }

    /** The running hedge side, or null while this keeper does not hedge. */
    public Hedging hedging() {
        return hedging;
    }

    /** The hedge venue's mark of a hedged vault's base asset, for the price check; none before hedging runs. */
    private Optional<BigDecimal> venueMark(String vault) {
        Hedging current = hedging;
        return current == null ? Optional.empty() : current.mark(vault);
    }

    private Optional<String> rebalancingStoppedBecause() {
        RiskEngine risk = trading.engine();
        if (risk.rebalancingAllowed()) {
            return Optional.empty();
        }
        return Optional.of("trading " + risk.state() + (risk.emergencyExitInForce() ? " after an emergency exit" : ""));
    }

    private void syncTradingState() {
        try {
            trading.sync();
        } catch (RuntimeException e) {
            log.warn("cannot read the shared trading state: {}", e.getMessage());
        }
    }

    /**
     * Starts the hedge side for the configured hedged vaults: once this keeper leads (at once without a cluster), opens
     * the venues, reconciles them with the journal, reads the vaults and hedges; then maintains every
     * {@code hedging.maintainEvery}. Does nothing when no vault hedges.
     */
    public void startHedging(VenueSource venues) {
        if (config.hedgedVaults().isEmpty()) {
            return;
        }
        leadership = new HedgeLeadership(dataSource, config.clustered());
        JdbcHedgeJournal journal = new JdbcHedgeJournal(dataSource, clock);
        long every = config.hedging().maintainEvery().toMillis();
        maintenance.scheduleWithFixedDelay(() -> maintainHedges(venues, journal), 0, every, TimeUnit.MILLISECONDS);
    }

    private void maintainHedges(VenueSource venues, JdbcHedgeJournal journal) {
        try {
            if (!leadership.leads()) {
                if (hedging != null) {
                    log.warn("hedge leadership lost; this keeper stops hedging");
                    hedging.close();
                    hedging = null;
                }
                return;
            }
            if (hedging == null) {
                hedging = Hedging.open(config, venues, journal, trading, clock);
            }
            hedging.reconcile();
            refreshHedges("read@" + clock.instant().toEpochMilli());
            hedging.watchRisk();
        } catch (RuntimeException e) {
            log.warn("hedge maintenance failed, retrying in {}: {}", config.hedging().maintainEvery(), e.toString());
        }
    }

    /**
     * Reads the hedged vaults (one batch) and hands the readings to the hedgers: a vault whose range or liquidity moved
     * (a deposit, a withdrawal, a rebalance by another keeper) is re-hedged under {@code triggerId}.
     */
    public void refreshHedges(String triggerId) {
        Hedging current = hedging;
        if (current != null) {
            current.refresh(chain.readVaults(current.vaultAddresses()), triggerId);
        }
    }

    /** After a vault's cycle: a fresh read, so a confirmed rebalance is hedged at once under its cycle id. */
    private void hedgeAfterCycle(KeeperConfig.Vault vault, List<Decision> decisions) {
        Hedging current = hedging;
        if (current == null || decisions.isEmpty() || !current.vaultAddresses().contains(vault.address().toLowerCase(Locale.ROOT))) {
            return;
        }
        try {
            current.refresh(chain.readVaults(List.of(vault.address())), decisions.getFirst().id());
        } catch (RuntimeException e) {
            log.warn("hedge after the cycle of {} failed; the next mark or maintenance pass retries: {}", vault.name(),
                    e.toString());
        }
    }

    /** Reconciles until the journal has nothing open, waiting {@code retryEvery} between attempts. */
    public void reconcile(Duration retryEvery) throws InterruptedException {
        JournalReconciler reconciler = new JournalReconciler(chain, store, clock);
        while (true) {
            List<JournalEntry> open = reconciler.reconcile();
            if (open.isEmpty()) {
                return;
            }
            log.warn("{} journal row(s) still open on chain; not scheduling yet, retrying in {}", open.size(), retryEvery);
            Thread.sleep(retryEvery.toMillis());
        }
    }

    /** One cycle for every vault now, in one batch (the {@code once} command). */
    public List<Decision> runOnce(Instant fireTime) {
        return cycle.run(fireTime, config.vaults().stream().map(KeeperConfig.Vault::cycleVault).toList(),
                KeeperCycle.Mode.LIVE);
    }

    /** Starts one job per vault; {@code instanceId} names this keeper in a cluster. */
    public void schedule(String instanceId, Duration clusterCheckin) {
        Map<String, KeeperConfig.Vault> byName = config.vaults().stream()
                .collect(Collectors.toMap(KeeperConfig.Vault::name, Function.identity()));
        scheduler = new KeeperScheduler(dataSource, config.database().kind() == DatabaseSettings.Kind.POSTGRESQL,
                config.clustered(), instanceId, clusterCheckin, Math.min(8, config.vaults().size() + 1),
                (vaultName, fireTime) -> {
                    KeeperConfig.Vault vault = byName.get(vaultName);
                    if (vault == null) {
                        log.warn("job for vault {} which is no longer configured; ignored", vaultName);
                        return;
                    }
                    hedgeAfterCycle(vault, cycle.run(fireTime, List.of(vault.cycleVault()), KeeperCycle.Mode.LIVE));
                });
        scheduler.sync(config.vaults().stream()
                .map(v -> new ScheduledVault(v.name(), v.cron().orElse(config.schedule().defaultCron())))
                .toList());
        scheduler.start();
        config.admin().ifPresent(this::serveAdmin);
    }

    private void serveAdmin(KeeperConfig.Admin settings) {
        try {
            admin = new AdminServer(settings, trading, this::closeAllHedges);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the admin endpoint on " + settings.bind() + ":" + settings.port(), e);
        }
    }

    /** The emergency exit's second half, after {@link TradingControl#exit}: every hedge closed. */
    public List<VenueOrder> closeAllHedges(String reason) {
        Hedging current = hedging;
        if (current == null) {
            log.warn("emergency exit: this keeper runs no hedges; the keeper that leads the cluster closes them");
            return List.of();
        }
        return current.closeAll(reason);
    }

    /** The admin endpoint's port, once serving. */
    public Optional<Integer> adminPort() {
        return Optional.ofNullable(admin).map(AdminServer::port);
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
        }
        maintenance.shutdownNow();
        try {
            maintenance.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (scheduler != null) {
            scheduler.close();
        }
        if (hedging != null) {
            hedging.close();
        }
        if (leadership != null) {
            leadership.close();
        }
        if (chain instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("closing the chain gateway failed: {}", e.toString());
            }
        }
        dataSource.close();
    }
}
