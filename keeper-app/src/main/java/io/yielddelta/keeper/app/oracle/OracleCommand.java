package io.yielddelta.keeper.app.oracle;

import io.yielddelta.keeper.app.cli.ConfigOption;
import io.yielddelta.keeper.app.config.ConfigLoader;
import io.yielddelta.keeper.app.config.OracleConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keeper oracle serve}: the aiOracle signer as its own process, on its own host or user. */
@Command(
        name = "oracle",
        mixinStandardHelpOptions = true,
        subcommands = OracleCommand.Serve.class,
        description = "The aiOracle signer in its own process: its own key, its own policy, an HTTP API on loopback.")
public final class OracleCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "serve",
            mixinStandardHelpOptions = true,
            description = "Serve POST /v1/rebalance-signatures until stopped (Ctrl-C, SIGTERM).")
    public static final class Serve implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "the aiOracle's YAML file")
        Path config;

        /** Where {@code ${ENV}} values come from; tests give their own. */
        ConfigLoader loader = ConfigLoader.fromEnvironment();

        @Override
        public Integer call() throws InterruptedException {
            Optional<OracleConfig> loaded =
                    ConfigOption.load(config, spec.commandLine().getErr(), loader::loadOracle);
            if (loaded.isEmpty()) {
                return ConfigOption.BAD_CONFIG;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            try (OracleProcess oracle = OracleProcess.start(loaded.get())) {
                Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "oracle-stop"));
                spec.commandLine().getOut().printf("aiOracle %s serving %s%n", oracle.signer(), oracle.url());
                spec.commandLine().getOut().flush();
                stopped.await();
            }
            return 0;
        }
    }
}
