package io.yielddelta.keeper.app.sandbox;

import io.yielddelta.keeper.core.market.HourlyBar;
import io.yielddelta.keeper.core.market.MarketHistory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keeper sandbox}: a local anvil chain with the real Uniswap V3 contracts, an ETH/USDC pool at the first
 * historical price with a YieldDeltaVault on it, the real hourly price path replayed into it by swaps (accelerated),
 * and the real keeper daemon rebalancing the vault on its schedule. Ctrl-C stops everything.
 */
@Command(
        name = "sandbox",
        mixinStandardHelpOptions = true,
        description = "Run the keeper against a local chain replaying real market history.")
public final class SandboxCommand implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(SandboxCommand.class);

    @Option(
            names = "--data",
            description = "Hourly kline CSV to replay (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:KEEPER_SHARED_DIR:-../shared}/data/market/ETHUSDT_1h.csv")
    Path data;

    @Option(
            names = "--from",
            description = "First historical day to replay, UTC (default: ${DEFAULT-VALUE}).",
            defaultValue = "2024-01-01")
    LocalDate from;

    @Option(
            names = "--hours",
            description = "Historical hours to replay; 0 = to the end of the file (default: ${DEFAULT-VALUE}).",
            defaultValue = "0")
    int hours;

    @Option(
            names = "--step",
            description = "Wall time per historical hour, e.g. 2s or 500ms (default: ${DEFAULT-VALUE}).",
            defaultValue = "2s",
            converter = DurationConverter.class)
    Duration step;

    @Override
    public void run() {
        List<HourlyBar> bars = MarketHistory.read(data).stream()
                .filter(b ->
                        !b.openTime().isBefore(from.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .limit(hours > 0 ? hours : Long.MAX_VALUE)
                .toList();
        if (bars.isEmpty()) {
            throw new IllegalArgumentException("no bars in " + data + " from " + from);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (SandboxWorld world = SandboxWorld.start(bars.getFirst().close())) {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                world.stop();
                                try {
                                    stopped.await();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            },
                            "sandbox-stop"));
            world.printAddresses(System.out);
            SandboxHedge hedge = new SandboxHedge(bars.getFirst().openTime(), world.wethIsToken0());
            try (SandboxKeeper keeper = SandboxKeeper.start(world, step, hedge, hedge.clock())) {
                System.out.printf(
                        "%n  dashboard     %s%n  metrics       %s%n  admin token   in %s (the dashboard's buttons ask"
                                + " for it)%n%n",
                        keeper.dashboardUrl(), keeper.metricsUrl(), keeper.adminTokenFile());
                System.out.flush();
                log.info(
                        "replaying {} hours of {} from {} at one hour per {}; the keeper runs a cycle every {}",
                        bars.size(),
                        data.getFileName(),
                        bars.getFirst().openTime(),
                        step,
                        SandboxKeeper.cron(step));
                for (HourlyBar bar : bars) {
                    if (!world.replay(bar, step)) {
                        break;
                    }
                    hedge.hour(bar, keeper);
                }
                log.info(hedge.summary());
                world.awaitStop(
                        "replay finished; the chain and the keeper stay up at " + world.rpcUrl() + " until Ctrl-C");
            } catch (Exception e) {
                throw new IllegalStateException("sandbox failed: " + e.getMessage(), e);
            }
        } finally {
            stopped.countDown();
        }
    }

    /** Accepts 2s, 500ms, 1m. */
    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase();
            if (v.endsWith("ms")) return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            if (v.endsWith("s"))
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            if (v.endsWith("m")) return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            throw new IllegalArgumentException("expected a duration like 2s, 500ms or 1m, got '" + value + "'");
        }
    }
}
