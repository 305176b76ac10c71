package io.yielddelta.keeper.contracts.devchain;

import static io.yielddelta.keeper.contracts.devchain.UniswapV3Stack.send;

import io.yielddelta.keeper.contracts.generated.UniswapV3Pool;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * YieldDeltaVaults on a dev chain's pools, for the keeper's end-to-end tests, the sandbox and the cycle benchmark:
 * deployed from the compiled contract exactly as on SEI, funded through real deposits.
 */
public final class DevVaults {

    private DevVaults() {}

    /**
     * The contract's rebalance limits.
     *
     * @param cooldownSeconds   between rebalances
     * @param twapWindowSeconds the pool history the TWAP averages (the pool's oracle must hold that much)
     * @param maxDailyLossBps   rebalance losses (valued at the TWAP) over 24 hours that pause the vault
     */
    public static YieldDeltaVault.Parameters parameters(
            long cooldownSeconds,
            long twapWindowSeconds,
            int maxTwapDeviation,
            int maxTickMove,
            int maxWidthChange,
            int maxSlippageBps,
            int maxDailyLossBps) {
        return new YieldDeltaVault.Parameters(
                BigInteger.valueOf(cooldownSeconds),
                BigInteger.valueOf(twapWindowSeconds),
                BigInteger.valueOf(maxTwapDeviation),
                BigInteger.valueOf(maxTickMove),
                BigInteger.valueOf(maxWidthChange),
                BigInteger.valueOf(maxSlippageBps),
                BigInteger.valueOf(maxDailyLossBps));
    }

    /**
     * Deploys a vault on {@code pool} owned and guarded by {@code owner}, storing [tickLower, tickUpper) as its range
     * until the keeper's first rebalance.
     */
    public static YieldDeltaVault deploy(
            DevChain chain,
            Credentials owner,
            UniswapV3Pool pool,
            String keeper,
            String aiOracle,
            YieldDeltaVault.Parameters parameters,
            int tickLower,
            int tickUpper) {
        try {
            return YieldDeltaVault.deploy(
                            chain.web3j(),
                            chain.transactionManager(owner),
                            chain.gasProvider(),
                            pool.getContractAddress(),
                            "Yield Delta vault",
                            "ydV",
                            owner.getAddress(),
                            keeper,
                            aiOracle,
                            owner.getAddress(),
                            parameters,
                            BigInteger.valueOf(tickLower),
                            BigInteger.valueOf(tickUpper))
                    .send();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "deploying a vault on " + pool.getContractAddress() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Mints both pool tokens to {@code depositor} and deposits them into the vault, as a careful front end would: at
     * least 99 % of the shares the vault quotes at its TWAP, within ten minutes.
     */
    public static void deposit(
            UniswapV3Stack uniswap,
            YieldDeltaVault vault,
            Credentials depositor,
            BigInteger amount0,
            BigInteger amount1) {
        try {
            String token0 = vault.token0().send();
            String token1 = vault.token1().send();
            uniswap.fund(token0, depositor, amount0, vault.getContractAddress());
            uniswap.fund(token1, depositor, amount1, vault.getContractAddress());
            YieldDeltaVault asDepositor = YieldDeltaVault.load(
                    vault.getContractAddress(),
                    uniswap.chain().web3j(),
                    uniswap.chain().transactionManager(depositor),
                    uniswap.chain().gasProvider());
            BigInteger quoted = vault.quoteDeposit(amount0, amount1).send().component1();
            BigInteger now = uniswap.chain()
                    .web3j()
                    .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                    .send()
                    .getBlock()
                    .getTimestamp();
            send(asDepositor.deposit(
                    amount0,
                    amount1,
                    quoted.multiply(BigInteger.valueOf(99)).divide(BigInteger.valueOf(100)),
                    depositor.getAddress(),
                    now.add(BigInteger.valueOf(600))));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(
                    "depositing into " + vault.getContractAddress() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Slots a pool's oracle grows by per transaction: each new slot costs about 22,000 gas, so 300 take ~6.7 M, inside
     * SEI's 10 M block gas limit (600 at once would not fit).
     */
    public static final int OBSERVATION_GROWTH_CHUNK = 300;

    /**
     * Grows the pool's oracle to at least {@code observations} slots ({@code observationCardinalityNext}), in
     * transactions of {@link #OBSERVATION_GROWTH_CHUNK} slots; a vault needs more slots than its TWAP window has
     * seconds. Returns the receipts (none if the pool already has them).
     */
    public static List<TransactionReceipt> growOracle(UniswapV3Pool pool, int observations) {
        List<TransactionReceipt> receipts = new ArrayList<>();
        try {
            int next = pool.slot0().send().component5().intValueExact();
            while (next < observations) {
                next = Math.min(observations, next + OBSERVATION_GROWTH_CHUNK);
                receipts.add(send(pool.increaseObservationCardinalityNext(BigInteger.valueOf(next))));
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(
                    "growing the oracle of " + pool.getContractAddress() + " failed: " + e.getMessage(), e);
        }
        return receipts;
    }
}
