package io.yielddelta.keeper.core.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FundingHistoryTest {
    static final Path FUNDING = Path.of(System.getProperty("shared.dir", "../../shared"), "data/funding");

    @TempDir
    Path dir;

    @Test
    void spreadsAnEightHourRateOverTheHoursBeforeItsSettlementInUtc() throws Exception {
        // Binance rows are written in UTC+3: "2020-01-01 03:00:00.000" settled at midnight UTC.
        FundingHistory binance = FundingHistory.read(
                FUNDING.resolve("ETH-USDT_binance_2020-01-01_2024-01-01_funding_history.csv"), 8, 3);
        assertThat(binance.first()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        // The second row, 0.00007354 at 11:00 UTC+3 = 08:00 UTC, covers 01:00 to 08:00 UTC.
        BigDecimal perHour = new BigDecimal("0.00007354").divide(BigDecimal.valueOf(8));
        assertThat(binance.hourlyRate(Instant.parse("2020-01-01T01:00:00Z"))).isEqualByComparingTo(perHour);
        assertThat(binance.hourlyRate(Instant.parse("2020-01-01T08:00:00Z"))).isEqualByComparingTo(perHour);
        assertThat(binance.hourlyRate(Instant.parse("2019-12-31T16:00:00Z")))
                .as("before the first interval")
                .isNull();
        assertThat(binance.hourlyRate(binance.last().plusSeconds(3600)))
                .as("after the file")
                .isNull();
    }

    @Test
    void whatHasSettledByATimeIsTheLatestSettlementsRateNotTheRunningIntervals() {
        FundingHistory binance = FundingHistory.read(
                FUNDING.resolve("ETH-USDT_binance_2020-01-01_2024-01-01_funding_history.csv"), 8, 3);
        BigDecimal first = new BigDecimal("0.0001").divide(BigDecimal.valueOf(8));
        BigDecimal second = new BigDecimal("0.00007354").divide(BigDecimal.valueOf(8));
        // At 07:30 UTC the 08:00 settlement (0.00007354) is still to come: the 00:00 one is what is known.
        assertThat(binance.settledRate(Instant.parse("2020-01-01T07:30:00Z"))).isEqualByComparingTo(first);
        assertThat(binance.hourlyRate(Instant.parse("2020-01-01T08:00:00Z"))).isEqualByComparingTo(second);
        assertThat(binance.settledRate(Instant.parse("2020-01-01T08:00:00Z"))).isEqualByComparingTo(second);
        assertThat(binance.settledRate(Instant.parse("2019-12-31T23:00:00Z")))
                .as("before the first")
                .isNull();
        assertThat(binance.settledRate(binance.last().plusSeconds(8 * 3600)))
                .as("after the file")
                .isNull();
    }

    @Test
    void readsHourlyDydxRatesAsTheyAre() {
        FundingHistory dydx =
                FundingHistory.read(FUNDING.resolve("ETH-USDT_dydx_2022-01-01_2024-01-01_funding_history.csv"), 1, 0);
        assertThat(dydx.hourlyRate(Instant.parse("2022-01-01T01:00:00Z"))).isEqualByComparingTo("0.0000412980");
        assertThat(dydx.last()).isEqualTo(Instant.parse("2023-12-31T23:00:00Z"));
    }

    @Test
    void badRowsAndTimeGoingBackNameTheFileAndLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), """
                Symbol,Date,Funding Rate
                ETH-USDT,2022-01-01 00:00:00,0.0001
                ETH-USDT,2022-01-01 01:00:00,x
                """);
        assertThatThrownBy(() -> FundingHistory.read(bad, 1, 0))
                .isInstanceOf(MarketDataException.class)
                .hasMessageContaining("bad.csv:3 (2022-01-01 01:00:00)");
        Path backwards = Files.writeString(dir.resolve("backwards.csv"), """
                Symbol,Date,Funding Rate
                ETH-USDT,2022-01-01 01:00:00,0.0001
                ETH-USDT,2022-01-01 00:00:00,0.0001
                """);
        assertThatThrownBy(() -> FundingHistory.read(backwards, 1, 0))
                .hasMessageContaining("backwards.csv:3")
                .hasMessageContaining("does not move forward");
        Path headerless = Files.writeString(dir.resolve("headerless.csv"), "2022-01-01,0.1\n");
        assertThatThrownBy(() -> FundingHistory.read(headerless, 1, 0)).hasMessageContaining("headerless.csv:1");
    }
}
