package io.yielddelta.keeper.app.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.core.market.HourlyBar;
import io.yielddelta.keeper.core.market.MarketHistory;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxWorldIT {

    @Test
    void replaysRealHistoryIntoThePoolHourByHour() {
        Path eth = Path.of(System.getProperty("shared.dir", "../../shared"), "data/market/ETHUSDT_1h.csv");
        List<HourlyBar> day =
                MarketHistory.read(eth).stream().skip(2 * 365 * 24).limit(24).toList();
        try (SandboxWorld world = SandboxWorld.start(day.getFirst().close())) {
            for (HourlyBar bar : day) {
                assertThat(world.replay(bar, Duration.ZERO)).isTrue();
                // The swap stops at the bar's sqrt price, rounded down: equal to well under a basis point.
                assertThat(world.poolPrice().subtract(bar.close()).abs())
                        .isLessThan(bar.close().multiply(new BigDecimal("0.000001")));
            }
            world.stop();
            assertThat(world.replay(day.getLast(), Duration.ZERO)).isFalse();
        }
    }
}
