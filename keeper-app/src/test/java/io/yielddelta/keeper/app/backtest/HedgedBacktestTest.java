package io.yielddelta.keeper.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.yielddelta.keeper.app.config.BacktestConfig;
import io.yielddelta.keeper.app.config.BacktestConfigLoader;
import io.yielddelta.keeper.core.backtest.Backtest;
import io.yielddelta.keeper.core.backtest.BacktestResult;
import io.yielddelta.keeper.core.backtest.FeeModel;
import io.yielddelta.keeper.core.backtest.HedgeSimulation;
import io.yielddelta.keeper.core.backtest.HourSample;
import io.yielddelta.keeper.core.backtest.Variant;
import io.yielddelta.keeper.core.backtest.VaultMetrics;
import io.yielddelta.keeper.core.market.HourlyBar;
import io.yielddelta.keeper.core.market.MarkPath;
import io.yielddelta.keeper.core.policy.RealizedVolatilityScorer;
import io.yielddelta.keeper.core.risk.RiskLimits;
import io.yielddelta.keeper.core.risk.TradingState;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * keeper-core's backtest engine hedging on the paper venues of config/backtest-eth.yaml: four weeks of real 2022 hours
 * (ETH fell from ~3,700 to ~2,400), and scenarios whose figures are worked out by hand.
 */
class HedgedBacktestTest {
    static final Path DATA = BacktestCommandTest.SHARED.resolve("data/market");
    static final BacktestConfig CONFIG = new BacktestConfigLoader().load(BacktestCommandTest.EXAMPLE);
    static final BacktestData INPUT =
            BacktestData.read(CONFIG, DATA, LocalDate.parse("2022-01-01"), LocalDate.parse("2022-01-28"));

    private static final BacktestResult RESULT = INPUT.run(CONFIG.vaults(), 1, (done, total) -> {});

    private static BacktestResult.VaultResult vault(BacktestResult result, String name) {
        return result.vaults().stream()
                .filter(v -> v.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /**
     * Every run's P&amp;L lines against the change in its marked value read from what it holds at the end: the position
     * by the exact pool math, idle tokens, fees owed and the venue accounts' values, less gas.
     */
    @Test
    void theAttributionAddsUpToTheChangeInValueOfPositionsIdleTokensAndVenueAccounts() {
        for (BacktestResult.VaultResult vault : RESULT.vaults()) {
            for (Map.Entry<Variant, BacktestResult.Run> run : vault.runs().entrySet()) {
                BacktestResult.EndState end = run.getValue().end();
                double change = end.value(18, 6).doubleValue() - end.gas() - end.capital();
                assertThat(run.getValue().attribution().net())
                        .as(vault.name() + " " + run.getKey().label())
                        .isCloseTo(change, within(1e-6 * end.capital()));
            }
        }
    }

    @Test
    void hedgeCollateralIsCapitalAndTheApyIsOfBoth() {
        double years = INPUT.bars().size() / 8760.0;
        for (String name : List.of("eth-concentrated", "eth-delta-neutral", "eth-arbitrage")) {
            BacktestResult.Run strategy = vault(RESULT, name).strategy();
            double collateral = switch (name) {
                case "eth-concentrated" -> 0;
                case "eth-delta-neutral" -> 500_000;
                default -> 1_000_000;
            };
            VaultMetrics m = strategy.metrics();
            assertThat(m.hedgeCollateralUsd()).as(name).isEqualTo(collateral);
            assertThat(m.capitalUsd()).as(name).isEqualTo(1_000_000 + collateral);
            double marked =
                    strategy.end().value(18, 6).doubleValue() - strategy.end().gas();
            assertThat(m.netApyPct())
                    .as(name)
                    .isCloseTo((marked - m.capitalUsd()) / m.capitalUsd() / years * 100, within(1e-6));
        }
    }

    @Test
    void theHedgedVaultsKeepTheirDeltaWithinTheBandWhileTheSameRangesUnhedgedDoNot() {
        for (String name : List.of("eth-delta-neutral", "eth-arbitrage")) {
            BacktestResult.VaultResult vault = vault(RESULT, name);
            VaultMetrics hedged = vault.strategy().metrics();
            assertThat(hedged.deltaWithinBandPct()).as(name).isGreaterThan(97);
            assertThat(hedged.deltaP99Pct()).as(name).isLessThan(10);
            assertThat(hedged.hoursOverBandPct()).as(name).isPositive();
            assertThat(vault.runs().get(Variant.UNHEDGED).metrics().deltaWithinBandPct())
                    .as(name)
                    .isLessThan(10);
            assertThat(hedged.hedgeOrders()).as(name).isPositive();
        }
    }

    @Test
    void theShortHedgeGainedWhatTheFallingPriceTookFromTheUnhedgedRanges() {
        BacktestResult.Attribution hedged =
                vault(RESULT, "eth-delta-neutral").strategy().attribution();
        BacktestResult.Attribution unhedged =
                vault(RESULT, "eth-delta-neutral").runs().get(Variant.UNHEDGED).attribution();
        assertThat(hedged.hedgePnl()).isPositive();
        double unhedgedPriceLoss = unhedged.hodl() + unhedged.direction();
        double hedgedPriceLoss = hedged.hodl() + hedged.direction() + hedged.hedgePnl();
        assertThat(Math.abs(hedgedPriceLoss)).isLessThan(Math.abs(unhedgedPriceLoss) / 10);
        // The pool side is the same in both; only the hedge's lines differ.
        assertThat(hedged.fees()).isEqualTo(unhedged.fees());
        assertThat(hedged.lvr()).isEqualTo(unhedged.lvr());
        assertThat(hedged.hedgeTradingFees()).isNegative();
        assertThat(hedged.hedgeSlippage()).isNegative();
    }

    /**
     * Delta measured at every mark before the hedger acts, by hand: four marks an hour (the fixed walk), ETH flat at
     * 2,000 for a day, one hour that jumps to 2,200 at its third mark, then flat. Over the 5 % band: the first hour,
     * whose four marks see the deposit's ETH unhedged (50 % of the value: the hedger knows the vault only after the
     * first cycle); the next hour's first mark, because the risk limit's $250k per order split the $500k hedge in two
     * (the rebalance placed one order, this mark the other); and the jump's two marks, where the range moved a third
     * of the value into USDC and the hedger sold it back in two orders: 1.75 of 49 hours. Measured against 40 %
     * instead, only the first hour: the measuring band is not the hedger's.
     */
    @Test
    void deltaIsMeasuredAtEveryMarkBeforeTheHedgerActsAgainstItsOwnBand() {
        List<HourlyBar> bars = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            bars.add(bar(h, 2000, 2000, 2000, 2000));
        }
        bars.add(bar(24, 2000, 2200, 2000, 2200));
        for (int h = 25; h < 49; h++) {
            bars.add(bar(h, 2200, 2200, 2200, 2200));
        }
        Backtest.VaultSpec neutral = CONFIG.vaults().stream()
                .filter(v -> v.kind().name().equals("DELTA_NEUTRAL"))
                .findFirst()
                .orElseThrow();
        for (double band : new double[] {5, 40}) {
            Backtest.Settings settings = new Backtest.Settings(
                    CONFIG.initialValue(),
                    18,
                    6,
                    500,
                    10,
                    FeeModel.constant(500, 0.1, 1, 9, 1),
                    MarkPath.corners(0.5),
                    BigDecimal.ZERO,
                    band);
            VaultMetrics m = new Backtest(settings, RealizedVolatilityScorer.baseline(), hedging(constantFunding(0, 0)))
                    .run(bars, List.of(neutral), (d, t) -> {})
                    .vaults()
                    .getFirst()
                    .strategy()
                    .metrics();
            double over = band == 5 ? 1.75 : 1.0;
            assertThat(m.hoursOverBandPct()).as("band %s", band).isCloseTo(over / 49 * 100, within(1e-9));
            assertThat(m.deltaWithinBandPct()).isCloseTo(100 - over / 49 * 100, within(1e-9));
            assertThat(m.deltaP99Pct()).isCloseTo(50, within(0.5));
        }
    }

    /**
     * The Arbitrage vault hedges where funding pays the short side more: with 0.001 %/h on hyperliquid and 0.01 %/h on
     * dydx, it hedges on dydx throughout and earns ten times the funding the Delta Neutral vault earns on hyperliquid
     * with the same hedge; its hyperliquid account is never touched.
     */
    @Test
    void theArbitrageVaultHedgesWhereFundingPaysTheShortSideMore() {
        BacktestResult result = new Backtest(
                        CONFIG.settings(INPUT.feeModel(), CONFIG.path().withSeed(1)),
                        RealizedVolatilityScorer.baseline(),
                        hedging(constantFunding(0.00001, 0.0001)))
                .run(INPUT.bars(), CONFIG.vaults(), (d, t) -> {});
        BacktestResult.Run neutral = vault(result, "eth-delta-neutral").strategy();
        BacktestResult.Run arbitrage = vault(result, "eth-arbitrage").strategy();
        assertThat(neutral.attribution().funding()).isPositive();
        assertThat(arbitrage.attribution().funding())
                .isCloseTo(
                        10 * neutral.attribution().funding(),
                        within(0.01 * 10 * neutral.attribution().funding()));
        assertThat(arbitrage.end().venueValues().getFirst()).isEqualByComparingTo("500000");
        assertThat(arbitrage.end().venueValues().get(1)).isNotEqualByComparingTo("500000");
    }

    /**
     * Issue 14, defect 5: the vault's hedge ratio. At 0.5 the hedge holds half the ranges' delta, so the hedged vault's
     * net delta stays within the band of half the unhedged ranges' (the hours a rebalance re-centres the range apart:
     * the unhedged sample is taken after it). The backtest hedged all of it whatever the ratio.
     */
    @Test
    void theHedgeHoldsTheVaultsConfiguredShareOfItsDelta() {
        BacktestResult.VaultResult vault = run(
                        List.of(neutral(new BigDecimal("0.5"), Optional.empty())),
                        CONFIG.hedging().orElseThrow())
                .vaults()
                .getFirst();
        List<HourSample> hedged = vault.strategy().samples();
        List<HourSample> unhedged = vault.runs().get(Variant.UNHEDGED).samples();
        assertThat(vault.runs().get(Variant.UNHEDGED).metrics().deltaP50Pct())
                .as("a full hedge would not pass")
                .isGreaterThan(20);
        int close = 0;
        for (int h = 1; h < hedged.size(); h++) {
            if (Math.abs(hedged.get(h).deltaPct() - 0.5 * unhedged.get(h).deltaPct()) <= 5.5) {
                close++;
            }
        }
        assertThat(close).isGreaterThan((hedged.size() - 1) * 95 / 100);
        assertThat(vault.strategy().metrics().hedgeOrders()).isPositive();
    }

    /**
     * Issue 14, defect 5: the vault's own cap on its hedge, enforced by the deployment's one risk engine. At $100k
     * every order toward the ~$500k hedge is refused (orders are not clipped to the cap), so the vault stays unhedged;
     * without the cap it hedges. The backtest gave its risk engine no per-vault caps.
     */
    @Test
    void theVaultsOwnCapLimitsItsHedge() {
        BacktestResult.VaultResult capped = run(
                        List.of(neutral(BigDecimal.ONE, Optional.of(new BigDecimal("100000")))),
                        CONFIG.hedging().orElseThrow())
                .vaults()
                .getFirst();
        assertThat(vault(RESULT, "eth-delta-neutral").strategy().metrics().hedgeOrders())
                .isPositive();
        assertThat(capped.strategy().metrics().hedgeOrders()).isZero();
        assertThat(capped.strategy().metrics().deltaWithinBandPct()).isLessThan(10);
    }

    /**
     * Issue 14, defect 5: the risk watch and the rebalance gate. With a daily loss limit of $1 going to HALTED, the
     * watch halts trading on the first day's first loss; from then on no vault rebalances (the gate is the deployment's)
     * and no hedge order is sent (the hedge costs stop growing). The same hours without the limit rebalance and hedge
     * after the first day. The backtest had neither the watch nor the gate.
     */
    @Test
    void theRiskWatchHaltsTradingAndAHaltedKeeperRebalancesNothing() {
        BacktestConfig.Hedging h = CONFIG.hedging().orElseThrow();
        RiskLimits l = h.limits();
        RiskLimits oneDollar = new RiskLimits(
                l.maxOrderNotional(),
                l.maxVaultPositionNotional(),
                l.maxVenuePositionNotional(),
                l.maxLeverage(),
                l.liquidationDistanceFloor(),
                BigDecimal.ONE,
                TradingState.HALTED,
                l.collateralAlertLeverage(),
                l.collateralTargetLeverage());
        BacktestResult halted = run(
                CONFIG.vaults(),
                new BacktestConfig.Hedging(
                        h.market(),
                        h.band(),
                        h.tickSize(),
                        h.lotSize(),
                        oneDollar,
                        h.fundingHorizon(),
                        h.switchingCost(),
                        h.venues(),
                        h.venuesByVault()));
        int day = 24;
        assertThat(rangeChangesFrom(vault(RESULT, "eth-concentrated").strategy().samples(), day))
                .isPositive();
        assertThat(hedgeCost(vault(RESULT, "eth-delta-neutral").strategy().samples(), day))
                .isNotEqualTo(
                        hedgeCost(vault(RESULT, "eth-delta-neutral").strategy().samples(), 24 * 27));
        for (BacktestResult.VaultResult vault : halted.vaults()) {
            List<HourSample> samples = vault.strategy().samples();
            assertThat(rangeChangesFrom(samples, day)).as(vault.name()).isZero();
            assertThat(hedgeCost(samples, samples.size() - 1)).as(vault.name()).isEqualTo(hedgeCost(samples, day));
        }
    }

    private static int rangeChangesFrom(List<HourSample> samples, int from) {
        int changes = 0;
        for (int h = from + 1; h < samples.size(); h++) {
            if (Double.compare(
                                    samples.get(h).rangeLowerPrice(),
                                    samples.get(h - 1).rangeLowerPrice())
                            != 0
                    || Double.compare(
                                    samples.get(h).rangeUpperPrice(),
                                    samples.get(h - 1).rangeUpperPrice())
                            != 0) {
                changes++;
            }
        }
        return changes;
    }

    private static double hedgeCost(List<HourSample> samples, int hour) {
        return samples.get(hour).hedgeCost();
    }

    /** The example file's delta-neutral vault with this hedge ratio and cap. */
    private static Backtest.VaultSpec neutral(BigDecimal ratio, Optional<BigDecimal> cap) {
        Backtest.VaultSpec spec = CONFIG.vaults().stream()
                .filter(v -> v.name().equals("eth-delta-neutral"))
                .findFirst()
                .orElseThrow();
        return new Backtest.VaultSpec(spec.name(), spec.kind(), spec.policy(), spec.guards(), ratio, cap);
    }

    private static BacktestResult run(List<Backtest.VaultSpec> vaults, BacktestConfig.Hedging h) {
        return new Backtest(
                        CONFIG.settings(INPUT.feeModel(), CONFIG.path().withSeed(1)),
                        RealizedVolatilityScorer.baseline(),
                        hedging(h))
                .run(INPUT.bars(), vaults, (d, t) -> {});
    }

    @Test
    void isDeterministic() {
        assertThat(INPUT.run(CONFIG.vaults(), 1, (d, t) -> {}).vaults().get(1).strategy())
                .isEqualTo(vault(RESULT, "eth-delta-neutral").strategy());
    }

    /** The example file's hedging, its venues charging constant funding (no history). */
    static BacktestConfig.Hedging constantFunding(double hyperliquid, double dydx) {
        BacktestConfig.Hedging h = CONFIG.hedging().orElseThrow();
        Map<String, BacktestConfig.PaperAccount> venues = new LinkedHashMap<>();
        h.venues()
                .forEach((name, a) -> venues.put(
                        name,
                        new BacktestConfig.PaperAccount(
                                name,
                                a.takerFeeBps(),
                                a.makerFeeBps(),
                                a.slippageBps(),
                                a.collateralUsd(),
                                a.leverage(),
                                Optional.empty(),
                                BigDecimal.valueOf(name.equals("dydx") ? dydx : hyperliquid))));
        return new BacktestConfig.Hedging(
                h.market(),
                h.band(),
                h.tickSize(),
                h.lotSize(),
                h.limits(),
                h.fundingHorizon(),
                h.switchingCost(),
                venues,
                h.venuesByVault());
    }

    static HedgeSimulation hedging(BacktestConfig.Hedging h) {
        return new HedgeSimulation(
                new PaperVenues(h, DATA), h.market(), h.band(), h.limits(), h.fundingHorizon(), h.switchingCost());
    }

    private static HourlyBar bar(int h, double open, double high, double low, double close) {
        return new HourlyBar(
                Instant.parse("2023-06-01T00:00:00Z").plus(Duration.ofHours(h)),
                BigDecimal.valueOf(open),
                BigDecimal.valueOf(high),
                BigDecimal.valueOf(low),
                BigDecimal.valueOf(close),
                BigDecimal.valueOf(100));
    }
}
