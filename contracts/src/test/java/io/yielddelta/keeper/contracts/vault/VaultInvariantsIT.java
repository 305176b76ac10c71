package io.yielddelta.keeper.contracts.vault;

import static io.yielddelta.keeper.contracts.devchain.UniswapV3Stack.send;
import static io.yielddelta.keeper.contracts.generated.YieldDeltaVault.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.contracts.devchain.DevChain;
import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault.RebalanceParams;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.abi.CustomErrorEncoder;
import org.web3j.crypto.Credentials;

/**
 * Random sequences of deposits, withdrawals, swaps, rebalances and pauses from several accounts, each from the same
 * starting chain state (evm_snapshot / evm_revert), ending with every depositor withdrawing everything. After each
 * step the vault must be fair and solvent:
 * <ul>
 * <li>a withdrawal pays at most the shares' exact part of everything the vault owns (position, idle, uncollected
 * fees) plus under one wei per token, and at least that part less one liquidity unit's worth: assets cover claims;
 * <li>a deposit pays at least its shares' exact part, and neither deposits nor withdrawals shrink what every other
 * share owns (beyond one or two wei of pool rounding);
 * <li>a withdrawal always succeeds, paused or not; a rebalance either succeeds or stops at a price or value guard.
 * </ul>
 * A failure names the sequence and its seed and lists the steps, so it can be replayed.
 */
@ExtendWith(DevChainExtension.class)
class VaultInvariantsIT {
    private static final int SEQUENCES = 500;
    private static final long SEED = 0x5E1_1329L;
    private static final int[] HALF_WIDTHS = {600, 1200, 1500};

    private enum Outcome {
        DEPOSIT,
        DEPOSIT_REFUSED_PAUSED,
        WITHDRAW,
        SWAP,
        REBALANCE,
        REBALANCE_REFUSED_PRICE,
        REBALANCE_REFUSED_VALUE,
        REBALANCE_REFUSED_PAUSED,
        PAUSE,
        UNPAUSE,
        FINAL_WITHDRAW
    }

    private final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    private VaultWorld world;
    private YieldDeltaVault vault;
    private boolean paused;

    @Test
    void randomSequencesKeepTheVaultFairAndSolvent(DevChain chain, UniswapV3Stack uniswap) throws Exception {
        world = VaultWorld.create(uniswap);
        vault = world.vault;
        world.deposit(world.depositor(0), world.wethAndUsdc(10));
        world.deposit(world.depositor(1), world.wethAndUsdc(4));
        world.rebalance(world.recenter(VaultWorld.HALF_WIDTH));

        String start = chain.snapshot();
        for (int sequence = 0; sequence < SEQUENCES; sequence++) {
            chain.revert(start);
            start = chain.snapshot();
            paused = false;
            long seed = SEED + sequence;
            List<String> steps = new ArrayList<>();
            try {
                runSequence(new Random(seed), steps);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(
                        "sequence " + sequence + " (seed " + seed + ") failed after steps " + steps, e);
            }
        }
        System.out.println("vault invariants: " + SEQUENCES + " sequences, outcomes " + outcomes);
        assertThat(outcomes.getOrDefault(Outcome.REBALANCE, 0))
                .as("successful rebalances")
                .isGreaterThan(SEQUENCES / 4);
        assertThat(outcomes.getOrDefault(Outcome.DEPOSIT, 0)).as("deposits").isGreaterThan(SEQUENCES / 4);
        assertThat(outcomes.getOrDefault(Outcome.WITHDRAW, 0)).as("withdrawals").isGreaterThan(SEQUENCES / 4);
    }

    private void runSequence(Random random, List<String> steps) throws Exception {
        int length = 3 + random.nextInt(4);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(10)) {
                case 0, 1 -> deposit(random, steps);
                case 2, 3 -> withdraw(random, steps);
                case 4, 5, 6 -> swap(random, steps);
                case 7, 8 -> rebalance(random, steps);
                default -> togglePause(steps);
            }
        }
        if (!paused && random.nextBoolean()) togglePause(steps);
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2));
        Collections.shuffle(order, random);
        for (int who : order) {
            BigInteger shares =
                    vault.balanceOf(world.depositor(who).getAddress()).send();
            if (shares.signum() > 0) {
                steps.add("final withdraw " + who + " " + shares);
                withdrawChecked(world.depositor(who), shares);
                count(Outcome.FINAL_WITHDRAW);
            }
        }
        assertThat(vault.totalSupply().send()).isEqualTo(vault.MINIMUM_SHARES().send());
    }

    private void deposit(Random random, List<String> steps) throws Exception {
        Credentials who = world.depositor(random.nextInt(3));
        BigInteger[] max = world.wethAndUsdc(1 + random.nextInt(20));
        int skewed = random.nextInt(2); // off the vault's proportions: part of one token stays with the depositor
        max[skewed] = max[skewed]
                .multiply(BigInteger.valueOf(50 + random.nextInt(150)))
                .divide(BigInteger.valueOf(100));
        steps.add("deposit " + who.getAddress().substring(0, 8) + " " + max[0] + "/" + max[1]);
        if (paused) {
            world.assertRevertsWith(
                    who,
                    vault.getContractAddress(),
                    vault.deposit(max[0], max[1], BigInteger.ONE, who.getAddress(), world.deadline())
                            .encodeFunctionCall(),
                    VAULTPAUSED_ERROR);
            count(Outcome.DEPOSIT_REFUSED_PAUSED);
            return;
        }
        BigInteger[] total = totals();
        BigInteger supply = vault.totalSupply().send();
        var event = YieldDeltaVault.getDepositEvents(world.deposit(who, max)).getFirst();
        BigInteger[] paid = {event.amount0, event.amount1};
        BigInteger[] totalAfter = totals();
        BigInteger supplyAfter = vault.totalSupply().send();
        for (int i = 0; i < 2; i++) {
            assertThat(paid[i]).as("deposit paid ≤ max, token %d", i).isLessThanOrEqualTo(max[i]);
            assertThat(paid[i].multiply(supply))
                    .as("deposit pays at least its part, token %d", i)
                    .isGreaterThanOrEqualTo(total[i].multiply(event.shares));
            assertNoDilution(total[i], supply, totalAfter[i], supplyAfter, i);
        }
        count(Outcome.DEPOSIT);
    }

    private void withdraw(Random random, List<String> steps) throws Exception {
        Credentials who = world.depositor(random.nextInt(3));
        BigInteger balance = vault.balanceOf(who.getAddress()).send();
        if (balance.signum() == 0) return;
        BigInteger shares = balance.multiply(BigInteger.valueOf(1 + random.nextInt(100)))
                .divide(BigInteger.valueOf(100))
                .max(BigInteger.ONE);
        steps.add("withdraw " + who.getAddress().substring(0, 8) + " " + shares + (paused ? " (paused)" : ""));
        withdrawChecked(who, shares);
        count(Outcome.WITHDRAW);
    }

    /** Sends the withdrawal (which must succeed, paused or not) and checks its payout against the vault's totals. */
    private void withdrawChecked(Credentials who, BigInteger shares) throws Exception {
        BigInteger[] total = totals();
        BigInteger supply = vault.totalSupply().send();
        BigInteger[] unit = oneLiquidityUnit();
        var event =
                YieldDeltaVault.getWithdrawEvents(world.withdraw(who, shares)).getFirst();
        BigInteger[] received = {event.amount0, event.amount1};
        BigInteger[] totalAfter = totals();
        BigInteger supplyAfter = vault.totalSupply().send();
        for (int i = 0; i < 2; i++) {
            BigInteger exactPartTimesSupply = total[i].multiply(shares);
            assertThat(received[i].multiply(supply))
                    .as("withdrawal takes at most its part, token %d", i)
                    .isLessThanOrEqualTo(exactPartTimesSupply.add(shares));
            assertThat(received[i].multiply(supply))
                    .as("withdrawal gets its part less one liquidity unit, token %d", i)
                    .isGreaterThanOrEqualTo(exactPartTimesSupply.subtract(
                            unit[i].add(BigInteger.TWO).multiply(supply)));
            assertNoDilution(total[i], supply, totalAfter[i], supplyAfter, i);
        }
    }

    private void swap(Random random, List<String> steps) {
        boolean zeroForOne = random.nextBoolean();
        boolean inWeth = zeroForOne == world.sellsWeth();
        long wethTenths = 1 + random.nextInt(200);
        BigInteger amount = inWeth
                ? BigInteger.valueOf(wethTenths).multiply(BigInteger.TEN.pow(17))
                : BigInteger.valueOf(wethTenths * 250).multiply(BigInteger.TEN.pow(6));
        steps.add("swap " + (zeroForOne ? "0→1 " : "1→0 ") + amount);
        world.swap(zeroForOne, amount);
        count(Outcome.SWAP);
    }

    private void rebalance(Random random, List<String> steps) throws Exception {
        world.afterCooldown();
        if (random.nextInt(3) == 0) swap(random, steps); // a trade just before: the TWAP has not caught up
        RebalanceParams params = world.recenter(HALF_WIDTHS[random.nextInt(HALF_WIDTHS.length)]);
        steps.add("rebalance [" + params.tickLower + ", " + params.tickUpper + "] swap " + params.swapAmountIn
                + (params.zeroForOne ? " 0→1" : " 1→0"));
        String call = world.rebalanceCall(params, world.aiOracle);
        String revert = world.revertData(world.keeper, vault.getContractAddress(), call);
        if (revert == null) {
            world.rebalance(params);
            count(Outcome.REBALANCE);
            return;
        }
        steps.add("  refused " + revert.substring(0, Math.min(10, revert.length())));
        if (paused) {
            assertThat(revert).startsWith(selector(VAULTPAUSED_ERROR));
            count(Outcome.REBALANCE_REFUSED_PAUSED);
        } else if (revert.startsWith(selector(VALUELOSSTOOHIGH_ERROR))) {
            count(Outcome.REBALANCE_REFUSED_VALUE);
        } else {
            assertThat(revert)
                    .as("a rebalance may only stop at a price or value guard")
                    .satisfiesAnyOf(
                            r -> assertThat(r).startsWith(selector(PRICEOFFTWAP_ERROR)),
                            r -> assertThat(r).startsWith(selector(PRICEOFFTWAPAFTERREBALANCE_ERROR)));
            count(Outcome.REBALANCE_REFUSED_PRICE);
        }
    }

    private void togglePause(List<String> steps) {
        if (paused) {
            send(vault.unpause());
            count(Outcome.UNPAUSE);
        } else {
            send(world.vaultAs(world.guardian).pause());
            count(Outcome.PAUSE);
        }
        paused = !paused;
        steps.add(paused ? "pause" : "unpause");
    }

    /** What each other share owns may not shrink: totalAfter/supplyAfter ≥ total/supply, less two wei of rounding. */
    private static void assertNoDilution(
            BigInteger total, BigInteger supply, BigInteger totalAfter, BigInteger supplyAfter, int token) {
        assertThat(totalAfter.add(BigInteger.TWO).multiply(supply))
                .as("no dilution of other holders, token %d", token)
                .isGreaterThanOrEqualTo(total.multiply(supplyAfter));
    }

    private BigInteger[] totals() throws Exception {
        var totals = vault.totalAmounts().send();
        return new BigInteger[] {totals.component1(), totals.component2()};
    }

    /** An upper bound of what one unit of liquidity in the vault's range holds of each token. */
    private BigInteger[] oneLiquidityUnit() throws Exception {
        BigInteger sqrtLower =
                world.uniswapMath.getSqrtRatioAtTick(vault.tickLower().send()).send();
        BigInteger sqrtUpper =
                world.uniswapMath.getSqrtRatioAtTick(vault.tickUpper().send()).send();
        return new BigInteger[] {
            world.uniswapMath
                    .getAmount0Delta(sqrtLower, sqrtUpper, BigInteger.ONE, true)
                    .send(),
            world.uniswapMath
                    .getAmount1Delta(sqrtLower, sqrtUpper, BigInteger.ONE, true)
                    .send()
        };
    }

    private void count(Outcome outcome) {
        outcomes.merge(outcome, 1, Integer::sum);
    }

    private static String selector(org.web3j.abi.datatypes.CustomError error) {
        return CustomErrorEncoder.encode(error).substring(0, 10);
    }
}
