package io.yielddelta.keeper.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.yielddelta.keeper.core.market.HourlyBar;
import io.yielddelta.keeper.core.market.MarkPath;
import io.yielddelta.keeper.core.market.PoolHistory;
import io.yielddelta.keeper.core.market.PoolHistory.PoolDay;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeeModelTest {

    @Test
    void eachDayTakesThePoolsVolumePerUnitOfMarketVolumeAndItsTurnover() {
        List<HourlyBar> market = new ArrayList<>();
        for (int h = 0; h < 72; h++) {
            // Day 1: 24 bars of 10 base at 100; day 2: 24 bars of 20 at 100; day 3: only 12 bars (incomplete).
            if (h < 60) {
                market.add(new HourlyBar(
                        Instant.parse("2023-01-01T00:00:00Z").plus(Duration.ofHours(h)),
                        BigDecimal.valueOf(100),
                        BigDecimal.valueOf(100),
                        BigDecimal.valueOf(100),
                        BigDecimal.valueOf(100),
                        BigDecimal.valueOf(h < 24 ? 10 : 20)));
            }
        }
        List<PoolDay> pool = List.of(
                new PoolDay(LocalDate.parse("2023-01-01"), 2400, 1200),
                new PoolDay(LocalDate.parse("2023-01-02"), 12000, 2000),
                new PoolDay(LocalDate.parse("2023-01-03"), 500, 100));
        FeeModel model = FeeModel.calibrate(500, pool, market, 3, 1, "test pool");

        assertThat(model.day(LocalDate.parse("2023-01-01")))
                .isEqualTo(new FeeModel.Day(LocalDate.parse("2023-01-01"), 2400 / 24_000.0, 2.0, true));
        assertThat(model.day(LocalDate.parse("2023-01-02")).volumeRatio()).isCloseTo(12000 / 48_000.0, within(1e-12));
        assertThat(model.day(LocalDate.parse("2023-01-02")).turnover()).isCloseTo(6.0, within(1e-12));
        // An incomplete market day does not calibrate: it, and days beyond the history, take the nearest days' mean.
        FeeModel.Day third = model.day(LocalDate.parse("2023-01-03"));
        assertThat(third.calibrated()).isFalse();
        assertThat(third.volumeRatio()).isCloseTo((0.1 + 0.25) / 2, within(1e-12));
        assertThat(third.turnover()).isCloseTo(4.0, within(1e-12));
        assertThat(model.day(LocalDate.parse("2030-01-01")).calibrated()).isFalse();
        assertThat(model.describe()).contains("test pool", "2023-01-01 to 2023-01-02", "3 ×");
    }

    /**
     * With the other LPs as full-range as their value locked (concentration 1), a full-range position in the simulated
     * pool earns what the real pool paid per unit of value locked: month by month over 2022–2024, its fee APR follows
     * the real pool's fees / TVL (0.05 % tier: volume × 0.0005), a little under it because the vault's own $1M joins
     * the locked value.
     */
    @Test
    void aFullRangePositionsFeeAprTracksTheRealPoolsFeesOverTvlMonthByMonth() {
        List<PoolDay> days = PoolHistory.read(BacktestTest.DATA.resolve("uniswap-v3/mainnet-weth-usdt-daily/"
                + "ethereum_univ3_WETH-USDT_0.05pct_0x11b815efb8f581194ae79006d24e0d814b7697f6_daily_subgraph.csv"));
        FeeModel model = FeeModel.calibrate(500, days, BacktestTest.ETH, 1, 1, "WETH/USDT 0.05 %");
        BacktestResult result =
                BacktestTest.run(BacktestTest.settings(model, MarkPath.bridge(1, 12, 0.01)), BacktestTest.ETH);
        List<HourSample> samples =
                result.vaults().getFirst().runs().get(Variant.FULL_RANGE).samples();

        // Per unit of the position's own value (2·L·√p): its fees stay beside it, they do not earn.
        double liquidity =
                1_000_000 / 2.0 / Math.sqrt(BacktestTest.ETH.getFirst().open().doubleValue());
        Map<YearMonth, double[]> simulated = new LinkedHashMap<>();
        double previousFees = 0;
        for (HourSample s : samples) {
            double[] month = simulated.computeIfAbsent(
                    YearMonth.from(s.time().minusSeconds(1).atZone(ZoneOffset.UTC)), m -> new double[3]);
            month[0] += s.fees() - previousFees;
            month[1] += 2 * liquidity * Math.sqrt(s.price());
            month[2]++;
            previousFees = s.fees();
        }
        Map<YearMonth, double[]> real = new LinkedHashMap<>();
        for (PoolDay day : days) {
            double[] month = real.computeIfAbsent(YearMonth.from(day.date()), m -> new double[3]);
            month[0] += day.volumeUsd() * 0.0005;
            month[1] += day.tvlUsd();
            month[2]++;
        }
        List<double[]> pairs = new ArrayList<>();
        simulated.forEach((month, sim) -> {
            double[] pool = real.get(month);
            double simApr = sim[0] / (sim[1] / sim[2]) * 8760 / sim[2];
            double realApr = pool[0] / (pool[1] / pool[2]) * 365 / pool[2];
            pairs.add(new double[] {simApr, realApr});
        });
        assertThat(pairs).hasSize(36);
        double ratio = pairs.stream().mapToDouble(p -> p[0] / p[1]).average().orElseThrow();
        assertThat(ratio).isBetween(0.9, 1.0);
        assertThat(correlation(pairs)).isGreaterThan(0.95);
    }

    private static double correlation(List<double[]> pairs) {
        double mx = pairs.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double my = pairs.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (double[] p : pairs) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
            syy += (p[1] - my) * (p[1] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
