package io.yielddelta.keeper.contracts.vault;

import static io.yielddelta.keeper.contracts.generated.YieldDeltaVault.DEADLINEEXPIRED_ERROR;
import static io.yielddelta.keeper.contracts.generated.YieldDeltaVault.INSUFFICIENTSHARES_ERROR;
import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault;
import java.math.BigInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;

/**
 * L-2: a deposit or withdrawal that waited in the mempool past its deadline is refused, and a depositor can ask the
 * vault what a deposit is worth at the TWAP, so a price pushed just before their deposit makes it revert.
 */
@ExtendWith(DevChainExtension.class)
class VaultDepositProtectionIT {
    private VaultWorld world;
    private YieldDeltaVault vault;
    private Credentials depositor;

    @BeforeEach
    void setUp(UniswapV3Stack uniswap) throws Exception {
        world = VaultWorld.create(uniswap);
        vault = world.vault;
        depositor = world.depositor(1);
        world.deposit(world.depositor(0), world.wethAndUsdc(20));
        world.rebalance(world.recenter(VaultWorld.HALF_WIDTH));
        world.letTimePass(2 * VaultWorld.TWAP_WINDOW);
    }

    @Test
    void depositsAndWithdrawalsPastTheirDeadlineAreRefused() throws Exception {
        BigInteger passed = BigInteger.valueOf(world.latestTimestamp() - 1);
        BigInteger[] amounts = world.wethAndUsdc(1);
        world.assertRevertsWith(
                depositor,
                vault.getContractAddress(),
                vault.deposit(amounts[0], amounts[1], BigInteger.ONE, depositor.getAddress(), passed)
                        .encodeFunctionCall(),
                DEADLINEEXPIRED_ERROR);
        Credentials holder = world.depositor(0);
        BigInteger shares = vault.balanceOf(holder.getAddress()).send();
        world.assertRevertsWith(
                holder,
                vault.getContractAddress(),
                vault.withdraw(shares, BigInteger.ZERO, BigInteger.ZERO, holder.getAddress(), passed)
                        .encodeFunctionCall(),
                DEADLINEEXPIRED_ERROR);
    }

    @Test
    void theTwapQuoteMatchesAnUndisturbedDepositAndRefusesOneIntoAPushedPrice() throws Exception {
        BigInteger[] amounts = world.wethAndUsdc(5);
        var quote = vault.quoteDeposit(amounts[0], amounts[1]).send();
        BigInteger minShares =
                quote.component1().multiply(BigInteger.valueOf(995)).divide(BigInteger.valueOf(1000));

        // A trader pushes the price ~150 ticks just before: the vault's mix at the pool price is no longer the TWAP's.
        String snapshot = world.chain.snapshot();
        world.swapToTick(world.vault.twapTick().send().intValueExact() + 150);
        String pushed = vault.deposit(
                        quote.component2(), quote.component3(), minShares, depositor.getAddress(), world.deadline())
                .encodeFunctionCall();
        String revert =
                world.assertRevertsWith(depositor, vault.getContractAddress(), pushed, INSUFFICIENTSHARES_ERROR);
        assertThat(VaultWorld.word(revert, 0)).isLessThan(minShares);
        world.chain.revert(snapshot);

        // Undisturbed, the same deposit goes through within a hair of the quote.
        var event = YieldDeltaVault.getDepositEvents(world.vaultAs(depositor)
                        .deposit(
                                quote.component2(),
                                quote.component3(),
                                minShares,
                                depositor.getAddress(),
                                world.deadline())
                        .send())
                .getFirst();
        assertThat(event.shares).isGreaterThanOrEqualTo(minShares);
        assertThat(event.shares.subtract(quote.component1()).abs().multiply(BigInteger.valueOf(1000)))
                .as("shares %s against the quote %s", event.shares, quote.component1())
                .isLessThanOrEqualTo(quote.component1());
    }
}
