package io.yielddelta.keeper.contracts.vault;

import static io.yielddelta.keeper.contracts.devchain.UniswapV3Stack.send;
import static io.yielddelta.keeper.contracts.generated.YieldDeltaVault.DEPOSITTOOSMALL_ERROR;
import static io.yielddelta.keeper.contracts.generated.YieldDeltaVault.INSUFFICIENTSHARES_ERROR;
import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;

/** The first-depositor share-inflation attack: deposit dust, donate a fortune, let the next depositor round to nothing. */
@ExtendWith(DevChainExtension.class)
class VaultInflationIT {

    @Test
    void donatingToInflateTheSharePriceCostsTheAttackerAndSparesTheVictim(UniswapV3Stack uniswap) throws Exception {
        VaultWorld world = VaultWorld.create(uniswap);
        YieldDeltaVault vault = world.vault;
        Credentials attacker = world.chain.account(9);
        Credentials victim = world.depositor(0);

        // Dust: 1,001 of the smallest unit of one token buys one share; the other 1,000 are burnt.
        var dust = YieldDeltaVault.getDepositEvents(world.deposit(attacker, BigInteger.ZERO, BigInteger.valueOf(1001)))
                .getFirst();
        assertThat(dust.shares).isEqualTo(BigInteger.ONE);
        BigInteger[] donation = world.wethAndUsdc(100);
        send(uniswap.token(world.token0, attacker).transfer(vault.getContractAddress(), donation[0]));
        send(uniswap.token(world.token1, attacker).transfer(vault.getContractAddress(), donation[1]));

        // A victim who names the shares they expect from an honest vault is refused instead of robbed ...
        BigInteger[] deposit = world.wethAndUsdc(10);
        world.assertRevertsWith(
                victim,
                vault.getContractAddress(),
                vault.deposit(deposit[0], deposit[1], deposit[0].max(deposit[1]), victim.getAddress(), world.deadline())
                        .encodeFunctionCall(),
                INSUFFICIENTSHARES_ERROR);

        // ... and one who accepts any share count still keeps nearly all of their deposit.
        BigInteger[] victimBefore = world.balancesOf(victim);
        world.deposit(victim, deposit);
        world.withdraw(victim, vault.balanceOf(victim.getAddress()).send());
        BigInteger[] victimAfter = world.balancesOf(victim);
        BigInteger victimLoss =
                valueInUsdc(world, victimBefore[0].subtract(victimAfter[0]), victimBefore[1].subtract(victimAfter[1]));
        BigInteger deposited = valueInUsdc(world, deposit[0], deposit[1]);
        assertThat(victimLoss.multiply(BigInteger.valueOf(100))).isLessThan(deposited); // under 1 %

        // The attacker's one share is worth about a thousandth of the donation.
        BigInteger[] attackerBefore = world.balancesOf(attacker);
        world.withdraw(attacker, BigInteger.ONE);
        BigInteger[] attackerAfter = world.balancesOf(attacker);
        BigInteger recovered = valueInUsdc(
                world, attackerAfter[0].subtract(attackerBefore[0]), attackerAfter[1].subtract(attackerBefore[1]));
        BigInteger donated = valueInUsdc(world, donation[0], donation[1]);
        assertThat(recovered.multiply(BigInteger.valueOf(100))).isLessThan(donated);
    }

    @Test
    void aFirstDepositMustBuyMoreThanTheBurntShares(UniswapV3Stack uniswap) {
        VaultWorld world = VaultWorld.create(uniswap);
        Credentials depositor = world.depositor(0);
        world.assertRevertsWith(
                depositor,
                world.vault.getContractAddress(),
                world.vault
                        .deposit(
                                BigInteger.valueOf(1000),
                                BigInteger.valueOf(1000),
                                BigInteger.ONE,
                                depositor.getAddress(),
                                world.deadline())
                        .encodeFunctionCall(),
                DEPOSITTOOSMALL_ERROR);
    }

    /** USDC value at the pool's launch price of 2,500 USDC per WETH (18 and 6 decimals). */
    private static BigInteger valueInUsdc(VaultWorld world, BigInteger amount0, BigInteger amount1) {
        BigInteger weth = world.wethIsToken0 ? amount0 : amount1;
        BigInteger usdc = world.wethIsToken0 ? amount1 : amount0;
        return usdc.add(weth.multiply(BigInteger.valueOf(2500)).divide(BigInteger.TEN.pow(12)));
    }
}
