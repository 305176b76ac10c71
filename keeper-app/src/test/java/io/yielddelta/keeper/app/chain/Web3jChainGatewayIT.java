package io.yielddelta.keeper.app.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yielddelta.keeper.app.chainlink.FeedReader;
import io.yielddelta.keeper.app.chainlink.PriceGuard;
import io.yielddelta.keeper.app.oracle.OraclePolicy;
import io.yielddelta.keeper.app.oracle.PolicyCheckedOracle;
import io.yielddelta.keeper.app.signing.SigningPolicy;
import io.yielddelta.keeper.app.signing.TestKeySigner;
import io.yielddelta.keeper.app.signing.TransactionSigner;
import io.yielddelta.keeper.contracts.devchain.DevChain;
import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.devchain.DevVaults;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.contracts.generated.UniswapV3Pool;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault;
import io.yielddelta.keeper.core.chain.RebalanceRejectedException;
import io.yielddelta.keeper.core.chain.SubmittedTransaction;
import io.yielddelta.keeper.core.chain.TransactionStatus;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.RebalanceOrder;
import io.yielddelta.keeper.core.vault.RebalanceTarget;
import io.yielddelta.keeper.core.vault.VaultReading;
import io.yielddelta.keeper.core.vault.VaultState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;

@ExtendWith(DevChainExtension.class)
class Web3jChainGatewayIT {

    private static final BigInteger DEPOSIT = BigInteger.TEN.pow(21);

    private DevChain chain;
    private UniswapV3Pool pool;
    private YieldDeltaVault vault;
    private final RpcCallCounter counter = new RpcCallCounter();
    private Web3j web3j;
    private Web3jChainGateway gateway;

    @BeforeEach
    void deployVault(DevChain chain, UniswapV3Stack uniswap) throws Exception {
        this.chain = chain;
        String tokenA = uniswap.deployToken("Wrapped SEI", "WSEI", 18).getContractAddress();
        String tokenB = uniswap.deployToken("USD Coin", "USDC", 18).getContractAddress();
        pool = uniswap.createPool(tokenA, tokenB, 3000, UniswapV3Stack.sqrtPriceX96(BigDecimal.ONE, 18, 18));
        // Room in the pool's oracle for the vault's TWAP window once trades happen.
        UniswapV3Stack.send(pool.increaseObservationCardinalityNext(BigInteger.valueOf(100)));
        Credentials owner = chain.account(0);
        Credentials keeper = chain.account(3);
        TestKeySigner aiOracle = TestKeySigner.of("0x" + "5e".repeat(32));
        var parameters = DevVaults.parameters(900, 60, 100, 2000, 2000, 100, 300);
        vault = YieldDeltaVault.deploy(
                        chain.web3j(),
                        chain.transactionManager(owner),
                        chain.gasProvider(),
                        pool.getContractAddress(),
                        "Yield Delta WSEI/USDC",
                        "ydWSEI",
                        owner.getAddress(),
                        keeper.getAddress(),
                        aiOracle.address(),
                        owner.getAddress(),
                        parameters,
                        BigInteger.valueOf(-1200),
                        BigInteger.valueOf(1200))
                .send();
        DevVaults.deposit(uniswap, vault, chain.account(4), DEPOSIT, DEPOSIT);
        // Pool history for the vault's TWAP window.
        chain.increaseTime(120);
        chain.mine();

        web3j = Web3j.build(FailoverRpc.connect(List.of(chain.rpcUrl()), counter, Duration.ofSeconds(10)));
        TransactionSigner signer = new TransactionSigner(
                new TestKeySigner(keeper.getEcKeyPair()),
                new SigningPolicy(
                        Map.of(vault.getContractAddress(), Set.of(Web3jChainGateway.REBALANCE_SELECTOR)),
                        BigInteger.valueOf(3_000_000)));
        TransactionManager transactions =
                new TransactionManager(web3j, signer, new InMemorySentTransactions(), DevChainSettings.transactions());
        MulticallReader reader = new MulticallReader(web3j, uniswap.multicall3(), 50_000_000);
        PolicyCheckedOracle oracle = new PolicyCheckedOracle(
                DevChain.SEI_CHAIN_ID,
                aiOracle,
                Map.of(
                        vault.getContractAddress(),
                        new PolicyCheckedOracle.Vault(OraclePolicy.DEFAULTS, Optional.empty())),
                Web3jChainGateway.readOnly(reader, uniswap.multicall3(), () -> {}),
                new FeedReader(reader, uniswap.multicall3()));
        gateway = new Web3jChainGateway(
                reader,
                uniswap.multicall3(),
                transactions,
                oracle,
                PriceGuard.none(),
                DevChain.SEI_CHAIN_ID,
                web3j::shutdown);
    }

    @AfterEach
    void close() {
        web3j.shutdown();
    }

    private VaultState readVault() {
        VaultReading reading =
                gateway.readVaults(List.of(vault.getContractAddress())).get(0);
        return assertInstanceOf(VaultReading.Observed.class, reading, reading::toString)
                .state();
    }

    @Test
    void readsEveryVaultInOneRoundTripAndSkipsWhatIsNotAVault() throws Exception {
        String notAVault = chain.account(8).getAddress();
        List<VaultReading> first = gateway.readVaults(List.of(vault.getContractAddress(), notAVault));

        VaultState state =
                assertInstanceOf(VaultReading.Observed.class, first.get(0)).state();
        var slot0 = pool.slot0().send();
        assertEquals(slot0.component1(), state.sqrtPriceX96());
        assertEquals(slot0.component2().intValue(), state.tick());
        assertEquals(vault.twapTick().send().intValue(), state.twapTick());
        assertEquals(60, state.tickSpacing());
        assertEquals(vault.idleBalances().send().component1(), state.idle0());
        assertEquals(
                DEPOSIT,
                state.idle0()
                        .add(state.idle1())
                        .subtract(DEPOSIT)
                        .max(state.idle0())
                        .max(state.idle1()));
        assertEquals(new Range(-1200, 1200), state.position().orElseThrow());
        assertEquals(false, state.invested());
        assertTrue(state.lastRebalance().isEmpty());
        assertEquals(Duration.ofSeconds(900), state.guards().cooldown());
        assertEquals(100, state.guards().maxSlippageBps());
        assertEquals(false, state.paused());
        assertEquals(chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact(), state.blockNumber());
        VaultReading.Unreadable skipped = assertInstanceOf(VaultReading.Unreadable.class, first.get(1));
        assertEquals(notAVault.toLowerCase(), skipped.address());
        assertTrue(skipped.reason().contains("not a vault"), skipped.reason());

        // Once the vaults' pools are known, any number of vaults is one round trip.
        long before = counter.roundTrips();
        gateway.readVaults(List.of(vault.getContractAddress(), vault.getContractAddress(), notAVault));
        assertEquals(1, counter.roundTrips() - before);
    }

    @Test
    void aRebalanceSignedByTheOracleIsSentConfirmedAndVisibleInTheNextRead() throws Exception {
        VaultState before = readVault();
        RebalanceOrder order = order(before, new Range(-600, 600), BigInteger.valueOf(7));
        List<SubmittedTransaction> recorded = new ArrayList<>();

        SubmittedTransaction submitted = gateway.submitRebalance(order, recorded::add);
        TransactionStatus outcome = gateway.awaitOutcome(submitted);

        assertEquals(List.of(submitted), recorded);
        assertEquals(TransactionStatus.State.CONFIRMED, outcome.state());
        assertEquals(
                TransactionStatus.State.CONFIRMED, gateway.status(submitted).state());
        VaultState after = readVault();
        assertEquals(new Range(-600, 600), after.position().orElseThrow());
        assertTrue(after.liquidity().signum() > 0);
        assertTrue(after.lastRebalance().isPresent());
        assertTrue(vault.nonceUsed(BigInteger.valueOf(7)).send());

        // The same order again: the contract would revert (nonce used), so the estimate refuses it before sending.
        List<SubmittedTransaction> none = new ArrayList<>();
        assertThrows(RebalanceRejectedException.class, () -> gateway.submitRebalance(order, none::add));
        assertTrue(none.isEmpty());
    }

    @Test
    void anIdleOrderLeavesThePoolAndKeepsTheRangeItLeft() throws Exception {
        VaultState before = readVault();
        gateway.awaitOutcome(
                gateway.submitRebalance(order(before, new Range(-600, 600), BigInteger.valueOf(7)), tx -> {}));
        chain.increaseTime(900);
        chain.mine();

        SubmittedTransaction left =
                gateway.submitRebalance(order(readVault(), RebalanceTarget.IDLE, BigInteger.valueOf(8)), tx -> {});

        assertEquals(
                TransactionStatus.State.CONFIRMED, gateway.awaitOutcome(left).state());
        VaultState idle = readVault();
        assertEquals(BigInteger.ZERO, idle.liquidity());
        assertEquals(false, idle.invested());
        assertEquals(new Range(-600, 600), idle.position().orElseThrow());
        var totals = vault.totalAmounts().send();
        assertEquals(totals.component1(), idle.idle0());
        assertEquals(totals.component2(), idle.idle1());
    }

    @Test
    void aVaultOutsideTheSigningPolicyIsRefusedBeforeAnythingIsRecorded() {
        VaultState state = readVault();
        RebalanceOrder elsewhere = new RebalanceOrder(
                "cycle-x",
                chain.account(8).getAddress(),
                new Range(-600, 600),
                false,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                state.blockTime().plusSeconds(600),
                BigInteger.ONE);
        List<SubmittedTransaction> recorded = new ArrayList<>();
        assertThrows(RebalanceRejectedException.class, () -> gateway.submitRebalance(elsewhere, recorded::add));
        assertTrue(recorded.isEmpty());
    }

    private RebalanceOrder order(VaultState state, RebalanceTarget target, BigInteger nonce) {
        return new RebalanceOrder(
                "cycle-1",
                state.address(),
                target,
                false,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                state.blockTime().plusSeconds(600),
                nonce);
    }
}
