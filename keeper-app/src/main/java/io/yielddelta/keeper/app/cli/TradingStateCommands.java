package io.yielddelta.keeper.app.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.yielddelta.keeper.app.chain.VaultExits;
import io.yielddelta.keeper.app.config.ConfigLoader;
import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.app.hedge.LoggedRiskEvents;
import io.yielddelta.keeper.app.store.Databases;
import io.yielddelta.keeper.app.store.JdbcHedgeJournal;
import io.yielddelta.keeper.app.store.JdbcKeeperStore;
import io.yielddelta.keeper.app.store.JdbcTradingStateStore;
import io.yielddelta.keeper.app.venue.VenueFactory;
import io.yielddelta.keeper.core.hedge.EmergencyExit;
import io.yielddelta.keeper.core.kernel.DeploymentSettings;
import io.yielddelta.keeper.core.risk.TradingControl;
import io.yielddelta.keeper.core.risk.TradingStateStore;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.VenueOrder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The kill switch from a shell: {@code keeper halt}, {@code keeper resume} and {@code keeper exit} write the trading
 * state to the deployment's database, where every running keeper picks it up within a second.
 */
public final class TradingStateCommands {

    private TradingStateCommands() {}

    abstract static class StateCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "the deployment's YAML file")
        Path config;

        @Option(
                names = "--reason",
                required = true,
                paramLabel = "TEXT",
                description = "why, for the journal and the logs")
        String reason;

        /** Where {@code ${ENV}} values come from; tests give their own. */
        ConfigLoader loader = ConfigLoader.fromEnvironment();

        @Override
        public Integer call() {
            Optional<KeeperConfig> loaded =
                    ConfigOption.load(config, spec.commandLine().getErr(), loader);
            if (loaded.isEmpty()) {
                return ConfigOption.BAD_CONFIG;
            }
            PrintWriter out = spec.commandLine().getOut();
            Clock clock = Clock.systemUTC();
            try (HikariDataSource db = Databases.open(loaded.get().database())) {
                DeploymentSettings deployment = loaded.get().deployment();
                TradingControl control = new TradingControl(
                        new JdbcTradingStateStore(db, clock),
                        deployment.limits(),
                        deployment.vaultCaps(),
                        clock,
                        new LoggedRiskEvents());
                TradingStateStore.Stored stored =
                        apply(new Context(control, loaded.get(), db, clock, out, "operator: " + reason));
                out.printf(
                        "trading state %s%s (version %d): %s%n",
                        stored.state(),
                        stored.emergencyExit() ? ", emergency exit" : "",
                        stored.version(),
                        stored.reason());
            }
            out.flush();
            return 0;
        }

        abstract TradingStateStore.Stored apply(Context c);
    }

    record Context(
            TradingControl control,
            KeeperConfig config,
            HikariDataSource db,
            Clock clock,
            PrintWriter out,
            String reason) {}

    @Command(
            name = "halt",
            mixinStandardHelpOptions = true,
            description = "Kill switch: no new hedge orders and no rebalances on any keeper of this deployment.")
    public static final class Halt extends StateCommand {
        @Override
        TradingStateStore.Stored apply(Context c) {
            return c.control().halt(c.reason());
        }
    }

    @Command(
            name = "resume",
            mixinStandardHelpOptions = true,
            description = "Back to ACTIVE after a halt, a REDUCING state or an emergency exit.")
    public static final class Resume extends StateCommand {
        @Override
        TradingStateStore.Stored apply(Context c) {
            return c.control().resume(c.reason());
        }
    }

    @Command(
            name = "exit",
            mixinStandardHelpOptions = true,
            description = "Emergency exit: stop rebalancing, take every configured vault out of its pool with the "
                    + "guardian key (exitToIdle: no swap, vault paused), cancel every open order and close every hedge "
                    + "on every configured venue with reduce-only orders.")
    public static final class Exit extends StateCommand {
        @Override
        TradingStateStore.Stored apply(Context c) {
            TradingStateStore.Stored stored = c.control().exit(c.reason());
            // The vaults leave their pools first: closing the hedges of positions still in the pools would leave them
            // unhedged if the on-chain exit then failed.
            c.config()
                    .signers()
                    .guardian()
                    .ifPresentOrElse(
                            guardian -> VaultExits.exitToIdle(
                                            c.config(), guardian, new JdbcKeeperStore(c.db(), c.clock()))
                                    .forEach(e -> c.out().printf("vault %s: %s%n", e.vault(), e.outcome())),
                            () -> c.out()
                                    .println(
                                            "no guardian signer configured (signers.guardian): the vaults stay in their "
                                                    + "pools; call exitToIdle() on each with the guardian or owner key"));
            Set<String> names = new LinkedHashSet<>();
            c.config()
                    .deployment()
                    .hedgedVaults()
                    .forEach(v -> names.addAll(v.hedge().orElseThrow().venues()));
            List<HedgeVenue> opened = new ArrayList<>();
            VenueFactory venues = new VenueFactory(c.clock());
            JdbcHedgeJournal journal = new JdbcHedgeJournal(c.db(), c.clock());
            try {
                names.forEach(name -> opened.add(venues.open(c.config().venues().get(name), journal)));
                List<VenueOrder> closing =
                        EmergencyExit.closeEvery(opened, c.control().engine(), journal, c.clock(), c.reason());
                PrintWriter out = c.out();
                closing.forEach(o -> out.printf(
                        "closing order %s %s %s: filled %s of %s (%s)%n",
                        o.venueOrderId(),
                        o.market(),
                        o.side(),
                        o.filledSize().toPlainString(),
                        o.size().toPlainString(),
                        o.status()));
                out.printf("%d closing order(s) on %s%n", closing.size(), names);
            } finally {
                opened.forEach(HedgeVenue::close);
            }
            return stored;
        }
    }
}
