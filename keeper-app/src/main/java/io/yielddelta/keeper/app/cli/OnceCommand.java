package io.yielddelta.keeper.app.cli;

import io.yielddelta.keeper.app.config.ConfigLoader;
import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.app.daemon.ChainGatewayFactory;
import io.yielddelta.keeper.app.daemon.KeeperDaemon;
import io.yielddelta.keeper.core.chain.ChainGateway;
import io.yielddelta.keeper.core.chain.SentTransactions;
import io.yielddelta.keeper.core.cycle.Decision;
import io.yielddelta.keeper.core.cycle.KeeperCycle;
import io.yielddelta.keeper.core.policy.RealizedVolatilityScorer;
import io.yielddelta.keeper.core.policy.RebalancePolicy;
import java.io.PrintWriter;
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

@Command(name = "once", mixinStandardHelpOptions = true,
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
        Optional<KeeperConfig> loaded = ConfigOption.load(config, spec.commandLine().getErr(), loader);
        if (loaded.isEmpty()) {
            return ConfigOption.BAD_CONFIG;
        }
        KeeperConfig cfg = loaded.get();
        ChainGatewayFactory factory = gateways != null ? gateways : ChainGatewayFactory.installed();
        Instant fireTime = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<Decision> decisions;
        if (dryRun) {
            // No database either: a dry run must work beside a running keeper and leave no trace.
            ChainGateway chain = factory.open(cfg, DryRun.NOTHING_SENT, true);
            try {
                KeeperCycle cycle = new KeeperCycle(chain, RealizedVolatilityScorer.baseline(),
                        new RebalancePolicy(), DryRun.NO_JOURNAL, clock);
                decisions = cycle.run(fireTime, cfg.vaults().stream().map(KeeperConfig.Vault::cycleVault).toList(),
                        KeeperCycle.Mode.DRY_RUN);
            } finally {
                if (chain instanceof AutoCloseable closeable) {
                    closeQuietly(closeable);
                }
            }
        } else {
            try (KeeperDaemon daemon = new KeeperDaemon(cfg, factory, clock)) {
                daemon.reconcile(Duration.ofSeconds(30));
                decisions = daemon.runOnce(fireTime);
            }
        }
        print(decisions, spec.commandLine().getOut());
        return 0;
    }

    static void print(List<Decision> decisions, PrintWriter out) {
        for (Decision d : decisions) {
            out.printf("%-28s %-9s tick %-8s twap %-8s %s -> %s  %s%s%n", d.vaultName(), d.action(),
                    d.tick().isPresent() ? d.tick().getAsInt() : "-", d.twapTick().isPresent() ? d.twapTick().getAsInt() : "-",
                    d.current().map(Object::toString).orElse("none"), d.target().map(Object::toString).orElse("-"),
                    d.reason(), d.triggers().isEmpty() ? "" : " " + d.triggers());
            d.order().ifPresent(o -> out.printf("%-28s swap %s %s in, min out %s; position min %s / %s; deadline %s; id %s%n",
                    "", o.swapAmountIn(), o.zeroForOne() ? "token0" : "token1", o.swapAmountOutMin(), o.amount0Min(),
                    o.amount1Min(), o.deadline(), d.id()));
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
