package io.yielddelta.keeper.contracts.vault;

import static io.yielddelta.keeper.contracts.generated.YieldDeltaVault.COOLDOWNACTIVE_ERROR;
import static io.yielddelta.keeper.contracts.generated.YieldDeltaVault.PRICEOFFTWAP_ERROR;
import static io.yielddelta.keeper.contracts.generated.YieldDeltaVault.SIGNERNOTAIORACLE_ERROR;
import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault.RebalanceParams;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The keeper's policy may stay out of the pool: an aiOracle-signed rebalance whose range is empty ({@code tickLower =
 * tickUpper = 0}) leaves the pool and holds everything idle, under the same guards and signature as any rebalance.
 */
@ExtendWith(DevChainExtension.class)
class VaultIdleIT {

    @Test
    void aSignedRebalanceToTheEmptyRangeLeavesThePoolAndTheNextEntersAgain(UniswapV3Stack uniswap) throws Exception {
        VaultWorld world = VaultWorld.create(uniswap);
        YieldDeltaVault vault = world.vault;
        world.deposit(world.depositor(0), world.wethAndUsdc(10));
        RebalanceParams entry = world.recenter(VaultWorld.HALF_WIDTH);
        world.rebalance(entry);
        world.swap(world.sellsWeth(), VaultWorld.weth(2)); // fees to collect
        world.afterCooldown();
        BigInteger sqrtPrice = world.pool.slot0().send().component1();
        BigInteger valueInvested = world.vaultValueAt(sqrtPrice);
        BigInteger[] fees = world.uncollectedFees();
        assertThat(fees[0].add(fees[1])).isPositive();

        RebalanceParams idle =
                world.params(RebalanceTypedData.IDLE_TICK, RebalanceTypedData.IDLE_TICK, false, BigInteger.ZERO);
        var receipt = world.rebalance(idle);

        assertThat(world.poolLiquidity()).isZero();
        assertThat(YieldDeltaVault.getRebalancedEvents(receipt)).singleElement().satisfies(e -> {
            assertThat(e.tickLower).isZero();
            assertThat(e.tickUpper).isZero();
            assertThat(e.liquidity).isZero();
        });
        assertThat(YieldDeltaVault.getFeesCollectedEvents(receipt))
                .singleElement()
                .satisfies(e -> assertThat(new BigInteger[] {e.fees0, e.fees1}).containsExactly(fees));
        // the range it left stays the reference the next entry's move is measured from
        assertThat(vault.tickLower().send()).isEqualTo(entry.tickLower);
        assertThat(vault.tickUpper().send()).isEqualTo(entry.tickUpper);
        var totals = vault.totalAmounts().send();
        assertThat(world.idle()).containsExactly(totals.component1(), totals.component2());
        // burnt at the price it was worth: nothing lost beyond the pool's rounding
        assertThat(valueInvested.subtract(world.vaultValueAt(sqrtPrice))).isLessThanOrEqualTo(BigInteger.TWO);

        // Still the same guards: the cooldown, the aiOracle's signature, the price at its TWAP.
        String early = world.rebalanceCall(world.recenter(VaultWorld.HALF_WIDTH), world.aiOracle);
        world.assertRevertsWith(world.keeper, vault.getContractAddress(), early, COOLDOWNACTIVE_ERROR);
        world.afterCooldown();
        String forged = world.rebalanceCall(world.params(0, 0, false, BigInteger.ZERO), world.trader);
        world.assertRevertsWith(world.keeper, vault.getContractAddress(), forged, SIGNERNOTAIORACLE_ERROR);
        String snapshot = world.chain.snapshot();
        world.swap(world.sellsWeth(), VaultWorld.weth(60));
        world.assertRevertsWith(
                world.keeper,
                vault.getContractAddress(),
                world.rebalanceCall(world.params(0, 0, false, BigInteger.ZERO), world.aiOracle),
                PRICEOFFTWAP_ERROR);
        world.chain.revert(snapshot);

        world.rebalance(world.recenter(VaultWorld.HALF_WIDTH));
        assertThat(world.poolLiquidity()).isPositive();
    }
}
