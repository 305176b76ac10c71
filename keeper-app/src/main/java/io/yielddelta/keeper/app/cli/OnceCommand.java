package io.yielddelta.keeper.app.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.yielddelta.keeper.app.config.ConfigLoader;
import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.app.daemon.ChainGatewayFactory;
import io.yielddelta.keeper.app.daemon.KeeperDaemon;
import io.yielddelta.keeper.app.store.DatabaseSettings;
import io.yielddelta.keeper.app.store.Databases;
import io.yielddelta.keeper.app.store.JdbcHedgeStatusStore;
import io.yielddelta.keeper.app.store.JdbcTradingStateStore;
import io.yielddelta.keeper.app.store.SchemaMigrator;
import io.yielddelta.keeper.core.chain.ChainGateway;
import io.yielddelta.keeper.core.cycle.Decision;
import io.yielddelta.keeper.core.cycle.KeeperCycle;
import io.yielddelta.keeper.core.kernel.Keeper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "once",
        mixinStandardHelpOptions = true,
        description = "Runs one cycle for every configured vault now and prints the decisions.")
public final class OnceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the deployment's YAML file")
    Path config;

    @Option(names = "--dry-run", description = "decide and print only: nothing is signed, sent or journaled")
    boolean dryRun;

    private final ChainGatewayFactory gateways;
    private final ConfigLoader loader;
    private final Clock clock;

    public OnceCommand() {
        this(null, ConfigLoader.fromEnvironment(), Clock.systemUTC());
    }

    /** @param gateways null for the installed one */
    public OnceCommand(ChainGatewayFactory gateways, Clock clock) {
        this(gateways, ConfigLoader.fromEnvironment(), clock);
    }

    /** @param loader resolves the file's {@code ${ENV}} secrets */
    public OnceCommand(ChainGatewayFactory gateways, ConfigLoader loader, Clock clock) {
        this.gateways = gateways;
        this.loader = loader;
        this.clock = clock;
    }

    @Override
    public Integer call() throws InterruptedException {
        Optional<KeeperConfig> loaded =
                ConfigOption.load(config, spec.commandLine().getErr(), loader);
        if (loaded.isEmpty()) {
            return ConfigOption.BAD_CONFIG;
        }
        KeeperConfig cfg = loaded.get();
        ChainGatewayFactory factory = gateways != null ? gateways : ChainGatewayFactory.installed();
        Instant fireTime = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<Decision> decisions;
        if (dryRun) {
            decisions = dryRun(cfg, factory, fireTime);
        } else {
            try (KeeperDaemon daemon = new KeeperDaemon(
                    cfg,
                    factory,
                    (venue, journal) -> {
                        throw new IllegalStateException("once does not hedge");
                    },
                    clock,
                    new KeeperDaemon.Options("once", Duration.ofSeconds(15), Duration.ofSeconds(30)))) {
                decisions = daemon.runOnce(fireTime);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                spec.commandLine().getErr().println("once could not run: " + e.getMessage());
                return 1;
            }
        }
        print(decisions, spec.commandLine().getOut());
        return 0;
    }

    /**
     * Decides through the kernel without signing, sending or journaling anything, and without touching the database
     * beyond reading it: the trading state and the hedge reports the running keepers share are read when the database
     * holds them (so a halted deployment's rebalances show as skipped), else the run says it assumes ACTIVE.
     */
    private List<Decision> dryRun(KeeperConfig cfg, ChainGatewayFactory factory, Instant fireTime) {
        PrintWriter err = spec.commandLine().getErr();
        ChainGateway chain = factory.open(cfg, DryRun.NOTHING_SENT, true);
        HikariDataSource db = null;
        try {
            Keeper.Builder kernel = Keeper.builder(cfg.deployment())
                    .chain(chain)
                    .store(DryRun.NO_JOURNAL)
                    .clock(clock)
                    .scorer(cfg.scorers());
            db = sharedState(cfg, err);
            if (db != null) {
                kernel.tradingStates(new JdbcTradingStateStore(db, clock))
                        .hedgeStatus(new JdbcHedgeStatusStore(db, clock));
            }
            try (Keeper built = kernel.build()) {
                err.println("dry run: trading " + built.trading().engine().state() + (db == null ? " (assumed)" : ""));
                err.flush();
                return built.runCycle(fireTime, built.settings().vaults(), KeeperCycle.Mode.DRY_RUN);
            }
        } finally {
            if (db != null) {
                db.close();
            }
            if (chain instanceof AutoCloseable closeable) {
                closeQuietly(closeable);
            }
        }
    }

    /** The deployment's database if it already holds the keeper's state; null (with a line on stderr) if not. */
    private static HikariDataSource sharedState(KeeperConfig cfg, PrintWriter err) {
        DatabaseSettings database = cfg.database();
        if (database.kind() == DatabaseSettings.Kind.H2
                && !Files.exists(Path.of(database.h2Path().toAbsolutePath() + ".mv.db"))) {
            err.println("dry run: no keeper has run on " + database.h2Path() + " yet; trading state assumed ACTIVE");
            return null;
        }
        HikariDataSource db = null;
        try {
            db = Databases.open(database);
            if (SchemaMigrator.isCurrent(db)) {
                return db;
            }
            err.println("dry run: the database holds no current keeper schema; trading state assumed ACTIVE");
        } catch (RuntimeException e) {
            err.println("dry run: the shared trading state cannot be read (" + e.getMessage()
                    + "); trading state assumed ACTIVE");
        }
        if (db != null) {
            db.close();
        }
        return null;
    }

    static void print(List<Decision> decisions, PrintWriter out) {
        for (Decision d : decisions) {
            out.printf(
                    "%-28s %-9s tick %-8s twap %-8s %s -> %s  %s%s%n",
                    d.vaultName(),
                    d.action(),
                    d.tick().isPresent() ? d.tick().getAsInt() : "-",
                    d.twapTick().isPresent() ? d.twapTick().getAsInt() : "-",
                    d.current().map(Object::toString).orElse("none"),
                    d.target().map(Object::toString).orElse("-"),
                    d.reason(),
                    d.triggers().isEmpty() ? "" : " " + d.triggers());
            d.order()
                    .ifPresent(o -> out.printf(
                            "%-28s swap %s %s in, min out %s; position min %s / %s; deadline %s; id %s%n",
                            "",
                            o.swapAmountIn(),
                            o.zeroForOne() ? "token0" : "token1",
                            o.swapAmountOutMin(),
                            o.amount0Min(),
                            o.amount1Min(),
                            o.deadline(),
                            d.id()));
        }
        out.flush();
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            // the decisions are made; a failed close of the RPC client changes nothing
        }
    }
}
