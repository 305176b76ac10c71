package io.yielddelta.keeper.app.cli;

import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.app.daemon.ChainGatewayFactory;
import io.yielddelta.keeper.app.daemon.KeeperDaemon;
import io.yielddelta.keeper.app.venue.VenueFactory;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the keeper: reconciles the journal, then each vault's cycle on its schedule, until stopped.")
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the deployment's YAML file")
    Path config;

    @Option(names = "--instance-id", paramLabel = "ID",
            description = "this keeper's name in a cluster (default: host name and process id)")
    String instanceId;

    @Override
    public Integer call() throws InterruptedException {
        Optional<KeeperConfig> loaded = ConfigOption.load(config, spec.commandLine().getErr());
        if (loaded.isEmpty()) {
            return ConfigOption.BAD_CONFIG;
        }
        String id = instanceId != null ? instanceId : ManagementFactory.getRuntimeMXBean().getName();
        CountDownLatch stopped = new CountDownLatch(1);
        try (KeeperDaemon daemon = new KeeperDaemon(loaded.get(), ChainGatewayFactory.installed(), Clock.systemUTC())) {
            Thread hook = new Thread(() -> {
                daemon.close();
                stopped.countDown();
            }, "keeper-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            daemon.reconcile(Duration.ofSeconds(30));
            daemon.startHedging(new VenueFactory(Clock.systemUTC()));
            daemon.schedule(id, Duration.ofSeconds(15));
            stopped.await();
        }
        return 0;
    }
}
