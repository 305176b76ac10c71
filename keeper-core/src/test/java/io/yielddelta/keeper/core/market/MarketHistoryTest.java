package io.yielddelta.keeper.core.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarketHistoryTest {
    private static final String HEADER =
            "open_time_ms,open,high,low,close,volume,quote_volume,trades,taker_buy_base_volume\n";

    @TempDir
    Path dir;

    @Test
    void readsTheSharedEthHistoryInOrderWithOnlyShortGaps() {
        Path eth = Path.of(System.getProperty("shared.dir", "../../shared"), "data/market/ETHUSDT_1h.csv");
        List<HourlyBar> bars = MarketHistory.read(eth);
        assertThat(bars).hasSizeGreaterThan(3 * 365 * 24 - 48);
        assertThat(bars.getFirst().openTime()).isBefore(bars.getLast().openTime());
        assertThat(bars).allSatisfy(b -> assertThat(b.low()).isLessThanOrEqualTo(b.high()));
    }

    @Test
    void readsTheSeiLayoutByItsHeader() throws IOException {
        Path file = write(
                "timestamp,open,high,low,close,volume,datetime\n1692266400000,0.2,0.25,0.19,0.21,1000,2023-08-17 10:00:00\n");
        assertThat(MarketHistory.read(file))
                .singleElement()
                .satisfies(b -> assertThat(b.close()).isEqualByComparingTo("0.21"));
    }

    @Test
    void namesFileLineAndTimestampOfAnUnparsableRow() throws IOException {
        Path file = write(HEADER + "1640995200000,1,1,1,1,1,1,1,1\n1640998800000,1,1,abc,1,1,1,1,1\n");
        assertThatThrownBy(() -> MarketHistory.read(file))
                .isInstanceOf(MarketDataException.class)
                .hasMessageContaining(file + ":3")
                .hasMessageContaining("1640998800000")
                .hasMessageContaining("unparsable");
    }

    @Test
    void rejectsTimeThatDoesNotMoveForward() throws IOException {
        Path file = write(HEADER + "1640998800000,1,1,1,1,1,1,1,1\n1640995200000,1,1,1,1,1,1,1,1\n");
        assertThatThrownBy(() -> MarketHistory.read(file))
                .hasMessageContaining(":3")
                .hasMessageContaining("does not move forward");
    }

    @Test
    void keepsGapsUpToTheLimitAndRejectsLongerOnesWithFileAndLine() throws IOException {
        // A 4 h outage (open times 00:00 then 04:00) is kept; by default up to 24 h are.
        Path file = write(HEADER + "1640995200000,1,1,1,1,1,1,1,1\n1641009600000,1,1,1,1,1,1,1,1\n");
        assertThat(MarketHistory.read(file)).hasSize(2);
        assertThatThrownBy(() -> MarketHistory.read(file, Duration.ofHours(3)))
                .hasMessageContaining(file + ":3")
                .hasMessageContaining("gap of 4 h");
        Path day = write(HEADER + "1640995200000,1,1,1,1,1,1,1,1\n1641085200000,1,1,1,1,1,1,1,1\n");
        assertThatThrownBy(() -> MarketHistory.read(day))
                .hasMessageContaining(day + ":3")
                .hasMessageContaining("gap of 25 h");
    }

    @Test
    void rejectsNonPositivePrices() throws IOException {
        Path file = write(HEADER + "1640995200000,1,1,1,0,1,1,1,1\n");
        assertThatThrownBy(() -> MarketHistory.read(file)).hasMessageContaining("price must be positive");
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve("bars.csv");
        Files.writeString(file, content);
        return file;
    }
}
