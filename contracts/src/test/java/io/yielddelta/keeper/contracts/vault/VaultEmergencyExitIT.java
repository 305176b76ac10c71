package io.yielddelta.keeper.contracts.vault;

import static io.yielddelta.keeper.contracts.devchain.UniswapV3Stack.send;
import static io.yielddelta.keeper.contracts.generated.YieldDeltaVault.NOTGUARDIANOROWNER_ERROR;
import static io.yielddelta.keeper.contracts.generated.YieldDeltaVault.VAULTPAUSED_ERROR;
import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;

/** L-4: the guardian (or owner) takes the vault out of the pool at once, without a swap, and stops it. */
@ExtendWith(DevChainExtension.class)
class VaultEmergencyExitIT {

    @Test
    void theGuardianBurnsThePositionIntoIdleBalancesWithoutASwapAndPauses(UniswapV3Stack uniswap) throws Exception {
        VaultWorld world = VaultWorld.create(uniswap);
        YieldDeltaVault vault = world.vault;
        Credentials depositor = world.depositor(0);
        world.deposit(depositor, world.wethAndUsdc(10));
        world.rebalance(world.recenter(VaultWorld.HALF_WIDTH));
        world.swap(world.sellsWeth(), VaultWorld.weth(2)); // fees to collect
        BigInteger liquidity = world.poolLiquidity();
        BigInteger[] fees = world.uncollectedFees();
        var totals = vault.totalAmounts().send();
        var slot0 = world.pool.slot0().send();

        world.assertRevertsWith(
                world.trader,
                vault.getContractAddress(),
                vault.exitToIdle().encodeFunctionCall(),
                NOTGUARDIANOROWNER_ERROR);
        var receipt = send(world.vaultAs(world.guardian).exitToIdle());

        assertThat(YieldDeltaVault.getExitedToIdleEvents(receipt))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.by).isEqualToIgnoringCase(world.guardian.getAddress());
                    assertThat(e.liquidity).isEqualTo(liquidity);
                });
        assertThat(YieldDeltaVault.getFeesCollectedEvents(receipt))
                .singleElement()
                .satisfies(e -> assertThat(new BigInteger[] {e.fees0, e.fees1}).containsExactly(fees));
        assertThat(world.poolLiquidity()).isZero();
        assertThat(vault.paused().send()).isTrue();
        // no swap: the pool price did not move, and the vault holds what the position and fees were worth
        assertThat(world.pool.slot0().send().component1()).isEqualTo(slot0.component1());
        BigInteger[] idle = world.idle();
        assertThat(idle[0]).isBetween(totals.component1(), totals.component1().add(BigInteger.ONE));
        assertThat(idle[1]).isBetween(totals.component2(), totals.component2().add(BigInteger.ONE));

        world.afterCooldown();
        world.assertRevertsWith(
                world.keeper,
                vault.getContractAddress(),
                world.rebalanceCall(world.recenter(VaultWorld.HALF_WIDTH), world.aiOracle),
                VAULTPAUSED_ERROR);
        BigInteger[] before = world.balancesOf(depositor);
        world.withdraw(depositor, vault.balanceOf(depositor.getAddress()).send());
        assertThat(world.balancesOf(depositor)[0]).isGreaterThan(before[0]);
        // the owner may exit too; with nothing placed it only pauses again
        send(world.vaultAs(world.owner).exitToIdle());
    }
}
