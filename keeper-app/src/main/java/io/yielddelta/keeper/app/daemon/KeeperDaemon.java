package io.yielddelta.keeper.app.daemon;

import com.sun.net.httpserver.HttpHandler;
import com.zaxxer.hikari.HikariDataSource;
import io.yielddelta.keeper.app.admin.AdminServer;
import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.app.dashboard.Dashboard;
import io.yielddelta.keeper.app.dashboard.StatusBoard;
import io.yielddelta.keeper.app.hedge.HedgeLeadership;
import io.yielddelta.keeper.app.hedge.LoggedRiskEvents;
import io.yielddelta.keeper.app.observability.MeteredVenue;
import io.yielddelta.keeper.app.observability.MetricsServer;
import io.yielddelta.keeper.app.observability.Monitoring;
import io.yielddelta.keeper.app.observability.SystemdNotifier;
import io.yielddelta.keeper.app.observability.Telemetry;
import io.yielddelta.keeper.app.schedule.KeeperScheduler;
import io.yielddelta.keeper.app.schedule.ScheduledVault;
import io.yielddelta.keeper.app.service.HealthCheck;
import io.yielddelta.keeper.app.service.Service;
import io.yielddelta.keeper.app.service.ServiceController;
import io.yielddelta.keeper.app.store.DatabaseSettings;
import io.yielddelta.keeper.app.store.Databases;
import io.yielddelta.keeper.app.store.JdbcHedgeJournal;
import io.yielddelta.keeper.app.store.JdbcHedgeStatusStore;
import io.yielddelta.keeper.app.store.JdbcKeeperStore;
import io.yielddelta.keeper.app.store.JdbcTradingStateStore;
import io.yielddelta.keeper.app.venue.VenueSource;
import io.yielddelta.keeper.core.chain.ChainGateway;
import io.yielddelta.keeper.core.cycle.Decision;
import io.yielddelta.keeper.core.cycle.JournalEntry;
import io.yielddelta.keeper.core.cycle.JournalReconciler;
import io.yielddelta.keeper.core.cycle.KeeperCycle;
import io.yielddelta.keeper.core.kernel.DeploymentSettings;
import io.yielddelta.keeper.core.kernel.Keeper;
import io.yielddelta.keeper.core.risk.TradingState;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running keeper: the {@link Keeper} kernel over the deployment's adapters (the chain gateway, the JDBC
 * journal, hedge journal, trading state and hedge reports, the venues' clients), run as services started in order —
 * the admin endpoint (health first, so a keeper that cannot reconcile still says why), the trading-state sync, the
 * journal reconciliation (nothing acts until the journal is in line with the chain), the hedge side (leader-aware) and
 * the Quartz schedule — and stopped in reverse order. Its metrics, dashboard and error reports are the deployment's
 * {@link Monitoring}; under systemd it notifies readiness and feeds the watchdog.
 */
public final class KeeperDaemon implements HealthCheck, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeeperDaemon.class);

    /**
     * @param instanceId     this keeper's name in a cluster
     * @param clusterCheckin how often a clustered scheduler checks in (fail-over detection)
     * @param reconcileRetry how long to wait before looking up still-open journal rows again
     */
    public record Options(String instanceId, Duration clusterCheckin, Duration reconcileRetry) {}

    private final KeeperConfig config;
    private final HikariDataSource dataSource;
    private final JdbcKeeperStore store;
    private final ChainGateway chain;
    private final Keeper kernel;
    private final Monitoring monitoring;
    private final Dashboard dashboard;
    private final JournalReconciler reconciler;
    private final JournalReconciliation reconciliation;
    private final HedgeService hedges;
    private final AdminServer admin;
    private final ServiceController services;
    private boolean closed;

    /** Opens the database and the chain gateway and builds the kernel; starts nothing (see {@link #start}). */
    public KeeperDaemon(
            KeeperConfig config, ChainGatewayFactory gateways, VenueSource venues, Clock clock, Options options) {
        this.config = config;
        String instance = instance(options.instanceId());
        this.dataSource = Databases.open(config.database());
        AtomicReference<Keeper> built = new AtomicReference<>();
        try {
            this.monitoring = Monitoring.open(
                    config,
                    instance,
                    new StatusBoard(config.deployment().vaults(), clock),
                    () -> built.get() == null
                            ? TradingState.ACTIVE
                            : built.get().trading().engine().state());
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        Telemetry telemetry = monitoring.telemetry();
        JdbcHedgeJournal hedgeJournal;
        try {
            this.store = new JdbcKeeperStore(dataSource, clock);
            this.chain = gateways.open(config, store, false, this::venueMark, telemetry);
            hedgeJournal = new JdbcHedgeJournal(dataSource, clock);
            this.kernel = Keeper.builder(config.deployment())
                    .chain(chain)
                    .store(store)
                    .clock(clock)
                    .scorer(config.scorers())
                    .tradingStates(new JdbcTradingStateStore(dataSource, clock))
                    .hedgeJournal(hedgeJournal)
                    .hedgeStatus(new JdbcHedgeStatusStore(dataSource, clock))
                    .venues((name, vault) ->
                            new MeteredVenue(venues.open(config.venues().get(name), hedgeJournal), telemetry))
                    .events(monitoring.riskEvents(new LoggedRiskEvents()))
                    .metrics(telemetry)
                    .build();
            built.set(kernel);
        } catch (RuntimeException e) {
            monitoring.close();
            dataSource.close();
            throw e;
        }
        telemetry.watch(
                () -> kernel.trading().engine().state(),
                () -> kernel.trading().engine().emergencyExitInForce(),
                kernel::hedging,
                () -> store.openEntries().size(),
                () -> hedgeJournal.inFlight().size());
        JdbcTradingStateStore tradingStates = new JdbcTradingStateStore(dataSource, clock);
        this.dashboard = new Dashboard(
                telemetry.board(),
                new Dashboard.Daemon(
                        Monitoring.version(),
                        instance,
                        config.clustered(),
                        tradingStates::load,
                        kernel::hedging,
                        !config.deployment().hedgedVaults().isEmpty(),
                        this,
                        store::openEntries),
                clock);
        this.reconciler = new JournalReconciler(chain, store, clock);
        this.reconciliation = new JournalReconciliation(reconciler, options.reconcileRetry());
        List<Service> ordered = new ArrayList<>();
        ordered.add(new SystemdNotifier(System.getenv(), this));
        Map<String, HttpHandler> pages = new HashMap<>(dashboard.routes());
        monitoring.prometheus().ifPresent(registry -> pages.put("/metrics", MetricsServer.handler(registry)));
        this.admin = config.admin()
                .map(settings -> new AdminServer(settings, kernel.trading(), kernel::closeAllHedges, this, pages))
                .orElse(null);
        if (admin != null) {
            ordered.add(admin);
        }
        Optional<Integer> metricsPort = config.observability()
                .prometheusPort()
                .filter(port -> config.admin().map(a -> a.port() != port).orElse(true));
        monitoring
                .prometheus()
                .ifPresent(registry -> metricsPort.ifPresent(port -> ordered.add(new MetricsServer(
                        config.admin().map(KeeperConfig.Admin::bind).orElse("127.0.0.1"), port, registry))));
        ordered.add(new TradingStateSync(kernel.trading()));
        ordered.add(reconciliation);
        this.hedges = config.deployment().hedgedVaults().isEmpty()
                ? null
                : new HedgeService(
                        kernel,
                        new HedgeLeadership(dataSource, config.clustered()),
                        config.hedging().maintainEvery());
        if (hedges != null) {
            ordered.add(hedges);
        }
        ordered.add(new ScheduleService(
                () -> scheduler(options),
                config.vaults().stream()
                        .map(v -> new ScheduledVault(
                                v.name(), v.cron().orElse(config.schedule().defaultCron())))
                        .toList()));
        this.services = new ServiceController(ordered);
    }

    /** The hedge venue's mark of a hedged vault's base asset, for the price check; none while this keeper does not hedge. */
    private Optional<BigDecimal> venueMark(String vault) {
        return kernel == null ? Optional.empty() : kernel.mark(vault);
    }

    private KeeperScheduler scheduler(Options options) {
        Map<String, DeploymentSettings.VaultSettings> byName = kernel.settings().vaults().stream()
                .collect(Collectors.toMap(DeploymentSettings.VaultSettings::name, Function.identity()));
        return new KeeperScheduler(
                dataSource,
                config.database().kind() == DatabaseSettings.Kind.POSTGRESQL,
                config.clustered(),
                options.instanceId(),
                options.clusterCheckin(),
                Math.min(8, config.vaults().size() + 1),
                (vaultName, fireTime) -> {
                    DeploymentSettings.VaultSettings vault = byName.get(vaultName);
                    if (vault == null) {
                        log.warn("job for vault {} which is no longer configured; ignored", vaultName);
                        return;
                    }
                    // Rows another keeper of the cluster left open when it was killed are this keeper's to settle
                    // now (this vault's cycles never overlap); a rebalance still pending on chain holds the next one.
                    List<JournalEntry> open = reconciler.reconcile(vault.address());
                    if (!open.isEmpty()) {
                        log.warn(
                                "vault {}: rebalance {} still open on chain; this cycle does not act",
                                vaultName,
                                open.getFirst().cycleId());
                        return;
                    }
                    kernel.runCycle(fireTime, List.of(vault), KeeperCycle.Mode.LIVE);
                });
    }

    /**
     * Starts the services in order; returns once the schedule runs. Blocks while the journal cannot be reconciled
     * (the health endpoint says why); {@link #close} from another thread ends the wait.
     *
     * @throws Exception the first service's failure to start, after the ones before it were stopped
     */
    public void start() throws Exception {
        services.start();
    }

    /**
     * One cycle for every vault now, in one batch (the {@code once} command): the journal is reconciled first; nothing
     * is scheduled and this process does not hedge (a hedged vault rebalances only while the hedging keeper reports
     * its hedge running).
     */
    public List<Decision> runOnce(Instant fireTime) throws Exception {
        try {
            reconciliation.start();
        } finally {
            reconciliation.stop();
        }
        return kernel.runCycle(fireTime, kernel.settings().vaults(), KeeperCycle.Mode.LIVE);
    }

    public JdbcKeeperStore store() {
        return store;
    }

    public Keeper kernel() {
        return kernel;
    }

    /** Completes once this keeper hedges; never, when no vault hedges or another keeper of the cluster leads. */
    public CompletableFuture<Void> hedgingStarted() {
        return hedges == null ? new CompletableFuture<>() : hedges.started();
    }

    /** The host part of the default instance id ({@code pid@host}): the pid would make a new series every restart. */
    static String instance(String instanceId) {
        return instanceId.matches("\\d+@.+") ? instanceId.substring(instanceId.indexOf('@') + 1) : instanceId;
    }

    /** The sink every metric goes through, and the dashboard's memory. */
    public Telemetry telemetry() {
        return monitoring.telemetry();
    }

    public Dashboard dashboard() {
        return dashboard;
    }

    /** The admin endpoint's port, once serving. */
    public Optional<Integer> adminPort() {
        return admin == null || admin.health().state() != Service.State.RUNNING
                ? Optional.empty()
                : Optional.of(admin.port());
    }

    @Override
    public Map<String, Service.Health> health() {
        return services.health();
    }

    @Override
    public boolean ready() {
        return services.ready();
    }

    @Override
    public boolean alive() {
        return services.alive();
    }

    /** Stops the services in reverse order, then closes the chain gateway and the database; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        services.stop();
        kernel.close();
        if (chain instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("closing the chain gateway failed: {}", e.toString());
            }
        }
        monitoring.close();
        dataSource.close();
    }
}
