package io.yielddelta.keeper.contracts.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.contracts.generated.Multicall3;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Numeric;

/** Everything the keeper reads of a vault comes back from one Multicall3 aggregate3 eth_call, as from single calls. */
@ExtendWith(DevChainExtension.class)
class VaultMulticallReadIT {

    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void theKeepersViewsReadInOneMulticallBatch(UniswapV3Stack uniswap) throws Exception {
        VaultWorld world = VaultWorld.create(uniswap);
        YieldDeltaVault vault = world.vault;
        world.deposit(world.depositor(0), world.wethAndUsdc(10));
        var params = world.recenter(VaultWorld.HALF_WIDTH);
        world.rebalance(params);
        world.swap(world.sellsWeth(), VaultWorld.weth(2)); // some uncollected fees

        List<String> views = List.of(
                vault.position().encodeFunctionCall(),
                vault.idleBalances().encodeFunctionCall(),
                vault.totalAmounts().encodeFunctionCall(),
                vault.twapTick().encodeFunctionCall(),
                vault.lastRebalanceTimestamp().encodeFunctionCall(),
                vault.paused().encodeFunctionCall(),
                vault.nonceUsed(params.nonce).encodeFunctionCall(),
                vault.parameters().encodeFunctionCall(),
                vault.totalSupply().encodeFunctionCall(),
                vault.positionKey().encodeFunctionCall());
        List<Multicall3.Call3> calls = views.stream()
                .map(data ->
                        new Multicall3.Call3(vault.getContractAddress(), false, Numeric.hexStringToByteArray(data)))
                .toList();
        Function aggregate3 = new Function(
                "aggregate3",
                List.of(new DynamicArray<>(Multicall3.Call3.class, calls)),
                List.of(new TypeReference<DynamicArray<Multicall3.Result>>() {}));
        DefaultBlockParameter block = DefaultBlockParameter.valueOf(
                world.chain.web3j().ethBlockNumber().send().getBlockNumber());

        String batch = world.chain
                .web3j()
                .ethCall(
                        Transaction.createEthCallTransaction(
                                null, UniswapV3Stack.MULTICALL3, FunctionEncoder.encode(aggregate3)),
                        block)
                .send()
                .getValue();
        List<Type> decoded = FunctionReturnDecoder.decode(batch, aggregate3.getOutputParameters());
        List<Multicall3.Result> results = ((DynamicArray<Multicall3.Result>) decoded.getFirst()).getValue();

        assertThat(results)
                .hasSize(views.size())
                .allSatisfy(r -> assertThat(r.success).isTrue());
        for (int i = 0; i < views.size(); i++) {
            String single = world.chain
                    .web3j()
                    .ethCall(
                            Transaction.createEthCallTransaction(null, vault.getContractAddress(), views.get(i)), block)
                    .send()
                    .getValue();
            assertThat(Numeric.toHexString(results.get(i).returnData))
                    .as("view %d", i)
                    .isEqualTo(single);
        }
        // position(): liquidity (third word) as the pool records it, fees (fourth, fifth) earned by the swap
        String position = Numeric.toHexString(results.getFirst().returnData);
        assertThat(VaultWorld.returnWord(position, 2)).isEqualTo(world.poolLiquidity());
        assertThat(VaultWorld.returnWord(position, 3).add(VaultWorld.returnWord(position, 4)))
                .isPositive();
    }
}
