package io.yielddelta.keeper.app.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.core.cycle.JournalEntry;
import io.yielddelta.keeper.core.cycle.JournalStatus;
import io.yielddelta.keeper.core.market.HourlyBar;
import io.yielddelta.keeper.core.market.MarketHistory;
import io.yielddelta.keeper.core.policy.Action;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxKeeperIT {

    @Test
    void theScheduledKeeperRebalancesTheSandboxVaultOnChainAndItsHedgeKeepsTheBandOver48RealHours() throws Exception {
        Path eth = Path.of(System.getProperty("shared.dir", "../../shared"), "data/market/ETHUSDT_1h.csv");
        // 2024-03-04/05: ETH ran from ~3,400 to ~3,800 and back, so the range must follow the price.
        List<HourlyBar> hours = MarketHistory.read(eth).stream()
                .filter(b -> !b.openTime().isBefore(java.time.Instant.parse("2024-03-04T00:00:00Z")))
                .limit(48)
                .toList();
        try (SandboxWorld world = SandboxWorld.start(hours.getFirst().close())) {
            SandboxHedge hedge = new SandboxHedge(hours.getFirst().openTime(), world.wethIsToken0());
            try (SandboxKeeper keeper = SandboxKeeper.start(world, Duration.ofSeconds(1), hedge, hedge.clock())) {
                for (HourlyBar bar : hours) {
                    assertThat(world.replay(bar, Duration.ofMillis(1100))).isTrue();
                    hedge.hour(bar, keeper);
                }
                System.out.println(hedge.summary());
                assertThat(hedge.hours()).isEqualTo(48);
                assertThat(100.0 * hedge.hoursWithinBand() / hedge.hours()).isGreaterThanOrEqualTo(99.0);
                // Short the vault's ETH: a delta-neutral vault holding about 10 ETH of exposure.
                assertThat(hedge.position()).isNegative();
                List<JournalEntry> journal = keeper.journal();
                List<JournalEntry> rebalances = journal.stream()
                        .filter(e -> e.action() == Action.REBALANCE)
                        .toList();
                assertThat(rebalances)
                        .as("journal %s", journal)
                        .isNotEmpty()
                        .allMatch(e -> e.status() == JournalStatus.CONFIRMED, "confirmed on chain");
                assertThat(rebalances).allMatch(e -> e.minedHash().isPresent());
            }
        }
    }
}
