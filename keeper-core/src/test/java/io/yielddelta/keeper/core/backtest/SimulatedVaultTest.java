package io.yielddelta.keeper.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.core.clmm.SimulatedPool;
import io.yielddelta.keeper.core.clmm.TickMath;
import io.yielddelta.keeper.core.clmm.TokenAmounts;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.RebalanceOrder;
import io.yielddelta.keeper.core.vault.RebalanceTarget;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The simulated vault leaves the pool on an idle order as YieldDeltaVault does (VaultIdleIT on anvil). */
class SimulatedVaultTest {
    private static final BigInteger E18 = BigInteger.TEN.pow(18);

    @Test
    void anIdleOrderBurnsEverythingIntoIdleBalancesKeepsTheRangeAndTheNextOrderEntersAgain() {
        SimulatedPool pool = new SimulatedPool(3000, 60);
        pool.initialize(TickMath.getSqrtRatioAtTick(0));
        pool.mint("other LPs", -6000, 6000, E18.multiply(BigInteger.valueOf(1_000)));
        Range range = new Range(-1200, 1200);
        SimulatedVault vault =
                new SimulatedVault("0xvault", pool, range, E18.multiply(BigInteger.TEN), E18.multiply(BigInteger.TEN));
        vault.rebalance(order(range), Instant.EPOCH);
        assertThat(vault.liquidity()).isPositive();
        pool.swap(true, E18, TickMath.MIN_SQRT_RATIO.add(BigInteger.ONE)); // fees for the position
        TokenAmounts inPosition = vault.positionAmounts();
        TokenAmounts fees = vault.feesOwed();
        BigInteger idle0 = vault.idle0();
        BigInteger idle1 = vault.idle1();

        vault.rebalance(order(RebalanceTarget.IDLE), Instant.EPOCH.plusSeconds(3600));

        assertThat(vault.liquidity()).isZero();
        assertThat(pool.positions("0xvault", -1200, 1200).liquidity()).isZero();
        assertThat(vault.range()).contains(range);
        assertThat(vault.positionAmounts()).isEqualTo(TokenAmounts.ZERO);
        assertThat(vault.idle0()).isEqualTo(idle0.add(inPosition.amount0()).add(fees.amount0()));
        assertThat(vault.idle1()).isEqualTo(idle1.add(inPosition.amount1()).add(fees.amount1()));
        assertThat(vault.collectedFees()).isEqualTo(fees);
        assertThat(vault.lastRebalance()).contains(Instant.EPOCH.plusSeconds(3600));

        vault.rebalance(order(new Range(-600, 600)), Instant.EPOCH.plusSeconds(7200));
        assertThat(vault.liquidity()).isPositive();
        assertThat(vault.range()).contains(new Range(-600, 600));
    }

    private static RebalanceOrder order(RebalanceTarget target) {
        return new RebalanceOrder(
                "cycle",
                "0xvault",
                target,
                false,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                Instant.MAX,
                BigInteger.ONE);
    }
}
