package io.yielddelta.keeper.ml.train.data;

import io.yielddelta.keeper.core.market.HourlyBar;
import io.yielddelta.keeper.core.market.MarketHistory;
import io.yielddelta.keeper.core.observation.HourObservation;
import io.yielddelta.keeper.ml.feature.ForecastFeatures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One training series: the hours a keeper would have observed of a pool on {@code asset}, rebuilt from
 * {@code ../shared/data} as {@link HourObservation} rows — the same record the backtest's simulator and the daemon
 * produce, so the features are computed by the same code.
 *
 * <p>How each field is rebuilt from history (the data has no per-hour pool state):
 * <ul>
 *   <li>tick: from the hour's close; TWAP tick: the mean of the log open, high, low and close (the geometric-mean
 *       price a time-weighted tick average measures); mark high/low/close: the bar's.
 *   <li>fee yield: the fee tier × the WETH/USDT pool's turnover (volume / TVL) of the previous UTC day × this hour's
 *       share of the previous day's market quote volume. Fees / TVL is the full-range yield as the backtest's fee model
 *       calibrates it; using the previous day keeps every row free of look-ahead. For ETH this is the pool's own
 *       history ({@code feeIsReal}); for other assets the ETH pool's turnover is a proxy shaped by the asset's own
 *       market volume.
 *   <li>active liquidity: the pool's previous-day TVL / (2·√ETH price), the liquidity of an equal full-range position
 *       (only its changes enter the features).
 *   <li>funding: {@link FundingSource}.
 * </ul>
 * Missing hours (exchange outages, at most a few hours) are filled with a flat bar at the last close and no volume.
 */
public final class MarketSeries {

    /**
     * @param name      e.g. "ETH 0.30 %"
     * @param feeIsReal whether the fee yield is the asset's own pool's (ETH) or a proxy
     * @param forVolatility whether its returns count in the volatility evaluation (one series per asset does)
     */
    public record Spec(
            String name,
            String asset,
            Path klines,
            Path poolDays,
            int feePips,
            boolean feeIsReal,
            boolean forVolatility,
            Path ownFunding,
            Path btcDailyFunding) {}

    public record Built(Spec spec, List<HourObservation> rows) {}

    private MarketSeries() {}

    public static Built build(Spec spec) {
        List<HourlyBar> bars = fillGaps(MarketHistory.read(spec.klines()));
        PoolDays pool = PoolDays.read(spec.poolDays());
        FundingSource funding = FundingSource.of(spec.ownFunding(), spec.btcDailyFunding());
        Map<LocalDate, double[]> marketDays = new HashMap<>(); // date → {quote volume, hours}
        for (HourlyBar bar : bars) {
            double[] day = marketDays.computeIfAbsent(date(bar.openTime()), d -> new double[2]);
            day[0] += quoteVolume(bar);
            day[1]++;
        }
        double tier = spec.feePips() / 1_000_000.0;
        List<HourObservation> rows = new ArrayList<>(bars.size());
        for (HourlyBar bar : bars) {
            LocalDate previous = date(bar.openTime()).minusDays(1);
            double[] market = marketDays.get(previous);
            PoolDays.Day poolDay = pool.on(previous);
            Instant hourEnd = bar.openTime().plus(Duration.ofHours(1));
            double fundingRate = funding.ratePerHour(hourEnd);
            if (market == null || market[1] < 24 || market[0] <= 0 || poolDay == null || Double.isNaN(fundingRate)) {
                if (!rows.isEmpty()) {
                    throw new IllegalStateException(
                            spec.name() + ": no previous-day data for " + bar.openTime() + " after the series started");
                }
                continue; // the series starts on the first hour whose previous day is complete
            }
            double close = bar.close().doubleValue();
            double meanLog = (Math.log(bar.open().doubleValue())
                            + Math.log(bar.high().doubleValue())
                            + Math.log(bar.low().doubleValue())
                            + Math.log(close))
                    / 4;
            rows.add(new HourObservation(
                    hourEnd,
                    tick(Math.log(close)),
                    tick(meanLog),
                    tier * poolDay.turnover() * quoteVolume(bar) / market[0],
                    poolDay.tvlUsd() / (2 * Math.sqrt(poolDay.price())),
                    close,
                    bar.high().doubleValue(),
                    bar.low().doubleValue(),
                    fundingRate));
        }
        return new Built(spec, List.copyOf(rows));
    }

    /** The series the shipped models are trained and judged on, from the folder {@code ../shared/data}. */
    public static List<Spec> standard(Path data) {
        Path market = data.resolve("market");
        Path fundingDir = data.resolve("funding");
        Path pools = data.resolve("uniswap-v3/mainnet-weth-usdt-daily");
        Path pool30 = pools.resolve(
                "ethereum_univ3_WETH-USDT_0.30pct_0x4e68ccd3e89f51c3074ca5072bbac773960dfa36_daily_subgraph.csv");
        Path pool05 = pools.resolve(
                "ethereum_univ3_WETH-USDT_0.05pct_0x11b815efb8f581194ae79006d24e0d814b7697f6_daily_subgraph.csv");
        Path btcDaily = fundingDir.resolve("BTC-USDT_binance_daily_mean_2019-2024.csv");
        Path ethFunding = fundingDir.resolve("ETH-USDT_binance_2020-01-01_2024-01-01_funding_history.csv");
        Path btcFunding = fundingDir.resolve("BTC-USDT_binance_2020-01-01_2024-01-01_funding_history.csv");
        return List.of(
                new Spec(
                        "ETH 0.30 %",
                        "ETH", market.resolve("ETHUSDT_1h.csv"), pool30, 3000, true, true, ethFunding, btcDaily),
                new Spec(
                        "ETH 0.05 %",
                        "ETH", market.resolve("ETHUSDT_1h.csv"), pool05, 500, true, false, ethFunding, btcDaily),
                new Spec(
                        "BTC",
                        "BTC",
                        market.resolve("BTCUSDT_1h.csv"),
                        pool30,
                        3000,
                        false,
                        true,
                        btcFunding,
                        btcDaily),
                new Spec("SOL", "SOL", market.resolve("SOLUSDT_1h.csv"), pool30, 3000, false, true, null, btcDaily),
                new Spec("SEI", "SEI", market.resolve("SEIUSDT_1h.csv"), pool30, 3000, false, true, null, btcDaily));
    }

    static List<HourlyBar> fillGaps(List<HourlyBar> bars) {
        List<HourlyBar> filled = new ArrayList<>(bars.size());
        for (HourlyBar bar : bars) {
            if (!filled.isEmpty()) {
                HourlyBar last = filled.getLast();
                for (Instant t = last.openTime().plus(Duration.ofHours(1));
                        t.isBefore(bar.openTime());
                        t = t.plus(Duration.ofHours(1))) {
                    filled.add(new HourlyBar(
                            t, last.close(), last.close(), last.close(), last.close(), java.math.BigDecimal.ZERO));
                }
            }
            filled.add(bar);
        }
        return filled;
    }

    private static double quoteVolume(HourlyBar bar) {
        return bar.volume().doubleValue() * bar.close().doubleValue();
    }

    private static int tick(double logPrice) {
        return (int) Math.round(logPrice / ForecastFeatures.LOG_PRICE_PER_TICK);
    }

    private static LocalDate date(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }
}
