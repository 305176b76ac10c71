package io.yielddelta.keeper.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.yielddelta.keeper.core.market.HourlyBar;
import io.yielddelta.keeper.core.market.MarkPath;
import io.yielddelta.keeper.core.market.MarketHistory;
import io.yielddelta.keeper.core.market.PoolHistory;
import io.yielddelta.keeper.core.policy.PolicySettings;
import io.yielddelta.keeper.core.policy.RealizedVolatilityScorer;
import io.yielddelta.keeper.core.vault.VaultGuards;
import io.yielddelta.keeper.core.vault.VaultKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BacktestTest {
    static final Path DATA = Path.of(System.getProperty("shared.dir", "../../shared"), "data");
    static final List<HourlyBar> ETH = MarketHistory.read(DATA.resolve("market/ETHUSDT_1h.csv"));
    static final FeeModel FEES = FeeModel.calibrate(
            500,
            PoolHistory.read(
                    DATA.resolve(
                            "uniswap-v3/mainnet-weth-usdt-daily/"
                                    + "ethereum_univ3_WETH-USDT_0.05pct_0x11b815efb8f581194ae79006d24e0d814b7697f6_daily_subgraph.csv")),
            ETH,
            9,
            1,
            "WETH/USDT 0.05 %");
    static final BigDecimal MILLION = new BigDecimal("1000000");
    static final Backtest.Settings SETTINGS = settings(FEES, MarkPath.bridge(1, 60, 0.0025));
    static final VaultGuards GUARDS =
            new VaultGuards(Duration.ofMinutes(10), Duration.ofMinutes(10), 2000, 20000, 20000, 500);
    static final Backtest.VaultSpec CONCENTRATED =
            new Backtest.VaultSpec("eth-cl", VaultKind.CONCENTRATED_LIQUIDITY, PolicySettings.DEFAULTS, GUARDS);
    /** Two months across a new year: 2022-12-01 to 2023-01-31. */
    static final List<HourlyBar> WINTER = ETH.stream()
            .filter(b -> !b.openTime().isBefore(Instant.parse("2022-12-01T00:00:00Z"))
                    && b.openTime().isBefore(Instant.parse("2023-02-01T00:00:00Z")))
            .toList();

    static Backtest.Settings settings(FeeModel fees, MarkPath path) {
        return new Backtest.Settings(MILLION, 18, 6, 500, 10, fees, path, new BigDecimal("0.01"), 5);
    }

    static BacktestResult run(Backtest.Settings settings, List<HourlyBar> bars) {
        return new Backtest(settings, new RealizedVolatilityScorer(0.7, 0.97))
                .run(bars, List.of(CONCENTRATED), (d, t) -> {});
    }

    // One run shared by the read-only tests: a simulation of 1,488 hours is not free.
    private static final BacktestResult.VaultResult vault =
            run(SETTINGS, WINTER).vaults().getFirst();

    @Test
    void runsTheKeeperCycleWhichRebalancesAndKeepsThePriceInRangeMostOfTheTime() {
        VaultMetrics m = vault.strategy().metrics();
        assertThat(m.rebalances()).isPositive();
        List<HourSample> samples = vault.strategy().samples();
        assertThat(samples).hasSize(WINTER.size());
        long inRange = samples.stream()
                .filter(s -> s.price() >= s.rangeLowerPrice() && s.price() <= s.rangeUpperPrice())
                .count();
        assertThat(inRange).isGreaterThan(samples.size() * 8 / 10);
        assertThat(m.maxRebalanceLagHours()).isLessThan(2);
    }

    /**
     * The P&amp;L lines, accumulated hour by hour along the path, against the change in value read from what each run
     * holds at the end (position at the exact pool math, idle tokens, fees owed), less the gas it spent.
     */
    @Test
    void theAttributionAddsUpToTheChangeInMarkedValueReadFromWhatEachRunHolds() {
        for (Variant variant : List.of(Variant.STRATEGY, Variant.HODL, Variant.FULL_RANGE)) {
            BacktestResult.Run run = vault.runs().get(variant);
            double change = run.end().value(18, 6).doubleValue()
                    - run.end().gas()
                    - run.end().capital();
            assertThat(run.attribution().net())
                    .as(variant.label())
                    .isCloseTo(change, within(1e-6 * run.end().capital()));
        }
        // The same figure as the metrics give it.
        VaultMetrics m = vault.strategy().metrics();
        assertThat(m.netApyPct())
                .isCloseTo(vault.strategy().attribution().net() / m.capitalUsd() / m.years() * 100, within(1e-9));
    }

    @Test
    void theAnnualisedLinesAddUpNetToHodlPlusExcessAndExcessToEdgeAndDirection() {
        for (BacktestResult.Run run : vault.runs().values()) {
            List<VaultMetrics> periods = new ArrayList<>(run.years().values());
            periods.add(run.metrics());
            for (VaultMetrics m : periods) {
                assertThat(m.netApyPct()).isCloseTo(m.hodlApyPct() + m.excessVsHodlApyPct(), within(1e-9));
                assertThat(m.excessVsHodlApyPct())
                        .isCloseTo(
                                m.edgeApyPct()
                                        + m.directionApyPct()
                                        + m.hedgePnlApyPct()
                                        - m.hedgingCostApyPct()
                                        + m.fundingApyPct(),
                                within(1e-9));
                assertThat(m.edgeApyPct())
                        .isCloseTo(m.feeApyPct() + m.lvrApyPct() + m.rebalanceCostApyPct(), within(1e-9));
            }
        }
        VaultMetrics strategy = vault.strategy().metrics();
        assertThat(strategy.lvrApyPct()).isNegative();
        assertThat(strategy.feeApyPct()).isPositive();
        assertThat(strategy.rebalanceCostApyPct()).isNegative();
        assertThat(strategy.netApyCi90()).hasSize(2);
        assertThat(strategy.netApyCi90().get(0)).isLessThan(strategy.netApyPct());
        assertThat(strategy.netApyCi90().get(1)).isGreaterThan(strategy.netApyPct());
    }

    /** HODL per calendar year, by hand: the starting tokens repriced over each year, on the value at the year's start. */
    @Test
    void eachCalendarYearIsMeasuredOnItsOwnPeriodAndStartingValue() {
        Map<Integer, VaultMetrics> years = vault.runs().get(Variant.HODL).years();
        assertThat(years).containsOnlyKeys(2022, 2023);
        double open = WINTER.getFirst().open().doubleValue();
        double base =
                new BigDecimal(500000 / open).movePointRight(18).toBigInteger().doubleValue() / 1e18;
        double quote = 500000;
        double lastOf2022 = WINTER.stream()
                .filter(b -> b.openTime().isBefore(Instant.parse("2023-01-01T00:00:00Z")))
                .reduce((a, b) -> b)
                .orElseThrow()
                .close()
                .doubleValue();
        double lastOf2023 = WINTER.getLast().close().doubleValue();
        double startOf2023 = base * lastOf2022 + quote;
        assertThat(years.get(2022).hodlApyPct())
                .isCloseTo(base * (lastOf2022 - open) / (base * open + quote) / (31 * 24 / 8760.0) * 100, within(1e-6));
        assertThat(years.get(2023).hodlApyPct())
                .isCloseTo(base * (lastOf2023 - lastOf2022) / startOf2023 / (31 * 24 / 8760.0) * 100, within(1e-6));
        assertThat(years.get(2023).capitalUsd()).isCloseTo(startOf2023, within(1e-6));
    }

    @Test
    void isDeterministicAndThePathSeedMatters() {
        assertThat(run(SETTINGS, WINTER).vaults().getFirst().strategy()).isEqualTo(vault.strategy());
        BacktestResult.Run otherSeed = run(settings(FEES, MarkPath.bridge(2, 60, 0.0025)), WINTER)
                .vaults()
                .getFirst()
                .strategy();
        assertThat(otherSeed.attribution().lvr())
                .isNotEqualTo(vault.strategy().attribution().lvr());
        // The hour's bars are the same: HODL does not depend on the path.
        assertThat(otherSeed.attribution().hodl())
                .isCloseTo(vault.strategy().attribution().hodl(), within(1e-6));
    }

    @Test
    void aHedgedKindWithoutHedgeVenuesIsRefusedBeforeAnythingRuns() {
        var neutral = new Backtest.VaultSpec("eth-dn", VaultKind.DELTA_NEUTRAL, PolicySettings.DEFAULTS, GUARDS);
        assertThatThrownBy(() -> new Backtest(SETTINGS, new RealizedVolatilityScorer(0.7, 0.97))
                        .run(WINTER, List.of(neutral), (d, t) -> {}))
                .hasMessageContaining("eth-dn")
                .hasMessageContaining("DELTA_NEUTRAL")
                .hasMessageContaining("no hedge venues");
    }

    @Test
    void aFeeTierWithoutCalibrationIsRefused() {
        assertThatThrownBy(() -> new Backtest.Settings(
                        MILLION, 18, 6, 3000, 60, FEES, MarkPath.bridge(1, 30, 0.0025), BigDecimal.ZERO, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3000 pips has no fee calibration")
                .hasMessageContaining("calibrated for 500 pips");
    }

    /**
     * Fees valued in quote units when they accrue: flat hours whose price doubles in 200 hours, a constant volume; a
     * full-range position's fees computed by hand hour by hour (the fee model's share of the volume at that hour's
     * price), and what valuing the same tokens at the last price would have said instead.
     */
    @Test
    void feesAreValuedInQuoteUnitsWhenTheyAccrue() {
        double ratio = 0.1;
        double turnover = 1.0;
        double concentration = 2;
        List<HourlyBar> bars = new ArrayList<>();
        for (int h = 0; h < 200; h++) {
            bars.add(flat(h, 1000 + 5 * h, 100));
        }
        BacktestResult result = run(
                settings(FeeModel.constant(500, ratio, turnover, concentration, 1), MarkPath.bridge(1, 30, 0.0025)),
                bars);
        BacktestResult.Run fullRange = result.vaults().getFirst().runs().get(Variant.FULL_RANGE);

        double liquidity = 1_000_000 / 2.0 / Math.sqrt(1000);
        double whenEarned = 0;
        double baseEarned = 0;
        double quoteEarned = 0;
        for (double[] hour : fullRangeFees(bars, ratio, turnover, concentration, liquidity)) {
            whenEarned += hour[0];
            baseEarned += hour[0] / 2 / hour[1];
            quoteEarned += hour[0] / 2;
        }
        assertThat(fullRange.attribution().fees()).isCloseTo(whenEarned, within(whenEarned * 1e-9));
        double atTheEnd = baseEarned * 1995 + quoteEarned;
        assertThat(atTheEnd).isGreaterThan(whenEarned * 1.15);
    }

    /**
     * LVR realised on the path against the closed form: a full-range position loses σ²/8 of its value per unit of
     * time. The market is a simulated GBM (σ = 100 % a year, 3,600 steps per hour), its hours turned into bars; the
     * backtest sees only the bars and rebuilds each hour's path from them.
     */
    @Test
    void lvrOnASimulatedGbmPathMatchesSigmaSquaredOverEight() {
        double sigma = 1.0;
        int hours = 3000;
        int steps = 3600;
        double stepSd = sigma * Math.sqrt(1.0 / (8760.0 * steps));
        SplittableRandom random = new SplittableRandom(42);
        List<HourlyBar> bars = new ArrayList<>();
        double price = 2000;
        for (int h = 0; h < hours; h++) {
            double open = price;
            double high = price;
            double low = price;
            for (int s = 0; s < steps; s++) {
                price *= Math.exp(stepSd * random.nextGaussian() - stepSd * stepSd / 2);
                high = Math.max(high, price);
                low = Math.min(low, price);
            }
            bars.add(bar(h, open, high, low, price, 0));
        }
        BacktestResult result = run(settings(FeeModel.constant(500, 0, 1, 1, 1), MarkPath.bridge(1, 60, 0.0025)), bars);
        BacktestResult.Run fullRange = result.vaults().getFirst().runs().get(Variant.FULL_RANGE);

        double liquidity = 1_000_000 / 2.0 / Math.sqrt(bars.getFirst().open().doubleValue());
        double valueHours = 0;
        for (HourlyBar bar : bars) {
            valueHours += liquidity
                    * (Math.sqrt(bar.open().doubleValue())
                            + Math.sqrt(bar.close().doubleValue()));
        }
        double closedForm = sigma * sigma / 8 * valueHours / 8760;
        assertThat(-fullRange.attribution().lvr()).isCloseTo(closedForm, within(closedForm * 0.1));
    }

    /**
     * A 4 h outage: the hours are missing, no cycle runs and no fee accrues in them, and the price jumps at the next
     * bar, where a full-range position loses L·(√p₁ − √p₀)²/√p₀ to the jump (its LVR) and nothing else.
     */
    @Test
    void aGapIsCarriedAcrossWithoutTradingOrFeesAndThePriceJumps() {
        List<HourlyBar> bars = new ArrayList<>();
        for (int h = 0; h < 30; h++) {
            bars.add(flat(h, 2000, 50));
        }
        for (int h = 34; h < 64; h++) {
            bars.add(flat(h, 2200, 50));
        }
        BacktestResult result =
                run(settings(FeeModel.constant(500, 0.1, 1, 1, 1), MarkPath.bridge(1, 30, 0.0025)), bars);
        assertThat(result.gaps())
                .containsExactly(new BacktestResult.Gap(
                        bars.get(29).openTime().plus(Duration.ofHours(1)),
                        bars.get(30).openTime(),
                        4));
        BacktestResult.VaultResult vaultResult = result.vaults().getFirst();
        List<HourSample> samples = vaultResult.strategy().samples();
        assertThat(samples).hasSize(60);
        assertThat(Duration.between(samples.get(29).time(), samples.get(30).time()))
                .isEqualTo(Duration.ofHours(5));
        assertThat(vaultResult.strategy().metrics().years()).isCloseTo(64 / 8760.0, within(1e-12));

        double liquidity = 1_000_000 / 2.0 / Math.sqrt(2000);
        double jump = liquidity * Math.pow(Math.sqrt(2200) - Math.sqrt(2000), 2) / Math.sqrt(2000);
        BacktestResult.Run fullRange = vaultResult.runs().get(Variant.FULL_RANGE);
        assertThat(-fullRange.attribution().lvr()).isCloseTo(jump, within(jump * 1e-6));
        // Fees in the 60 hours that exist, each at that hour's share; none for the missing ones.
        double fees = fullRangeFees(bars, 0.1, 1, 1, liquidity).stream()
                .mapToDouble(hour -> hour[0])
                .sum();
        assertThat(fullRange.attribution().fees()).isCloseTo(fees, within(fees * 1e-9));
    }

    /**
     * By hand, each hour's fee of a full-range position of {@code liquidity} (whole-token units) in flat hours, with
     * its price: the fee model's volume (ratio × the hour's quote volume) at the position's share of the active
     * liquidity, the other LPs holding the day's volume ÷ turnover, concentrated, at the day's first price.
     */
    static List<double[]> fullRangeFees(
            List<HourlyBar> bars, double ratio, double turnover, double concentration, double liquidity) {
        Map<LocalDate, Double> dayVolume = new HashMap<>();
        Map<LocalDate, Double> dayOpen = new HashMap<>();
        for (HourlyBar bar : bars) {
            LocalDate day = LocalDate.ofInstant(bar.openTime(), ZoneOffset.UTC);
            dayVolume.merge(day, bar.volume().doubleValue() * bar.close().doubleValue(), Double::sum);
            dayOpen.putIfAbsent(day, bar.open().doubleValue());
        }
        List<double[]> fees = new ArrayList<>();
        for (HourlyBar bar : bars) {
            LocalDate day = LocalDate.ofInstant(bar.openTime(), ZoneOffset.UTC);
            double others = concentration * (ratio * dayVolume.get(day) / turnover) / (2 * Math.sqrt(dayOpen.get(day)));
            double price = bar.close().doubleValue();
            fees.add(new double[] {
                ratio * bar.volume().doubleValue() * price * 0.0005 * liquidity / (liquidity + others), price
            });
        }
        return fees;
    }

    /** A bar whose prices are all one, with {@code volume} base traded, at hour {@code h} after 2023-06-01. */
    static HourlyBar flat(int h, double price, double volume) {
        return bar(h, price, price, price, price, volume);
    }

    static HourlyBar bar(int h, double open, double high, double low, double close, double volume) {
        return new HourlyBar(
                Instant.parse("2023-06-01T00:00:00Z").plus(Duration.ofHours(h)),
                decimal(open),
                decimal(high),
                decimal(low),
                decimal(close),
                BigDecimal.valueOf(volume));
    }

    private static BigDecimal decimal(double price) {
        return BigDecimal.valueOf(price).setScale(4, java.math.RoundingMode.HALF_EVEN);
    }
}
