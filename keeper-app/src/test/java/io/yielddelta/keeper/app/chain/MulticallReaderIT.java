package io.yielddelta.keeper.app.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yielddelta.keeper.contracts.devchain.DevChain;
import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.contracts.generated.TestToken;
import io.yielddelta.keeper.contracts.generated.UniswapV3Pool;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Int24;
import org.web3j.abi.datatypes.generated.Int56;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint160;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.Web3j;

@ExtendWith(DevChainExtension.class)
class MulticallReaderIT {

    private static final int[] FEES = {500, 3000};

    private DevChain chain;
    private UniswapV3Stack uniswap;
    private final List<UniswapV3Pool> pools = new ArrayList<>();
    private final RpcCallCounter counter = new RpcCallCounter();
    private Web3j web3j;

    @BeforeEach
    void createPools(DevChain chain, UniswapV3Stack uniswap) throws Exception {
        this.chain = chain;
        this.uniswap = uniswap;
        List<TestToken> tokens = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tokens.add(uniswap.deployToken("Token " + i, "T" + i, 18));
        }
        int n = 0;
        for (int a = 0; a < tokens.size(); a++) {
            for (int b = a + 1; b < tokens.size(); b++) {
                for (int fee : FEES) {
                    BigInteger price = UniswapV3Stack.sqrtPriceX96(BigDecimal.valueOf(1 + n++), 18, 18);
                    pools.add(uniswap.createPool(
                            tokens.get(a).getContractAddress(), tokens.get(b).getContractAddress(), fee, price));
                }
            }
        }
        // Some real liquidity and a balance in the first pool.
        var lp = chain.account(1);
        UniswapV3Pool first = pools.get(0);
        uniswap.fund(first.token0().send(), lp, BigInteger.TEN.pow(24), uniswap.positionManager());
        uniswap.fund(first.token1().send(), lp, BigInteger.TEN.pow(24), uniswap.positionManager());
        uniswap.mintPosition(lp, first, -887_200, 887_200, BigInteger.TEN.pow(20), BigInteger.TEN.pow(20));
        web3j = Web3j.build(FailoverRpc.connect(List.of(chain.rpcUrl()), counter, Duration.ofSeconds(10)));
    }

    @AfterEach
    void close() {
        web3j.shutdown();
    }

    /** slot0, liquidity, observe([0]) and both token balances per pool. */
    private List<ContractCall> poolCalls(List<UniswapV3Pool> of) throws Exception {
        List<ContractCall> calls = new ArrayList<>();
        for (UniswapV3Pool pool : of) {
            String address = pool.getContractAddress();
            calls.add(new ContractCall(address, PoolViews.slot0()));
            calls.add(new ContractCall(address, PoolViews.liquidity()));
            calls.add(new ContractCall(address, PoolViews.observe(0), 60_000));
            calls.add(new ContractCall(pool.token0().send(), PoolViews.balanceOf(address)));
            calls.add(new ContractCall(pool.token1().send(), PoolViews.balanceOf(address)));
        }
        return calls;
    }

    @Test
    void readsEveryPoolInOneRoundTripAndAgreesWithDirectCalls() throws Exception {
        List<ContractCall> calls = poolCalls(pools);
        MulticallReader reader = new MulticallReader(web3j, uniswap.multicall3(), 50_000_000);

        long before = counter.roundTrips();
        MulticallReader.Snapshot snapshot = reader.read(calls);

        assertEquals(1, counter.roundTrips() - before);
        assertEquals(1, snapshot.batches());
        assertEquals(calls.size(), snapshot.results().size());
        assertEquals(chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact(), snapshot.blockNumber());
        for (int i = 0; i < pools.size(); i++) {
            UniswapV3Pool pool = pools.get(i);
            List<CallResult> r = snapshot.results().subList(i * 5, i * 5 + 5);
            var slot0 = pool.slot0().send();
            assertEquals(slot0.component1(), r.get(0).value(0, Uint160.class).getValue());
            assertEquals(slot0.component2(), r.get(0).value(1, Int24.class).getValue());
            assertEquals(
                    pool.liquidity().send(), r.get(1).value(0, Uint128.class).getValue());
            @SuppressWarnings("unchecked")
            List<Int56> cumulatives = r.get(2).value(0, DynamicArray.class).getValue();
            assertEquals(
                    pool.observe(List.of(BigInteger.ZERO)).send().component1().get(0),
                    cumulatives.get(0).getValue());
            TestToken token0 = uniswap.token(pool.token0().send(), chain.account(0));
            assertEquals(
                    token0.balanceOf(pool.getContractAddress()).send(),
                    r.get(3).value(0, Uint256.class).getValue());
        }
        assertTrue(snapshot.results().get(1).value(0, Uint128.class).getValue().signum() > 0);
    }

    @Test
    void aRevertingOrCodelessTargetFailsAloneAndTheRestStillDecode() throws Exception {
        List<ContractCall> calls = new ArrayList<>(poolCalls(pools.subList(0, 2)));
        // Asks for an observation older than the pool: Uniswap reverts with "OLD".
        calls.add(1, new ContractCall(pools.get(0).getContractAddress(), PoolViews.observe(86_400)));
        // An address without code answers with empty data.
        calls.add(new ContractCall(chain.account(7).getAddress(), PoolViews.slot0()));

        MulticallReader.Snapshot snapshot = new MulticallReader(web3j, uniswap.multicall3(), 50_000_000).read(calls);

        CallResult reverted = snapshot.results().get(1);
        assertFalse(reverted.succeeded());
        assertEquals("reverted: OLD", reverted.failure());
        CallResult codeless = snapshot.results().get(calls.size() - 1);
        assertFalse(codeless.succeeded());
        assertTrue(codeless.failure().contains("no return data"), codeless.failure());
        assertEquals(
                calls.size() - 2,
                snapshot.results().stream().filter(CallResult::succeeded).count());
    }

    @Test
    void splitsIntoConcurrentBatchesAtOneBlockOnlyWhenTheCallGasLimitDemands() throws Exception {
        List<ContractCall> calls = poolCalls(pools);
        MulticallReader.Snapshot whole = new MulticallReader(web3j, uniswap.multicall3(), 50_000_000).read(calls);

        MulticallReader tight = new MulticallReader(web3j, uniswap.multicall3(), 400_000);
        long before = counter.roundTrips();
        MulticallReader.Snapshot split = tight.read(calls);

        assertTrue(split.batches() > 1, "batches " + split.batches());
        // One round trip for the block number, one per batch (sent concurrently).
        assertEquals(1 + split.batches(), counter.roundTrips() - before);
        assertEquals(whole.blockNumber(), split.blockNumber());
        for (int i = 0; i < calls.size(); i++) {
            assertEquals(whole.results().get(i).values(), split.results().get(i).values());
        }
    }

    @Test
    void thousandsOfCallsTakeOneRoundTripPerGasLimitedBatchPlusOne() throws Exception {
        List<ContractCall> oneVault = poolCalls(pools);
        List<ContractCall> many = new ArrayList<>();
        while (many.size() < 3_000) {
            many.addAll(oneVault);
        }
        // anvil on two shared cores needs seconds for a 50M-gas eth_call: a patient client for this one.
        RpcCallCounter own = new RpcCallCounter();
        Web3j patient = Web3j.build(FailoverRpc.connect(List.of(chain.rpcUrl()), own, Duration.ofSeconds(120)));
        try {
            MulticallReader reader = new MulticallReader(patient, uniswap.multicall3(), 50_000_000);
            long start = System.nanoTime();
            MulticallReader.Snapshot snapshot = reader.read(many);
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertEquals(many.size(), snapshot.results().size());
            assertTrue(snapshot.results().stream().allMatch(CallResult::succeeded));
            assertTrue(snapshot.batches() > 1);
            assertEquals(1 + snapshot.batches(), own.roundTrips());
            // A figure for the record, not an assertion.
            System.out.printf(
                    "multicall: %d calls, %d batches, %d round trips, %d ms%n",
                    many.size(), snapshot.batches(), own.roundTrips(), millis);
        } finally {
            patient.shutdown();
        }
    }

    @Test
    void roundTripsStayFlatAsPoolsAreAdded() throws Exception {
        MulticallReader reader = new MulticallReader(web3j, uniswap.multicall3(), 50_000_000);
        long before = counter.roundTrips();
        reader.read(poolCalls(pools.subList(0, 1)));
        long one = counter.roundTrips() - before;
        before = counter.roundTrips();
        reader.read(poolCalls(pools));
        long all = counter.roundTrips() - before;
        assertEquals(one, all);
        assertEquals(1, all);
    }
}
