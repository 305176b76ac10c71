package io.yielddelta.keeper.contracts.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;

/**
 * The vault's whole story on the real Uniswap V3 pool: deposits, a first rebalance, swaps that earn fees, a second
 * rebalance that compounds them, and withdrawals, each checked to the wei against the pool's own numbers.
 */
@ExtendWith(DevChainExtension.class)
class VaultLifecycleIT {

    @Test
    void depositRebalanceEarnCompoundWithdraw(UniswapV3Stack uniswap) throws Exception {
        VaultWorld world = VaultWorld.create(uniswap);
        YieldDeltaVault vault = world.vault;
        Credentials alice = world.depositor(0);
        Credentials bob = world.depositor(1);
        Credentials carol = world.depositor(2);

        // First deposit: both amounts taken as given, shares = the larger amount, MINIMUM_SHARES of them burnt.
        BigInteger[] aliceIn = world.wethAndUsdc(10);
        var first =
                YieldDeltaVault.getDepositEvents(world.deposit(alice, aliceIn)).getFirst();
        assertThat(new BigInteger[] {first.amount0, first.amount1}).containsExactly(aliceIn);
        BigInteger minimum = vault.MINIMUM_SHARES().send();
        assertThat(first.shares).isEqualTo(aliceIn[0].max(aliceIn[1]).subtract(minimum));
        assertThat(vault.balanceOf(vault.DEAD_ADDRESS().send()).send()).isEqualTo(minimum);

        // Second deposit, all idle still: proportional to the idle balances, bob's surplus of one token left with him.
        BigInteger[] bobMax = world.wethAndUsdc(5);
        bobMax[1] = bobMax[1].multiply(BigInteger.TWO);
        depositExactly(world, bob, bobMax);

        // First rebalance: the vault's tokens go into the range around the price.
        var rebalanced = YieldDeltaVault.getRebalancedEvents(world.rebalance(world.recenter(VaultWorld.HALF_WIDTH)))
                .getFirst();
        assertThat(world.poolLiquidity()).isEqualTo(rebalanced.liquidity).isPositive();
        assertThat(vault.position().send().component3()).isEqualTo(rebalanced.liquidity);

        // Trading through the range earns fees; the vault's view of them matches what the pool credits on a poke.
        for (int i = 0; i < 5; i++) {
            world.swap(world.sellsWeth(), VaultWorld.weth(3));
            world.swap(!world.sellsWeth(), BigInteger.valueOf(7_500_000_000L)); // 7,500 USDC
        }
        BigInteger[] feesSeen = world.uncollectedFees();
        assertThat(feesSeen[0]).isPositive();
        assertThat(feesSeen[1]).isPositive();
        depositExactly(world, carol, world.wethAndUsdc(2)); // pokes the position in the pool
        var owed = world.pool.positions(vault.positionKey().send()).send();
        assertThat(new BigInteger[] {owed.component4(), owed.component5()}).containsExactly(feesSeen);

        // Second rebalance: the fees are collected (exactly what the pool owed) and go into the new position.
        world.afterCooldown();
        BigInteger[] feesBefore = world.uncollectedFees();
        var receipt = world.rebalance(world.recenter(VaultWorld.HALF_WIDTH + 300));
        var collected = YieldDeltaVault.getFeesCollectedEvents(receipt).getFirst();
        assertThat(new BigInteger[] {collected.fees0, collected.fees1}).containsExactly(feesBefore);
        var second = YieldDeltaVault.getRebalancedEvents(receipt).getFirst();
        BigInteger[] idleAfter = world.idle();
        BigInteger sqrtPrice = world.pool.slot0().send().component1();
        // The new position took the most liquidity all the vault's tokens (principal + fees) could buy.
        BigInteger mostAffordable = world.uniswapMath
                .getLiquidityForAmounts(
                        sqrtPrice,
                        world.uniswapMath.getSqrtRatioAtTick(second.tickLower).send(),
                        world.uniswapMath.getSqrtRatioAtTick(second.tickUpper).send(),
                        idleAfter[0].add(second.amount0),
                        idleAfter[1].add(second.amount1))
                .send();
        assertThat(second.liquidity).isEqualTo(mostAffordable).isEqualTo(world.poolLiquidity());
        assertThat(world.uncollectedFees()).containsExactly(BigInteger.ZERO, BigInteger.ZERO);

        // More trading, then everyone leaves; each gets exactly their part of the position, idle and fees.
        world.swap(world.sellsWeth(), VaultWorld.weth(2));
        withdrawExactly(world, alice, vault.balanceOf(alice.getAddress()).send().divide(BigInteger.valueOf(3)));
        withdrawExactly(world, bob, vault.balanceOf(bob.getAddress()).send());
        withdrawExactly(world, alice, vault.balanceOf(alice.getAddress()).send());
        withdrawExactly(world, carol, vault.balanceOf(carol.getAddress()).send());
        assertThat(vault.totalSupply().send()).isEqualTo(minimum);
    }

    /** Deposits and checks shares, amounts and added liquidity against the pool's numbers taken just before. */
    static void depositExactly(VaultWorld world, Credentials who, BigInteger[] max) throws Exception {
        YieldDeltaVault vault = world.vault;
        BigInteger supply = vault.totalSupply().send();
        BigInteger liquidity = world.poolLiquidity();
        BigInteger[] fees = world.uncollectedFees();
        BigInteger[] idle = world.idle();
        BigInteger[] inPosition = world.positionAmounts(liquidity, true);
        BigInteger[] total = {
            inPosition[0].add(fees[0]).add(idle[0]), inPosition[1].add(fees[1]).add(idle[1])
        };
        BigInteger shares = max[0].multiply(supply)
                .divide(total[0])
                .min(max[1].multiply(supply).divide(total[1]));
        BigInteger[] expected = {
            VaultWorld.ceilDiv(shares.multiply(total[0]), supply), VaultWorld.ceilDiv(shares.multiply(total[1]), supply)
        };
        BigInteger[] before = world.balancesOf(who);

        var event = YieldDeltaVault.getDepositEvents(world.deposit(who, max)).getFirst();

        assertThat(event.shares).isEqualTo(shares);
        assertThat(new BigInteger[] {event.amount0, event.amount1}).containsExactly(expected);
        BigInteger[] after = world.balancesOf(who);
        assertThat(new BigInteger[] {before[0].subtract(after[0]), before[1].subtract(after[1])})
                .containsExactly(expected);
        assertThat(world.poolLiquidity())
                .isEqualTo(liquidity.add(liquidity.multiply(shares).divide(supply)));
    }

    /** Withdraws and checks the payout: the pool's burn of the share of liquidity, plus the share of idle and fees. */
    static void withdrawExactly(VaultWorld world, Credentials who, BigInteger shares) throws Exception {
        YieldDeltaVault vault = world.vault;
        BigInteger supply = vault.totalSupply().send();
        BigInteger liquidity = world.poolLiquidity();
        BigInteger removed = liquidity.multiply(shares).divide(supply);
        BigInteger[] principal = world.positionAmounts(removed, false);
        BigInteger[] fees = world.uncollectedFees();
        BigInteger[] idle = world.idle();
        BigInteger[] expected = new BigInteger[2];
        for (int i = 0; i < 2; i++) {
            expected[i] = principal[i].add(idle[i].add(fees[i]).multiply(shares).divide(supply));
        }
        BigInteger[] before = world.balancesOf(who);

        var event =
                YieldDeltaVault.getWithdrawEvents(world.withdraw(who, shares)).getFirst();

        assertThat(new BigInteger[] {event.amount0, event.amount1}).containsExactly(expected);
        BigInteger[] after = world.balancesOf(who);
        assertThat(new BigInteger[] {after[0].subtract(before[0]), after[1].subtract(before[1])})
                .containsExactly(expected);
        assertThat(world.poolLiquidity()).isEqualTo(liquidity.subtract(removed));
    }
}
