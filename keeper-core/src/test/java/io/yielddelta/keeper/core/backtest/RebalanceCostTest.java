package io.yielddelta.keeper.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.yielddelta.keeper.core.clmm.SimulatedPool;
import io.yielddelta.keeper.core.clmm.TickMath;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.RebalanceOrder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A rebalance's cost per swapped notional, by hand: a vault holding only USDC moves into a range above the price,
 * so it buys ETH with X USDC against the other LPs' full-range liquidity L and places all of it. Its cost at the
 * market price is X − B·p, with B = L·(1/√p − 1/(√p + X(1 − fee)/L)) the ETH a full-range pool gives for X; the
 * position above the price is all ETH, so the arbitrage back to the market price costs it nothing more.
 */
class RebalanceCostTest {
    private static final double PRICE = 2000;

    @Test
    void costPerSwappedNotionalIsTheSwapFeeAndPriceImpactAndGrowsInAThinPool() {
        // Other LPs worth about $4.5B (L = 5e7) and, a hundredth of it, $45M.
        double deep = costPerNotional(5e7, 400_000);
        double thin = costPerNotional(5e7 / 100, 400_000);
        assertThat(deep).isCloseTo(expected(5e7, 400_000), within(1e-9));
        assertThat(thin).isCloseTo(expected(5e7 / 100, 400_000), within(1e-9));
        assertThat(deep).isBetween(0.0005, 0.0007);
        assertThat(thin).isGreaterThan(10 * deep);
    }

    private static double expected(double liquidity, double quoteIn) {
        double root = Math.sqrt(PRICE);
        double bought = liquidity * (1 / root - 1 / (root + quoteIn * (1 - 0.0005) / liquidity));
        return (quoteIn - bought * PRICE) / quoteIn;
    }

    /** @param liquidity the other LPs' full-range liquidity, in whole-token units (√(ETH·USDC)) */
    private static double costPerNotional(double liquidity, double quoteIn) {
        double unit = 1e12; // raw liquidity per whole-token unit: 10^((18 + 6) / 2)
        SimulatedPool pool = new SimulatedPool(500, 10);
        BigInteger sqrtPrice = new BigDecimal(Math.sqrt(PRICE * 1e-12) * 0x1p96).toBigInteger();
        pool.initialize(sqrtPrice);
        pool.mint(
                "other LPs",
                -887270,
                887270,
                BigDecimal.valueOf(liquidity * unit).toBigInteger());
        int tick = pool.tick();
        Range above = new Range(Math.floorDiv(tick, 10) * 10 + 5000, Math.floorDiv(tick, 10) * 10 + 6000);
        BigInteger usdc = BigInteger.valueOf(1_000_000_000_000L); // 1,000,000 USDC
        SimulatedVault vault = new SimulatedVault("0xvault", pool, above, BigInteger.ZERO, usdc);
        PoolAccount account = new PoolAccount(new Ledger(), PRICE, 0, 0, 1_000_000);

        BigInteger swapIn = BigDecimal.valueOf(quoteIn * 1e6).toBigInteger();
        vault.rebalance(
                new RebalanceOrder(
                        "r1",
                        "0xvault",
                        above,
                        false,
                        swapIn,
                        BigInteger.ZERO,
                        BigInteger.ZERO,
                        BigInteger.ZERO,
                        Instant.MAX,
                        BigInteger.ONE),
                Instant.EPOCH);
        double cost = account.rebalanced(
                vault.liquidity().doubleValue() / unit,
                Backtest.sqrtPrice(above.tickLower(), 18, 6),
                Backtest.sqrtPrice(above.tickUpper(), 18, 6),
                vault.idle0().doubleValue() / 1e18,
                vault.idle1().doubleValue() / 1e6,
                0,
                0);
        assertThat(account.ledger().swapCost).isEqualTo(cost);
        assertThat(TickMath.getTickAtSqrtRatio(pool.sqrtPriceX96())).isLessThan(above.tickLower());
        return cost / quoteIn;
    }
}
