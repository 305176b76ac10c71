package io.yielddelta.keeper.contracts.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Gas used by the vault's entry points on the real pool, printed as a table (the figures for docs/contracts.md).
 * Gas is deterministic, so each figure is also held under a ceiling that catches accidental regressions.
 */
@ExtendWith(DevChainExtension.class)
class VaultGasBenchmarkIT {

    @Test
    void printsGasUsedByDepositWithdrawAndRebalance(UniswapV3Stack uniswap) throws Exception {
        VaultWorld world = VaultWorld.create(uniswap);
        Credentials alice = world.depositor(0);
        Credentials bob = world.depositor(1);
        Map<String, BigInteger> gas = new LinkedHashMap<>();

        gas.put("deposit (first, idle only)", used(world.deposit(alice, world.wethAndUsdc(10))));
        gas.put("deposit (idle only)", used(world.deposit(bob, world.wethAndUsdc(5))));
        gas.put("rebalance (first: swap + mint)", used(world.rebalance(world.recenter(VaultWorld.HALF_WIDTH))));
        for (int i = 0; i < 3; i++) {
            world.swap(world.sellsWeth(), VaultWorld.weth(2));
            world.swap(!world.sellsWeth(), BigInteger.valueOf(5_000_000_000L));
        }
        gas.put("deposit (poke + mint into position)", used(world.deposit(alice, world.wethAndUsdc(1))));
        world.afterCooldown();
        gas.put(
                "rebalance (burn + collect fees + swap + mint)",
                used(world.rebalance(world.recenter(VaultWorld.HALF_WIDTH + 300))));
        BigInteger bobShares = world.vault.balanceOf(bob.getAddress()).send();
        gas.put("withdraw (half: burn + collect)", used(world.withdraw(bob, bobShares.divide(BigInteger.TWO))));
        gas.put(
                "withdraw (rest)",
                used(world.withdraw(bob, world.vault.balanceOf(bob.getAddress()).send())));

        StringBuilder table = new StringBuilder(
                "\nYieldDeltaVault gas used (anvil, cancun, solc 0.8.28 via IR, optimizer 200 runs):\n");
        gas.forEach((what, units) -> table.append(String.format("  %-48s %,9d%n", what, units)));
        System.out.println(table);
        assertThat(gas.values()).allSatisfy(units -> assertThat(units).isLessThan(BigInteger.valueOf(600_000)));
    }

    private static BigInteger used(TransactionReceipt receipt) {
        return receipt.getGasUsed();
    }
}
