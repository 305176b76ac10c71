package io.yielddelta.keeper.app.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.app.store.Databases;
import io.yielddelta.keeper.app.store.JdbcKeeperStore;
import io.yielddelta.keeper.app.store.JdbcTradingStateStore;
import io.yielddelta.keeper.core.cycle.JournalEntry;
import io.yielddelta.keeper.core.risk.TradingStateStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Shows the journal: open rebalances (not yet resolved on chain) and the latest decisions.")
public final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the deployment's YAML file")
    Path config;

    @Option(
            names = "--last",
            paramLabel = "N",
            defaultValue = "20",
            description = "how many recent decisions (default 20)")
    int last;

    @Override
    public Integer call() {
        Optional<KeeperConfig> loaded =
                ConfigOption.load(config, spec.commandLine().getErr());
        if (loaded.isEmpty()) {
            return ConfigOption.BAD_CONFIG;
        }
        PrintWriter out = spec.commandLine().getOut();
        try (HikariDataSource db = Databases.open(loaded.get().database())) {
            JdbcKeeperStore store = new JdbcKeeperStore(db, Clock.systemUTC());
            TradingStateStore.Stored trading = new JdbcTradingStateStore(db, Clock.systemUTC()).load();
            out.printf(
                    "trading state %s%s since %s: %s%n",
                    trading.state(),
                    trading.emergencyExit() ? ", emergency exit" : "",
                    trading.changedAt(),
                    trading.reason());
            List<JournalEntry> open = store.openEntries();
            out.println(loaded.get().vaults().size() + " vault(s) configured; " + open.size() + " open rebalance(s)");
            open.forEach(e -> print(out, e));
            out.println("latest decisions:");
            store.recent(last).forEach(e -> print(out, e));
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, JournalEntry e) {
        out.printf(
                "  %-62s %-9s %-10s %s%s%s%n",
                e.cycleId(),
                e.action(),
                e.status(),
                e.reason(),
                e.transaction()
                        .map(t -> " tx " + t.hash() + " nonce " + t.nonce())
                        .orElse(""),
                e.outcome().isEmpty() ? "" : " — " + e.outcome());
    }
}
