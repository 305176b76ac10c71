package io.yielddelta.keeper.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.yielddelta.keeper.core.market.HourlyBar;
import io.yielddelta.keeper.core.market.MarketHistory;
import io.yielddelta.keeper.core.policy.PolicySettings;
import io.yielddelta.keeper.core.policy.RealizedVolatilityScorer;
import io.yielddelta.keeper.core.vault.VaultGuards;
import io.yielddelta.keeper.core.vault.VaultKind;

class BacktestTest {
    static final List<HourlyBar> SIXTY_DAYS = MarketHistory.read(
            Path.of(System.getProperty("shared.dir", "../../shared"), "data/market/ETHUSDT_1h.csv")).subList(0, 60 * 24);
    static final Backtest.Settings SETTINGS = new Backtest.Settings(new BigDecimal("1000000"), 18, 6, 500, 10,
            FeeModel.ETH_USDC_2024_01_05, new BigDecimal("0.01"), 5, Duration.ofHours(1));
    static final VaultGuards GUARDS = new VaultGuards(Duration.ofMinutes(10), Duration.ofMinutes(10), 2000, 20000, 20000, 500);
    static final Backtest.VaultSpec CONCENTRATED = new Backtest.VaultSpec("eth-cl", VaultKind.CONCENTRATED_LIQUIDITY,
            PolicySettings.DEFAULTS, GUARDS);

    static BacktestResult run() {
        return new Backtest(SETTINGS, new RealizedVolatilityScorer(0.7, 0.97)).run(SIXTY_DAYS, List.of(CONCENTRATED), (d, t) -> {});
    }

    // One run shared by the read-only tests: a simulation of 1,440 hours is not free.
    private static final BacktestResult.VaultResult vault = run().vaults().getFirst();

    @Test
    void runsTheKeeperCycleWhichRebalancesAndKeepsThePriceInRangeMostOfTheTime() {
        VaultMetrics m = vault.strategy().metrics();
        assertThat(m.rebalances()).isPositive();
        List<HourSample> samples = vault.strategy().samples();
        assertThat(samples).hasSize(SIXTY_DAYS.size());
        long inRange = samples.stream().filter(s -> s.price() >= s.rangeLowerPrice() && s.price() <= s.rangeUpperPrice()).count();
        assertThat(inRange).isGreaterThan(samples.size() * 8 / 10);
        assertThat(m.maxRebalanceLagHours()).isLessThan(2);
    }

    @Test
    void attributionAddsUpToTheNetReturn() {
        for (BacktestResult.Run run : vault.runs().values()) {
            VaultMetrics m = run.metrics();
            double years = SIXTY_DAYS.size() / (365.0 * 24);
            double parts = m.priceExposurePct() + m.feeApyPct() * years + m.ilPct() + m.hedgePnlPct() + m.fundingPct()
                    + m.tradingFeesPct() + m.gasPct();
            assertThat(m.netApyPct() * years).isCloseTo(parts, within(1e-6));
        }
    }

    @Test
    void hodlHasNoFeesAndNoImpermanentLossAndTheLpEarnsFees() {
        VaultMetrics hodl = vault.runs().get(Variant.HODL).metrics();
        assertThat(hodl.feeApyPct()).isZero();
        assertThat(hodl.ilPct()).isCloseTo(0, within(1e-9));
        assertThat(vault.runs().get(Variant.FULL_RANGE).metrics().feeApyPct()).isPositive();
        assertThat(vault.strategy().metrics().feeApyPct()).isGreaterThan(vault.runs().get(Variant.FULL_RANGE).metrics().feeApyPct());
        assertThat(vault.strategy().metrics().ilPct()).isNegative();
    }

    @Test
    void isDeterministic() {
        assertThat(run().vaults().getFirst().strategy()).isEqualTo(vault.strategy());
    }

    @Test
    void aHedgedKindWithoutHedgeVenuesIsRefusedBeforeAnythingRuns() {
        var neutral = new Backtest.VaultSpec("eth-dn", VaultKind.DELTA_NEUTRAL, PolicySettings.DEFAULTS, GUARDS);
        assertThatThrownBy(() -> new Backtest(SETTINGS, new RealizedVolatilityScorer(0.7, 0.97)).run(SIXTY_DAYS, List.of(neutral), (d, t) -> {}))
                .hasMessageContaining("eth-dn").hasMessageContaining("DELTA_NEUTRAL").hasMessageContaining("no hedge venues");
    }
}
