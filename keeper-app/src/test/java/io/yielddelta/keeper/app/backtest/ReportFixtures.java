package io.yielddelta.keeper.app.backtest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.yielddelta.keeper.core.backtest.BacktestResult;
import io.yielddelta.keeper.core.backtest.HourSample;
import io.yielddelta.keeper.core.backtest.Variant;
import io.yielddelta.keeper.core.backtest.VaultMetrics;
import io.yielddelta.keeper.core.market.HourlyBar;
import io.yielddelta.keeper.core.market.MarketHistory;

/** A result shaped like a real backtest's, over real ETH prices, for testing the reports (not the simulation). */
final class ReportFixtures {
    private ReportFixtures() {}

    static BacktestResult ninetyDaysOfEth() {
        List<HourlyBar> bars = MarketHistory.read(Path.of(System.getProperty("shared.dir", "../../shared"),
                "data/market/ETHUSDT_1h.csv")).subList(0, 90 * 24);
        Map<Variant, BacktestResult.Run> runs = new LinkedHashMap<>();
        for (Variant variant : Variant.values()) {
            runs.put(variant, new BacktestResult.Run(metrics(variant), samples(bars, variant)));
        }
        Map<String, String> assumptions = new LinkedHashMap<>();
        assumptions.put("fee income", "volume share of active liquidity × pool fee 0.30 %");
        assumptions.put("gas per rebalance", "0.01 USD");
        return new BacktestResult(bars.getFirst().openTime(), bars.getLast().openTime(), assumptions,
                List.of(new BacktestResult.VaultResult("eth-delta-neutral", "DELTA_NEUTRAL", runs),
                        new BacktestResult.VaultResult("eth-concentrated", "CONCENTRATED_LIQUIDITY", runs)));
    }

    private static VaultMetrics metrics(Variant variant) {
        double k = variant.ordinal() + 1;
        return new VaultMetrics(8.5 / k, 1.0, 14.0 / k, -3.1, 2.9, -0.4, -0.3, -0.05, 99.4, 1.2, 93.5, 0.12, 1, 40, 210);
    }

    private static List<HourSample> samples(List<HourlyBar> bars, Variant variant) {
        List<HourSample> samples = new ArrayList<>();
        double value = 1_000_000;
        for (int i = 0; i < bars.size(); i++) {
            double price = bars.get(i).close().doubleValue();
            double range = variant == Variant.HODL ? Double.NaN : price * (i % 500 < 250 ? 0.9 : 0.92);
            samples.add(new HourSample(bars.get(i).openTime(), price, range, variant == Variant.HODL ? Double.NaN : range * 1.2,
                    Math.sin(i / 40.0) * 4, 5, value + i * 3, i * 4.0, -i * 1.5, i * 1.4, -i * 0.2, i * 0.1, i * 0.01));
        }
        return samples;
    }
}
