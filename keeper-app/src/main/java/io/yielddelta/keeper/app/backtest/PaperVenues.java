package io.yielddelta.keeper.app.backtest;

import io.yielddelta.keeper.app.config.BacktestConfig;
import io.yielddelta.keeper.core.backtest.Backtest;
import io.yielddelta.keeper.core.backtest.BacktestResult;
import io.yielddelta.keeper.core.backtest.ForwardingSimulatedVenue;
import io.yielddelta.keeper.core.backtest.HedgeSimulation;
import io.yielddelta.keeper.core.backtest.SimulatedVenue;
import io.yielddelta.keeper.core.market.FundingHistory;
import io.yielddelta.keeper.core.venue.FundingRate;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.venues.paper.FundingRates;
import io.yielddelta.keeper.venues.paper.PaperConfig;
import io.yielddelta.keeper.venues.paper.PaperVenue;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The backtest's hedge venues: for each hedged vault, its own account on each paper venue it names, charging the
 * configured fees and slippage and the historical funding (the configured rate where the history has none). The
 * venue's funding rate, as the Arbitrage selector asks for it, is the last one settled by then: a paper venue alone
 * would show the rate of the interval still running, up to seven hours before it settles.
 */
final class PaperVenues implements HedgeSimulation.VenueFactory {
    private static final BigDecimal MIN_NOTIONAL = BigDecimal.TEN;
    private static final Duration HOUR = Duration.ofHours(1);

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
        hedging.venues()
                .forEach((name, account) -> account.funding()
                        .ifPresent(f -> histories.put(
                                name,
                                FundingHistory.read(
                                        dataDir.resolve(f.file()), f.intervalHours(), f.utcOffsetHours()))));
    }

    @Override
    public List<SimulatedVenue> open(Backtest.VaultSpec vault, Clock clock) {
        List<String> names = hedging.venuesByVault().getOrDefault(vault.name(), List.of());
        return names.stream()
                .<SimulatedVenue>map(name -> {
                    BacktestConfig.PaperAccount account = hedging.venues().get(name);
                    PaperConfig config = new PaperConfig(
                            List.of(new Instrument(
                                    hedging.market(), hedging.tickSize(), hedging.lotSize(), MIN_NOTIONAL, 20)),
                            account.takerFeeBps(),
                            account.makerFeeBps(),
                            account.slippageBps(),
                            account.collateralUsd(),
                            account.leverage());
                    return new SettledFunding(
                            new PaperVenue(name, config, charged(name, account), clock),
                            histories.get(name),
                            account.ratePerHour(),
                            clock);
                })
                .toList();
    }

    /** What the venue charges for each hour: the history's rate for the interval the hour falls in, else the fallback. */
    private FundingRates charged(String name, BacktestConfig.PaperAccount account) {
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
    public List<BacktestResult.FundingFallback> fallbacks(Instant from, Instant to) {
        List<BacktestResult.FundingFallback> spans = new ArrayList<>();
        for (BacktestConfig.PaperAccount account : hedging.venues().values()) {
            if (hedging.venuesByVault().values().stream().noneMatch(names -> names.contains(account.name()))) {
                continue;
            }
            FundingHistory history = histories.get(account.name());
            Instant start = null;
            // The venue charges at each whole hour after the start, for the hour before it.
            Instant hour = from.plus(HOUR);
            for (; !hour.isAfter(to); hour = hour.plus(HOUR)) {
                boolean fallback = history == null || history.hourlyRate(hour) == null;
                if (fallback && start == null) {
                    start = hour;
                } else if (!fallback && start != null) {
                    spans.add(span(account.name(), start, hour));
                    start = null;
                }
            }
            if (start != null) {
                spans.add(span(account.name(), start, hour));
            }
        }
        return List.copyOf(spans);
    }

    private static BacktestResult.FundingFallback span(String venue, Instant first, Instant end) {
        return new BacktestResult.FundingFallback(
                venue, first, end.minus(HOUR), Duration.between(first, end).toHours());
    }

    @Override
    public String describe() {
        return "paper venues, one account per hedged vault: "
                + hedging.venues().values().stream()
                        .map(account -> {
                            FundingHistory history = histories.get(account.name());
                            String funding = history == null
                                    ? "funding " + account.ratePerHour().toPlainString() + " per hour"
                                    : "funding from "
                                            + account.funding().orElseThrow().file() + " (" + history.first() + " to "
                                            + history.last() + "), else "
                                            + account.ratePerHour().toPlainString() + " per hour";
                            return account.name() + " (taker "
                                    + account.takerFeeBps().toPlainString() + " bp, maker "
                                    + account.makerFeeBps().toPlainString() + " bp, slippage "
                                    + account.slippageBps().toPlainString()
                                    + " bp, collateral "
                                    + account.collateralUsd().toPlainString() + " USD at up to "
                                    + account.leverage() + "×, " + funding + ")";
                        })
                        .collect(Collectors.joining("; "));
    }

    /** A paper venue whose funding rate is the last one settled at the clock's time (the fallback where none is). */
    private static final class SettledFunding extends ForwardingSimulatedVenue {
        private final FundingHistory history;
        private final BigDecimal fallback;
        private final Clock clock;

        SettledFunding(SimulatedVenue venue, FundingHistory history, BigDecimal fallback, Clock clock) {
            super(venue);
            this.history = history;
            this.fallback = fallback;
            this.clock = clock;
        }

        @Override
        public FundingRate fundingRate(String market) {
            instrument(market);
            Instant now = clock.instant();
            BigDecimal settled = history == null ? null : history.settledRate(now);
            return new FundingRate(market, settled == null ? fallback : settled, now);
        }
    }
}
