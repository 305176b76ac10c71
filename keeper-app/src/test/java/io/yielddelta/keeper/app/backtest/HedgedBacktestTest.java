package io.yielddelta.keeper.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.yielddelta.keeper.app.config.BacktestConfig;
import io.yielddelta.keeper.app.config.BacktestConfigLoader;
import io.yielddelta.keeper.core.backtest.Backtest;
import io.yielddelta.keeper.core.backtest.BacktestResult;
import io.yielddelta.keeper.core.backtest.HedgeSimulation;
import io.yielddelta.keeper.core.backtest.HourSample;
import io.yielddelta.keeper.core.backtest.Variant;
import io.yielddelta.keeper.core.backtest.VaultMetrics;
import io.yielddelta.keeper.core.market.HourlyBar;
import io.yielddelta.keeper.core.market.MarketHistory;
import io.yielddelta.keeper.core.policy.RealizedVolatilityScorer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * keeper-core's backtest engine hedging on the paper venues of config/backtest-eth.yaml, over four weeks of real 2022
 * hours (ETH fell from ~3,700 to ~2,400): the engine's own accounting, which the command test only sees from outside.
 */
class HedgedBacktestTest {
    static final Path DATA = BacktestCommandTest.SHARED.resolve("data/market");
    static final BacktestConfig CONFIG = new BacktestConfigLoader().load(BacktestCommandTest.EXAMPLE);
    static final List<HourlyBar> BARS = MarketHistory.read(DATA.resolve(CONFIG.marketFile())).stream()
            .filter(b -> !b.openTime().isBefore(Instant.parse("2022-01-01T00:00:00Z"))).limit(28 * 24).toList();

    static BacktestResult run() {
        BacktestConfig.Hedging h = CONFIG.hedging().orElseThrow();
        HedgeSimulation hedging = new HedgeSimulation(new PaperVenues(h, DATA), h.market(), h.band(), h.limits(),
                h.fundingHorizon(), h.switchingCost(), h.markStep());
        return new Backtest(CONFIG.settings(), RealizedVolatilityScorer.baseline(), hedging).run(BARS, CONFIG.vaults(),
                (done, total) -> {});
    }

    private static final BacktestResult RESULT = run();

    private static BacktestResult.VaultResult vault(String name) {
        return RESULT.vaults().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theHedgedVaultsStayWithinTheirBandWhileTheSameRangesUnhedgedDoNot() {
        for (String name : List.of("eth-delta-neutral", "eth-arbitrage")) {
            BacktestResult.VaultResult vault = vault(name);
            assertThat(vault.strategy().metrics().deltaWithinBandPct()).as(name).isGreaterThanOrEqualTo(99);
            assertThat(vault.runs().get(Variant.UNHEDGED).metrics().deltaWithinBandPct()).as(name).isLessThan(10);
            assertThat(vault.strategy().metrics().hedgeOrders()).as(name).isPositive();
        }
    }

    @Test
    void theShortHedgeGainedWhatTheFallingPriceTookFromTheUnhedgedRanges() {
        VaultMetrics hedged = vault("eth-delta-neutral").strategy().metrics();
        VaultMetrics unhedged = vault("eth-delta-neutral").runs().get(Variant.UNHEDGED).metrics();
        assertThat(hedged.hedgePnlPct()).isPositive();
        assertThat(hedged.netApyPct()).isGreaterThan(unhedged.netApyPct());
        // Price exposure and impermanent loss, less what the hedge made back: most of the unhedged loss is gone.
        double unhedgedPriceLoss = unhedged.priceExposurePct() + unhedged.ilPct();
        double hedgedPriceLoss = hedged.priceExposurePct() + hedged.ilPct() + hedged.hedgePnlPct();
        assertThat(Math.abs(hedgedPriceLoss)).isLessThan(Math.abs(unhedgedPriceLoss) / 2);
    }

    @Test
    void attributionAddsUpToTheNetReturnForEveryRun() {
        double years = BARS.size() / (365.0 * 24);
        for (BacktestResult.VaultResult vault : RESULT.vaults()) {
            for (BacktestResult.Run run : vault.runs().values()) {
                VaultMetrics m = run.metrics();
                double parts = m.priceExposurePct() + m.feeApyPct() * years + m.ilPct() + m.hedgePnlPct()
                        + m.fundingPct() + m.tradingFeesPct() + m.gasPct();
                assertThat(m.netApyPct() * years).as(vault.name()).isCloseTo(parts, within(1e-6));
                HourSample last = run.samples().getLast();
                assertThat(last.funding()).isEqualTo(m.fundingPct() / 100 * CONFIG.settings().initialValue().doubleValue(),
                        within(1e-6));
            }
        }
    }

    @Test
    void theArbitrageVaultHedgesOnBothVenuesAsFundingMovesAndPaysForSwitching() {
        VaultMetrics arbitrage = vault("eth-arbitrage").strategy().metrics();
        VaultMetrics neutral = vault("eth-delta-neutral").strategy().metrics();
        assertThat(arbitrage.fundingPct()).isNotEqualTo(neutral.fundingPct());
        assertThat(arbitrage.hedgingCostApyPct()).isNotEqualTo(neutral.hedgingCostApyPct());
    }

    @Test
    void isDeterministic() {
        assertThat(run().vaults().get(1).strategy()).isEqualTo(vault("eth-delta-neutral").strategy());
    }
}
