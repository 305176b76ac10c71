package io.yielddelta.keeper.app.daemon;

import com.zaxxer.hikari.HikariDataSource;
import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.app.schedule.KeeperScheduler;
import io.yielddelta.keeper.app.schedule.ScheduledVault;
import io.yielddelta.keeper.app.store.DatabaseSettings;
import io.yielddelta.keeper.app.store.Databases;
import io.yielddelta.keeper.app.store.JdbcKeeperStore;
import io.yielddelta.keeper.core.chain.ChainGateway;
import io.yielddelta.keeper.core.cycle.JournalEntry;
import io.yielddelta.keeper.core.cycle.JournalReconciler;
import io.yielddelta.keeper.core.cycle.KeeperCycle;
import io.yielddelta.keeper.core.policy.RealizedVolatilityScorer;
import io.yielddelta.keeper.core.policy.RebalancePolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running keeper: journal, reconciliation, then the schedule. Nothing is scheduled until every open journal
 * row is resolved on chain; until then the keeper retries and does not trade.
 */
public final class KeeperDaemon implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeeperDaemon.class);

    private final KeeperConfig config;
    private final HikariDataSource dataSource;
    private final JdbcKeeperStore store;
    private final ChainGateway chain;
    private final KeeperCycle cycle;
    private final Clock clock;
    private KeeperScheduler scheduler;

    public KeeperDaemon(KeeperConfig config, ChainGatewayFactory gateways, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.dataSource = Databases.open(config.database());
        try {
            this.store = new JdbcKeeperStore(dataSource, clock);
            this.chain = gateways.open(config, store, false);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        this.cycle = new KeeperCycle(chain, RealizedVolatilityScorer.baseline(), new RebalancePolicy(),
                store, clock);
    }

    public JdbcKeeperStore store() {
        return store;
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
    public List<io.yielddelta.keeper.core.cycle.Decision> runOnce(java.time.Instant fireTime) {
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
                    cycle.run(fireTime, List.of(vault.cycleVault()), KeeperCycle.Mode.LIVE);
                });
        scheduler.sync(config.vaults().stream()
                .map(v -> new ScheduledVault(v.name(), v.cron().orElse(config.schedule().defaultCron())))
                .toList());
        scheduler.start();
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.close();
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
