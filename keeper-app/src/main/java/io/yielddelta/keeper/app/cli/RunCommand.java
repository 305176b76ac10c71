package io.yielddelta.keeper.app.cli;

import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.app.daemon.ChainGatewayFactory;
import io.yielddelta.keeper.app.daemon.KeeperDaemon;
import io.yielddelta.keeper.app.observability.LogFormat;
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

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description =
                "Runs the keeper: reconciles the journal, then each vault's cycle on its schedule, until stopped.")
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the deployment's YAML file")
    Path config;

    @Option(
            names = "--instance-id",
            paramLabel = "ID",
            description = "this keeper's name in a cluster (default: host name and process id)")
    String instanceId;

    @Override
    public Integer call() throws InterruptedException {
        Optional<KeeperConfig> loaded =
                ConfigOption.load(config, spec.commandLine().getErr());
        if (loaded.isEmpty()) {
            return ConfigOption.BAD_CONFIG;
        }
        LogFormat.apply(loaded.get().observability().logFormat());
        String id = instanceId != null
                ? instanceId
                : ManagementFactory.getRuntimeMXBean().getName();
        CountDownLatch stopped = new CountDownLatch(1);
        Clock clock = Clock.systemUTC();
        try (KeeperDaemon daemon = new KeeperDaemon(
                loaded.get(),
                ChainGatewayFactory.installed(),
                new VenueFactory(clock),
                clock,
                new KeeperDaemon.Options(id, Duration.ofSeconds(15), Duration.ofSeconds(30)))) {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                stopped.countDown();
                                daemon.close();
                            },
                            "keeper-shutdown"));
            try {
                daemon.start();
            } catch (Exception e) {
                if (stopped.getCount() == 0) {
                    return 0;
                }
                spec.commandLine().getErr().println("the keeper could not start: " + e.getMessage());
                return 1;
            }
            stopped.await();
        }
        return 0;
    }
}
