package io.yielddelta.keeper.contracts.vault;

import static io.yielddelta.keeper.contracts.generated.YieldDeltaVault.VALUELOSSTOOHIGH_ERROR;
import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.devchain.DevVaults;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault.RebalanceParams;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.abi.CustomErrorEncoder;

/**
 * M-1: what a rebalance can lose is bounded at the TWAP price, whoever holds the keeper and aiOracle keys. The attack
 * of the security review: push the pool price up to just inside {@code maxTwapDeviation} of the TWAP, have a
 * rebalance signed into a narrow range right below the pushed price (all token1 there; every guard passes), push the
 * price back through it (the vault buys token0 dear), every cooldown.
 */
@ExtendWith(DevChainExtension.class)
class VaultValueGuardIT {
    private static final int MAX_TWAP_DEVIATION = 300;
    private static final int MAX_SLIPPAGE_BPS = 50;

    @Test
    void bothKeysAndAPricePushCannotMakeRebalancesLoseMoreThanTheSlippageBound(UniswapV3Stack uniswap)
            throws Exception {
        VaultWorld world = VaultWorld.create(
                uniswap,
                DevVaults.parameters(
                        VaultWorld.COOLDOWN,
                        VaultWorld.TWAP_WINDOW,
                        MAX_TWAP_DEVIATION,
                        VaultWorld.MAX_TICK_MOVE,
                        2400,
                        MAX_SLIPPAGE_BPS,
                        VaultWorld.MAX_DAILY_LOSS_BPS));
        world.deposit(world.depositor(0), world.wethAndUsdc(20));
        world.rebalance(world.recenter(VaultWorld.HALF_WIDTH));
        BigInteger startPrice = world.pool.slot0().send().component1();
        BigInteger valueBefore = world.vaultValueAt(startPrice);

        List<String> attempts = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            world.afterCooldown();
            int twap = world.vault.twapTick().send().intValueExact();
            world.swapToTick(twap + MAX_TWAP_DEVIATION - 10);
            int pushed = world.pool.slot0().send().component2().intValueExact();
            int upper = Math.floorDiv(pushed, VaultWorld.TICK_SPACING) * VaultWorld.TICK_SPACING;
            RebalanceParams narrow = world.params(upper - 2 * VaultWorld.TICK_SPACING, upper, false, BigInteger.ZERO);
            String revert = world.revertData(
                    world.keeper, world.vault.getContractAddress(), world.rebalanceCall(narrow, world.aiOracle));
            if (revert == null) {
                world.rebalance(narrow);
                attempts.add("round " + round + ": [" + narrow.tickLower + ", " + narrow.tickUpper + ") at tick "
                        + pushed + ", TWAP " + twap + " accepted");
            } else {
                attempts.add("round " + round + ": refused " + revert.substring(0, 10));
            }
            world.swapToSqrtPrice(startPrice);
            // an honest keeper puts the vault back around the price next cooldown
            world.afterCooldown();
            world.rebalance(world.recenter(VaultWorld.HALF_WIDTH));
        }

        BigInteger valueAfter = world.vaultValueAt(startPrice);
        BigInteger lossBps = valueBefore
                .subtract(valueAfter)
                .multiply(BigInteger.valueOf(10_000))
                .divide(valueBefore);
        System.out.printf(
                "M-1 attack: %s; vault value %s -> %s at the start price (%s bps lost)%n",
                attempts, valueBefore, valueAfter, lossBps);
        assertThat(lossBps)
                .as("bps of the vault lost over two attacked rebalances and two honest ones (%s)", attempts)
                .isLessThanOrEqualTo(BigInteger.valueOf(MAX_SLIPPAGE_BPS));
        assertThat(attempts)
                .as("the attacked rebalances stop at the value guard")
                .allSatisfy(a -> assertThat(a)
                        .endsWith(CustomErrorEncoder.encode(VALUELOSSTOOHIGH_ERROR)
                                .substring(0, 10)));
    }

    @Test
    void lossesWithinTheBoundAddUpOverARollingDayAndReachingTheCapPausesTheVault(UniswapV3Stack uniswap)
            throws Exception {
        int cap = 40;
        VaultWorld world = VaultWorld.create(
                uniswap,
                DevVaults.parameters(
                        900,
                        VaultWorld.TWAP_WINDOW,
                        VaultWorld.MAX_TWAP_DEVIATION,
                        VaultWorld.MAX_TICK_MOVE,
                        VaultWorld.MAX_WIDTH_CHANGE,
                        100,
                        cap));
        YieldDeltaVault vault = world.vault;
        world.deposit(world.depositor(0), world.wethAndUsdc(10));
        int center = world.centerTick();
        int lower = center - VaultWorld.HALF_WIDTH;
        int upper = center + VaultWorld.HALF_WIDTH;

        // Selling 9 of the vault's 10 WETH pays the pool fee and impact: a loss, but within maxSlippageBps.
        world.rebalance(world.params(lower, upper, world.sellsWeth(), VaultWorld.weth(9)));
        BigInteger first = vault.dailyLossBps().send();
        assertThat(first).isPositive().isLessThan(BigInteger.valueOf(cap));
        assertThat(vault.paused().send()).isFalse();

        // 23 hours later, buying most of it back: the rolling day now holds both losses and reaches the cap.
        world.letTimePass(23 * 3600);
        BigInteger usdcBack = BigInteger.valueOf(9 * 2500).multiply(BigInteger.TEN.pow(6));
        var receipt = world.rebalance(world.params(lower, upper, !world.sellsWeth(), usdcBack));
        BigInteger both = vault.dailyLossBps().send();
        assertThat(both).isGreaterThan(first).isGreaterThanOrEqualTo(BigInteger.valueOf(cap));
        assertThat(YieldDeltaVault.getDailyLossCapReachedEvents(receipt))
                .singleElement()
                .satisfies(e -> assertThat(e.lossBps).isEqualTo(both));
        assertThat(vault.paused().send()).isTrue();
        world.afterCooldown();
        world.assertRevertsWith(
                world.keeper,
                vault.getContractAddress(),
                world.rebalanceCall(world.centred(), world.aiOracle),
                YieldDeltaVault.VAULTPAUSED_ERROR);

        // An hour on, the first loss has left the window; the owner may lift the pause.
        world.letTimePass(3600);
        assertThat(vault.dailyLossBps().send()).isEqualTo(both.subtract(first));
        UniswapV3Stack.send(vault.unpause());
        world.rebalance(world.centred());
    }
}
