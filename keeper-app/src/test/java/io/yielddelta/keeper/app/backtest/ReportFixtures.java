package io.yielddelta.keeper.app.backtest;

import io.yielddelta.keeper.core.backtest.BacktestResult;
import io.yielddelta.keeper.core.backtest.HourSample;
import io.yielddelta.keeper.core.backtest.Variant;
import io.yielddelta.keeper.core.backtest.VaultMetrics;
import io.yielddelta.keeper.core.market.HourlyBar;
import io.yielddelta.keeper.core.market.MarketHistory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A result shaped like a real backtest's, over real ETH prices, for testing the reports (not the simulation). */
final class ReportFixtures {
    private ReportFixtures() {}

    /** Two vaults over 90 days, one seed; with {@code seeds} > 1 the same result twice and a spread beside it. */
    static SeedRuns ninetyDaysOfEth(int seeds) {
        List<HourlyBar> bars = MarketHistory.read(
                        Path.of(System.getProperty("shared.dir", "../../shared"), "data/market/ETHUSDT_1h.csv"))
                .subList(0, 90 * 24);
        Map<Variant, BacktestResult.Run> runs = new LinkedHashMap<>();
        for (Variant variant : Variant.values()) {
            runs.put(
                    variant,
                    new BacktestResult.Run(
                            metrics(variant, 1),
                            Map.of(2022, metrics(variant, 1)),
                            new BacktestResult.Attribution(-1000, 200, 3000, -2500, -100, -1, 900, -50, -300, 120),
                            new BacktestResult.EndState(
                                    bars.getLast().close(),
                                    BigInteger.TEN.pow(15),
                                    Optional.empty(),
                                    BigInteger.ONE,
                                    BigInteger.ONE,
                                    BigInteger.ZERO,
                                    BigInteger.ZERO,
                                    List.of(BigDecimal.TEN),
                                    1.5e6,
                                    1),
                            new BacktestResult.Daily(List.of(1.0, 2.0), List.of(0.5, 0.5)),
                            samples(bars, variant)));
        }
        Map<String, String> assumptions = new LinkedHashMap<>();
        assumptions.put("fee income", "volume share of active liquidity × pool fee 0.30 %");
        assumptions.put("gas per rebalance", "0.01 USD");
        BacktestResult result = new BacktestResult(
                bars.getFirst().openTime(),
                bars.getLast().openTime(),
                assumptions,
                List.of(
                        new BacktestResult.VaultResult("eth-delta-neutral", "DELTA_NEUTRAL", runs),
                        new BacktestResult.VaultResult("eth-concentrated", "CONCENTRATED_LIQUIDITY", runs)),
                List.of(new BacktestResult.Gap(
                        Instant.parse("2022-02-01T05:00:00Z"), Instant.parse("2022-02-01T09:00:00Z"), 4)),
                List.of(new BacktestResult.FundingFallback(
                        "hyperliquid",
                        Instant.parse("2022-03-01T00:00:00Z"),
                        Instant.parse("2022-03-31T23:00:00Z"),
                        744)),
                0);
        if (seeds == 1) {
            return new SeedRuns(1, result, Map.of());
        }
        Map<Variant, VaultMetrics> spread = new LinkedHashMap<>();
        runs.keySet().forEach(v -> spread.put(v, metrics(v, 0.1)));
        return new SeedRuns(seeds, result, Map.of("eth-delta-neutral", spread, "eth-concentrated", spread));
    }

    private static VaultMetrics metrics(Variant variant, double scale) {
        double k = (variant.ordinal() + 1) / scale;
        return new VaultMetrics(
                8.5 / k,
                -1.0,
                9.5 / k,
                4.0,
                14.0 / k,
                -9.0,
                -1.0,
                2.0,
                3.0,
                1.2,
                0.5,
                -3.0,
                -3.1,
                2.9,
                1.5,
                -0.3,
                -0.05,
                99.4,
                0.6,
                1.1,
                4.9,
                93.5,
                0.12,
                0.3,
                1,
                40,
                210,
                1.5e6,
                5e5,
                0.25,
                List.of(-12.0, 30.0),
                List.of(-2.0, 9.0));
    }

    private static List<HourSample> samples(List<HourlyBar> bars, Variant variant) {
        List<HourSample> samples = new ArrayList<>();
        double value = 1_000_000;
        for (int i = 0; i < bars.size(); i++) {
            double price = bars.get(i).close().doubleValue();
            double range = variant == Variant.HODL ? Double.NaN : price * (i % 500 < 250 ? 0.9 : 0.92);
            samples.add(new HourSample(
                    bars.get(i).openTime(),
                    price,
                    range,
                    variant == Variant.HODL ? Double.NaN : range * 1.2,
                    Math.sin(i / 40.0) * 4,
                    5,
                    value + i * 3,
                    -i * 0.5,
                    i * 0.2,
                    i * 4.0,
                    -i * 1.5,
                    -i * 0.1,
                    i * 1.4,
                    -i * 0.2,
                    i * 0.1));
        }
        return samples;
    }
}
