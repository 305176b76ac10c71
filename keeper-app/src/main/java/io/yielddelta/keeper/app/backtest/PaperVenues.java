package io.yielddelta.keeper.app.backtest;

import io.yielddelta.keeper.app.config.BacktestConfig;
import io.yielddelta.keeper.core.backtest.Backtest;
import io.yielddelta.keeper.core.backtest.HedgeSimulation;
import io.yielddelta.keeper.core.backtest.SimulatedVenue;
import io.yielddelta.keeper.core.market.FundingHistory;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.venues.paper.FundingRates;
import io.yielddelta.keeper.venues.paper.PaperConfig;
import io.yielddelta.keeper.venues.paper.PaperVenue;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The backtest's hedge venues: for each hedged vault, its own account on each paper venue it names, charging the
 * configured fees and slippage and the historical funding (the configured rate where the history has none).
 */
final class PaperVenues implements HedgeSimulation.VenueFactory {
    /** ETH-like contract terms: cent ticks, 0.0001 lots, 10 USD minimum, up to 20× (the risk limits cap lower). */
    private static final BigDecimal TICK = new BigDecimal("0.01");
    private static final BigDecimal LOT = new BigDecimal("0.0001");
    private static final BigDecimal MIN_NOTIONAL = BigDecimal.TEN;

    private final BacktestConfig.Hedging hedging;
    private final Map<String, FundingHistory> histories = new LinkedHashMap<>();

    /**
     * Reads every venue's funding file at once, so bad data stops the run before it starts.
     *
     * @throws io.yielddelta.keeper.core.market.MarketDataException naming the file and line of a bad row
     * @throws java.io.UncheckedIOException                          when a file cannot be read
     */
    PaperVenues(BacktestConfig.Hedging hedging, Path dataDir) {
        this.hedging = hedging;
        hedging.venues().forEach((name, account) -> account.funding().ifPresent(f -> histories.put(name,
                FundingHistory.read(dataDir.resolve(f.file()), f.intervalHours(), f.utcOffsetHours()))));
    }

    @Override
    public List<SimulatedVenue> open(Backtest.VaultSpec vault, Clock clock) {
        List<String> names = hedging.venuesByVault().getOrDefault(vault.name(), List.of());
        return names.stream().<SimulatedVenue>map(name -> {
            BacktestConfig.PaperAccount account = hedging.venues().get(name);
            PaperConfig config = new PaperConfig(List.of(new Instrument(hedging.market(), TICK, LOT, MIN_NOTIONAL, 20)),
                    account.takerFeeBps(), account.makerFeeBps(), account.slippageBps(), account.collateralUsd(),
                    account.leverage());
            return new PaperVenue(name, config, rates(name, account), clock);
        }).toList();
    }

    private FundingRates rates(String name, BacktestConfig.PaperAccount account) {
        FundingHistory history = histories.get(name);
        if (history == null) {
            return FundingRates.constant(account.ratePerHour());
        }
        return (market, hour) -> {
            BigDecimal rate = history.hourlyRate(hour);
            return rate == null ? account.ratePerHour() : rate;
        };
    }

    @Override
    public String describe() {
        return "paper venues, one account per hedged vault: " + hedging.venues().values().stream().map(account -> {
            FundingHistory history = histories.get(account.name());
            String funding = history == null ? "funding " + account.ratePerHour().toPlainString() + " per hour"
                    : "funding from " + account.funding().orElseThrow().file() + " (" + history.first() + " to "
                            + history.last() + "), else " + account.ratePerHour().toPlainString() + " per hour";
            return account.name() + " (taker " + account.takerFeeBps().toPlainString() + " bp, maker "
                    + account.makerFeeBps().toPlainString() + " bp, slippage " + account.slippageBps().toPlainString()
                    + " bp, collateral " + account.collateralUsd().toPlainString() + " USD at up to "
                    + account.leverage() + "×, " + funding + ")";
        }).collect(Collectors.joining("; "));
    }
}
