package io.yielddelta.keeper.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.app.config.BacktestConfig;
import io.yielddelta.keeper.core.backtest.Backtest;
import io.yielddelta.keeper.core.backtest.BacktestResult;
import io.yielddelta.keeper.core.backtest.SimulatedVenue;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.venues.testing.MutableClock;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backtest's paper venues: funding as known at the time, and the hours charged the configured rate. */
class PaperVenuesTest {
    @TempDir
    Path dir;

    /**
     * 8-hourly funding settled at 00:00 (0.8 %) and 08:00 (−1.6 %): between them the venue charges the 08:00
     * interval's rate each hour (it settles at 08:00 for those hours), but what anyone could read at 03:00 is the
     * 00:00 one; after the file, the configured rate.
     */
    @Test
    void theFundingRateAVenueShowsIsTheLastSettledOneNotTheRunningIntervals() throws Exception {
        Files.writeString(dir.resolve("funding.csv"), """
                Symbol,Date,Funding Rate
                ETH-USDT,2022-01-01 00:00:00,0.008
                ETH-USDT,2022-01-01 08:00:00,-0.016
                """);
        PaperVenues venues = new PaperVenues(
                hedging(Optional.of(new BacktestConfig.FundingFile(Path.of("funding.csv"), 8, 0))), dir);
        MutableClock clock = new MutableClock(Instant.parse("2022-01-01T00:00:00Z"));
        SimulatedVenue venue = venues.open(spec(), clock).getFirst();
        clock.advance(Duration.ofHours(3));
        assertThat(venue.fundingRate("ETH").ratePerHour()).isEqualByComparingTo("0.001");
        clock.advance(Duration.ofHours(5));
        assertThat(venue.fundingRate("ETH").ratePerHour()).isEqualByComparingTo("-0.002");
        clock.advance(Duration.ofHours(8));
        assertThat(venue.fundingRate("ETH").ratePerHour()).isEqualByComparingTo("0.00005");

        // What it charges for those hours is the 08:00 rate: a 1 ETH short at 2,000 pays 0.002 × 2,000 an hour.
        SimulatedVenue charged = venues.open(spec(), new MutableClock(Instant.parse("2022-01-01T00:00:00Z")))
                .getFirst();
        charged.setMark("ETH", BigDecimal.valueOf(2000));
        charged.place(new OrderRequest(
                "ETH", Side.SELL, BigDecimal.ONE, null, OrderType.MARKET_IOC, false, ClientOrderId.of("t")));
        charged.advanceTo(Instant.parse("2022-01-01T08:00:00Z"));
        assertThat(charged.fundingPaid()).isEqualByComparingTo("32");
    }

    @Test
    void theHoursWithoutFundingHistoryAreListedPerVenue() throws Exception {
        Files.writeString(dir.resolve("funding.csv"), """
                Symbol,Date,Funding Rate
                ETH-USDT,2022-01-01 08:00:00,0.008
                ETH-USDT,2022-01-01 16:00:00,0.008
                """);
        PaperVenues venues = new PaperVenues(
                hedging(Optional.of(new BacktestConfig.FundingFile(Path.of("funding.csv"), 8, 0))), dir);
        List<BacktestResult.FundingFallback> spans =
                venues.fallbacks(Instant.parse("2022-01-01T00:00:00Z"), Instant.parse("2022-01-02T00:00:00Z"));
        // The file covers the hours ending 01:00 to 16:00; the rest of the day took the configured rate.
        assertThat(spans)
                .containsExactly(new BacktestResult.FundingFallback(
                        "paper", Instant.parse("2022-01-01T17:00:00Z"), Instant.parse("2022-01-02T00:00:00Z"), 8));
    }

    private static BacktestConfig.Hedging hedging(Optional<BacktestConfig.FundingFile> file) {
        Map<String, BacktestConfig.PaperAccount> venues = new LinkedHashMap<>();
        venues.put(
                "paper",
                new BacktestConfig.PaperAccount(
                        "paper",
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        BigDecimal.valueOf(100_000),
                        5,
                        file,
                        new BigDecimal("0.00005")));
        BacktestConfig.Hedging h = HedgedBacktestTest.CONFIG.hedging().orElseThrow();
        return new BacktestConfig.Hedging(
                "ETH",
                h.band(),
                h.tickSize(),
                h.lotSize(),
                h.limits(),
                h.fundingHorizon(),
                h.switchingCost(),
                venues,
                Map.of("v", List.of("paper")));
    }

    private static Backtest.VaultSpec spec() {
        Backtest.VaultSpec any = HedgedBacktestTest.CONFIG.vaults().get(1);
        return new Backtest.VaultSpec("v", any.kind(), any.policy(), any.guards());
    }
}
