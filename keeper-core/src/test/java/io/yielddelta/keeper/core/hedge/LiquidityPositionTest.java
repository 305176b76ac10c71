package io.yielddelta.keeper.core.hedge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.yielddelta.keeper.core.clmm.LiquidityAmounts;
import io.yielddelta.keeper.core.clmm.PositionAnalytics;
import io.yielddelta.keeper.core.clmm.TickMath;
import io.yielddelta.keeper.core.vault.VaultState;
import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class LiquidityPositionTest {
    // WETH (18) / USDC (6) with WETH as token0, range about 1000 to 4000 USDC.
    static final LiquidityPosition ETH_USDC =
            new LiquidityPosition(BigInteger.TEN.pow(15), -207240, -193380, true, 18, 6);
    // The same pool the other way round: USDC token0, WETH token1, mirrored ticks.
    static final LiquidityPosition USDC_ETH =
            new LiquidityPosition(BigInteger.TEN.pow(15), 193380, 207240, false, 6, 18);

    @Test
    void baseHeldIsThePoolsOwnAmount0AndAgreesWithTheClosedForm() {
        BigInteger sqrt = ETH_USDC.sqrtPriceX96(new BigDecimal("2000"));
        BigInteger amount0 = LiquidityAmounts.getAmountsForLiquidity(
                        sqrt,
                        TickMath.getSqrtRatioAtTick(-207240),
                        TickMath.getSqrtRatioAtTick(-193380),
                        BigInteger.TEN.pow(15))
                .amount0();
        BigDecimal base = ETH_USDC.baseHeld(sqrt);
        assertThat(base).isEqualByComparingTo(new BigDecimal(amount0, 18));

        double closedForm =
                new PositionAnalytics(1e15, -207240, -193380).delta(PositionAnalytics.rawPrice(2000, 18, 6)) / 1e18;
        assertThat(base.doubleValue()).isCloseTo(closedForm, within(closedForm * 1e-9));
        assertThat(base.doubleValue()).isBetween(6.0, 7.0);
    }

    @Test
    void belowTheRangeTheVaultHoldsOnlyBaseAndAboveItNone() {
        BigDecimal below = ETH_USDC.baseHeld(ETH_USDC.sqrtPriceX96(new BigDecimal("500")));
        BigInteger whole = LiquidityAmounts.getAmount0ForLiquidity(
                TickMath.getSqrtRatioAtTick(-207240), TickMath.getSqrtRatioAtTick(-193380), BigInteger.TEN.pow(15));
        assertThat(below).isEqualByComparingTo(new BigDecimal(whole, 18));
        assertThat(ETH_USDC.quoteHeld(ETH_USDC.sqrtPriceX96(new BigDecimal("500"))))
                .isZero();
        assertThat(ETH_USDC.baseHeld(ETH_USDC.sqrtPriceX96(new BigDecimal("8000"))))
                .isZero();
        assertThat(ETH_USDC.gamma(500)).isZero();
        assertThat(ETH_USDC.gamma(8000)).isZero();
    }

    @Test
    void gammaIsTheSlopeOfTheExactDelta() {
        BigDecimal step = new BigDecimal("0.5");
        BigDecimal up = ETH_USDC.baseHeld(ETH_USDC.sqrtPriceX96(new BigDecimal("2000").add(step)));
        BigDecimal down = ETH_USDC.baseHeld(ETH_USDC.sqrtPriceX96(new BigDecimal("2000").subtract(step)));
        double slope = up.subtract(down).doubleValue() / 1.0;
        double gamma = ETH_USDC.gamma(2000);
        assertThat(gamma).isNegative();
        assertThat(gamma).isCloseTo(slope, within(Math.abs(slope) * 1e-4));
    }

    @Property(tries = 200)
    void theHedgedBaseIsTheSameWhicheverTokenIsBase(@ForAll @DoubleRange(min = 600, max = 6000) double price) {
        BigDecimal p = BigDecimal.valueOf(price);
        BigDecimal asToken0 = ETH_USDC.baseHeld(ETH_USDC.sqrtPriceX96(p));
        BigDecimal asToken1 = USDC_ETH.baseHeld(USDC_ETH.sqrtPriceX96(p));
        assertThat(asToken1.subtract(asToken0).abs())
                .isLessThan(asToken0.abs().multiply(new BigDecimal("1e-12")).add(new BigDecimal("1e-15")));
        assertThat(USDC_ETH.gamma(price))
                .isCloseTo(ETH_USDC.gamma(price), within(Math.abs(ETH_USDC.gamma(price)) * 1e-6 + 1e-15));
    }

    @Property(tries = 200)
    void deltaNeverRisesWithThePrice(
            @ForAll @DoubleRange(min = 500, max = 8000) double price,
            @ForAll @DoubleRange(min = 0.0001, max = 0.2) @net.jqwik.api.constraints.Scale(6) double rise) {
        BigDecimal low = ETH_USDC.baseHeld(ETH_USDC.sqrtPriceX96(BigDecimal.valueOf(price)));
        BigDecimal high = ETH_USDC.baseHeld(ETH_USDC.sqrtPriceX96(BigDecimal.valueOf(price * (1 + rise))));
        assertThat(high).isLessThanOrEqualTo(low);
    }

    @Test
    void exposureAddsIdleBaseAndFeesAndValuesEverything() {
        VaultHoldings holdings = new VaultHoldings(
                "0xvault",
                "ETH",
                ETH_USDC,
                new BigDecimal("1.5"),
                new BigDecimal("100"),
                new BigDecimal("0.25"),
                new BigDecimal("10"));
        BigDecimal price = new BigDecimal("2000");
        VaultExposure exposure = holdings.exposureAt(price);
        BigInteger sqrt = ETH_USDC.sqrtPriceX96(price);
        assertThat(exposure.delta())
                .isEqualByComparingTo(ETH_USDC.baseHeld(sqrt).add(new BigDecimal("1.75")));
        assertThat(exposure.vaultValue())
                .isEqualByComparingTo(exposure.delta()
                        .multiply(price)
                        .add(ETH_USDC.quoteHeld(sqrt))
                        .add(new BigDecimal("110")));
    }

    @Test
    void holdingsReadFromTheChainAreInWholeTokensWithTheBaseOnEitherSide() {
        // An ETH/USDC vault as its pool orders it: USDC (6 decimals) token0, WETH (18 decimals) token1.
        VaultState state = new VaultState(
                "0x00000000000000000000000000000000000000a1",
                java.util.Optional.of(new io.yielddelta.keeper.core.vault.Range(193380, 207240)),
                BigInteger.TEN.pow(15),
                USDC_ETH.sqrtPriceX96(new BigDecimal("2000")),
                200_000,
                200_000,
                60,
                BigInteger.valueOf(100_000_000L),
                new BigInteger("1500000000000000000"),
                BigInteger.valueOf(10_000_000L),
                new BigInteger("250000000000000000"),
                java.util.Optional.empty(),
                false,
                new io.yielddelta.keeper.core.vault.VaultGuards(
                        java.time.Duration.ZERO, java.time.Duration.ofMinutes(10), 100, 1000, 1000, 100),
                1,
                java.time.Instant.EPOCH);

        VaultHoldings holdings = VaultHoldings.of(state, "ETH", false, 6, 18);

        assertThat(holdings.position()).isEqualTo(USDC_ETH);
        assertThat(holdings.idleBase()).isEqualByComparingTo("1.5");
        assertThat(holdings.idleQuote()).isEqualByComparingTo("100");
        assertThat(holdings.feesBase()).isEqualByComparingTo("0.25");
        assertThat(holdings.feesQuote()).isEqualByComparingTo("10");
    }
}
