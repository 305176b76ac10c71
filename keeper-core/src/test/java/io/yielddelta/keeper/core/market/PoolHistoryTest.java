package io.yielddelta.keeper.core.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolHistoryTest {
    static final Path DAILY =
            Path.of(System.getProperty("shared.dir", "../../shared"), "data/uniswap-v3/mainnet-weth-usdt-daily");
    private static final String HEADER =
            "date,date_unix,volumeUSD,tvlUSD,token0Price,token1Price,open,high,low,close\n";

    @TempDir
    Path dir;

    @Test
    void readsBothSharedFeeTiersDayByDay() throws Exception {
        try (var files = Files.list(DAILY)) {
            for (Path file : files.toList()) {
                List<PoolHistory.PoolDay> days = PoolHistory.read(file);
                assertThat(days.getFirst().date()).isEqualTo(LocalDate.parse("2021-05-05"));
                assertThat(days.getLast().date()).isEqualTo(LocalDate.parse("2024-12-31"));
                assertThat(days).hasSize((int) (days.getLast().date().toEpochDay()
                        - days.getFirst().date().toEpochDay()
                        + 1));
            }
        }
    }

    @Test
    void badRowsNameTheFileLineAndDay() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), HEADER + "2022-01-01,1,100,50\n2022-01-02,1,lots,50\n");
        assertThatThrownBy(() -> PoolHistory.read(bad))
                .isInstanceOf(MarketDataException.class)
                .hasMessageContaining("bad.csv:3 (2022-01-02)")
                .hasMessageContaining("unparsable");
        Path empty = Files.writeString(dir.resolve("empty.csv"), HEADER + "2022-01-01,1,100,0\n");
        assertThatThrownBy(() -> PoolHistory.read(empty))
                .hasMessageContaining("empty.csv:2")
                .hasMessageContaining("tvlUSD");
        Path backwards =
                Files.writeString(dir.resolve("back.csv"), HEADER + "2022-01-02,1,100,5\n2022-01-01,1,100,5\n");
        assertThatThrownBy(() -> PoolHistory.read(backwards))
                .hasMessageContaining("back.csv:3")
                .hasMessageContaining("do not move forward");
        Path headerless = Files.writeString(dir.resolve("headerless.csv"), "2022-01-01,1,100,5\n");
        assertThatThrownBy(() -> PoolHistory.read(headerless)).hasMessageContaining("headerless.csv:1");
    }
}
