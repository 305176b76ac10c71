package io.yielddelta.keeper.contracts.vault;

import static io.yielddelta.keeper.contracts.devchain.UniswapV3Stack.send;
import static io.yielddelta.keeper.contracts.generated.YieldDeltaVault.OBSERVATIONCARDINALITYTOOLOW_ERROR;
import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.devchain.DevVaults;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.contracts.generated.UniswapV3Pool;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * L-1: a pool writes at most one oracle observation per block timestamp, so while it keeps fewer observations than
 * the vault's TWAP window has seconds, anyone rolls its buffer with a dust mint a second and {@code observe} reverts
 * {@code OLD}: no rebalance can pass. The vault requires more observation slots than window seconds, which one dust
 * mint a second can never outrun.
 */
@ExtendWith(DevChainExtension.class)
class VaultObservationsIT {
    private static final BigInteger SEI_BLOCK_GAS_LIMIT = BigInteger.valueOf(10_000_000);

    @Test
    void dustMintsOnceASecondCannotSwitchTheTwapOff(UniswapV3Stack uniswap) throws Exception {
        VaultWorld world = VaultWorld.create(uniswap);
        int window = (int) VaultWorld.TWAP_WINDOW;

        // A pool keeping 100 observations: a window of 600 s is rolled away by 100 dust mints.
        UniswapV3Pool shortMemory = uniswap.createPool(
                world.token0, world.token1, 500, world.pool.slot0().send().component1());
        send(shortMemory.increaseObservationCardinalityNext(BigInteger.valueOf(100)));
        world.letTimePass(2L * window);
        world.dustMints(shortMemory, 110);
        String observe = shortMemory
                .observe(List.of(BigInteger.valueOf(window), BigInteger.ZERO))
                .encodeFunctionCall();
        assertThat(VaultWorld.revertReason(world.revertData(world.owner, shortMemory.getContractAddress(), observe)))
                .isEqualTo("OLD");

        String refused = world.revertData(
                world.owner, null, world.vaultDeployment(shortMemory.getContractAddress(), VaultWorld.PARAMETERS));
        assertThat(refused)
                .as("deploying a vault whose TWAP window the pool's oracle cannot hold")
                .isNotNull()
                .startsWith(org.web3j.abi.CustomErrorEncoder.encode(OBSERVATIONCARDINALITYTOOLOW_ERROR)
                        .substring(0, 10));
        assertThat(VaultWorld.word(refused, 0)).isEqualTo(BigInteger.valueOf(100));

        // Grown in chunks that each fit a SEI block, it takes a vault; then the spam rolls the whole buffer, and more.
        List<TransactionReceipt> growth = DevVaults.growOracle(shortMemory, window + 1);
        assertThat(growth)
                .hasSizeGreaterThan(1)
                .allSatisfy(r -> assertThat(r.getGasUsed()).isLessThan(SEI_BLOCK_GAS_LIMIT));
        assertThat(world.revertData(
                        world.owner,
                        null,
                        world.vaultDeployment(shortMemory.getContractAddress(), VaultWorld.PARAMETERS)))
                .isNull();

        world.deposit(world.depositor(0), world.wethAndUsdc(10));
        world.dustMints(world.pool, window + 50);
        assertThat(world.pool.slot0().send().component4())
                .as("observations the spam filled")
                .isEqualTo(BigInteger.valueOf(window + 1));
        world.rebalance(world.recenter(VaultWorld.HALF_WIDTH));
        assertThat(world.poolLiquidity()).isPositive();
    }
}
