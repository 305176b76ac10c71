package io.yielddelta.keeper.core.hedge;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.core.market.HourlyBar;
import io.yielddelta.keeper.core.market.MarkPath;
import io.yielddelta.keeper.core.market.MarketHistory;
import io.yielddelta.keeper.core.risk.RiskEngine;
import io.yielddelta.keeper.core.risk.RiskLimits;
import io.yielddelta.keeper.core.testing.InMemoryVenue;
import io.yielddelta.keeper.core.testing.MutableClock;
import io.yielddelta.keeper.core.testing.RecordingRiskEvents;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A delta-neutral ETH/USDC vault over the real 2024 hourly ETH history, hedged by the production planner, risk engine
 * and executor on an in-memory venue. Each hour feeds mark events along open → extremes → close in steps of 0.25 %
 * of the price, and the vault re-centres its ±10 % range when the price leaves it (a stand-in for the rebalance
 * policy). Measured at each close, before that event's hedge: is |position − target| within 5 % of the vault value?
 * (With only four marks per hour — open, extremes, close — the same vault measured 98.7 %: the band is kept by
 * following the stream, not the hourly bar.)
 */
class DeltaNeutralReplayIT {
    private static final BigDecimal VAULT_VALUE = new BigDecimal("100000");
    private static final MarkPath PATH = MarkPath.corners(0.0025);

    @Test
    void theDeltaNeutralVaultStaysWithinItsBandInAtLeast99PercentOfHoursOf2024() {
        List<HourlyBar> year =
                MarketHistory.read(
                                Path.of(System.getProperty("shared.dir", "../../shared"), "data/market/ETHUSDT_1h.csv"))
                        .stream()
                        .filter(b -> !b.openTime().isBefore(Instant.parse("2024-01-01T00:00:00Z"))
                                && b.openTime().isBefore(Instant.parse("2025-01-01T00:00:00Z")))
                        .toList();
        assertThat(year).hasSizeGreaterThan(8700);

        MutableClock clock = new MutableClock(year.getFirst().openTime());
        InMemoryVenue venue = new InMemoryVenue("paper", "ETH", year.getFirst().open());
        RiskEngine risk = new RiskEngine(
                RiskLimits.withDefaults(
                        new BigDecimal("1000000"),
                        new BigDecimal("10000000"),
                        new BigDecimal("10000000"),
                        new BigDecimal("1000000")),
                clock,
                new RecordingRiskEvents());
        VenueRouter router = new VenueRouter(
                venue, null, new FailoverSettings(Duration.ofMinutes(1), 3, Duration.ofMinutes(1)), clock);
        HedgePlanner planner = new HedgePlanner(
                HedgePreset.DELTA_NEUTRAL.settings(), risk.limits().maxOrderNotional());
        HedgeExecutor executor = new HedgeExecutor(
                planner, risk, router, new InMemoryHedgeJournal(), clock, new RecordingRiskEvents(), null);

        VaultHoldings vault = centredVault(year.getFirst().open());
        executor.hedge(
                HedgeTrigger.rebalance("start"),
                vault.exposureAt(year.getFirst().open()),
                null);
        long sequence = 0;
        int hoursWithinBand = 0;
        int rebalances = 0;
        for (HourlyBar bar : year) {
            List<BigDecimal> marks = PATH.marks(bar);
            for (int i = 0; i < marks.size(); i++) {
                clock.advance(Duration.ofSeconds(3600 / marks.size()));
                BigDecimal mark = marks.get(i);
                venue.setMark(mark);
                VaultExposure exposure = vault.exposureAt(mark);
                if (i == marks.size() - 1) {
                    BigDecimal deviation = venue.position("ETH")
                            .subtract(planner.target(exposure, null))
                            .abs();
                    if (deviation.multiply(mark).compareTo(exposure.vaultValue().multiply(new BigDecimal("0.05")))
                            <= 0) {
                        hoursWithinBand++;
                    }
                }
                executor.hedge(HedgeTrigger.mark(++sequence), exposure, null);
                if (exposure.lpBase().signum() == 0 || isAboveRange(vault, mark)) {
                    vault = centredVault(mark);
                    rebalances++;
                    executor.hedge(HedgeTrigger.rebalance("r" + rebalances), vault.exposureAt(mark), null);
                }
            }
        }
        double share = 100.0 * hoursWithinBand / year.size();
        System.out.printf(
                "delta-neutral replay 2024: %d of %d hours within the 5%% band (%.2f %%), %d re-hedge orders,"
                        + " %d range re-centrings%n",
                hoursWithinBand, year.size(), share, venue.placed().size(), rebalances);
        assertThat(share).isGreaterThanOrEqualTo(99.0);
    }

    /** A ±10 % range around the price, worth the vault's value, all of it in the position. */
    private static VaultHoldings centredVault(BigDecimal price) {
        int tick = (int) Math.floor(Math.log(price.doubleValue() * 1e-12) / Math.log(1.0001));
        int lower = Math.floorDiv(tick - 953, 60) * 60; // 1.0001^953 ≈ 1.1
        int upper = Math.floorDiv(tick + 953, 60) * 60 + 60;
        BigInteger unit = BigInteger.TEN.pow(15);
        VaultHoldings probe = holdings(new LiquidityPosition(unit, lower, upper, true, 18, 6));
        BigDecimal scale = VAULT_VALUE.divide(probe.exposureAt(price).vaultValue(), MathContext.DECIMAL64);
        BigInteger liquidity = new BigDecimal(unit).multiply(scale).toBigInteger();
        return holdings(new LiquidityPosition(liquidity, lower, upper, true, 18, 6));
    }

    private static VaultHoldings holdings(LiquidityPosition position) {
        return new VaultHoldings(
                "0xdeltaneutral", "ETH", position, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    private static boolean isAboveRange(VaultHoldings vault, BigDecimal price) {
        LiquidityPosition position = vault.position();
        return position.quoteHeld(position.sqrtPriceX96(price)).signum() > 0
                && position.baseHeld(position.sqrtPriceX96(price)).signum() == 0;
    }
}
