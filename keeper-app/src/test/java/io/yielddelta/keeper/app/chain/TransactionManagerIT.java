package io.yielddelta.keeper.app.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yielddelta.keeper.app.signing.SigningPolicy;
import io.yielddelta.keeper.app.signing.TestKeySigner;
import io.yielddelta.keeper.app.signing.TransactionSigner;
import io.yielddelta.keeper.contracts.devchain.DevChain;
import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.contracts.generated.TestToken;
import io.yielddelta.keeper.core.chain.SentTransaction;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.RawTransaction;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

@ExtendWith(DevChainExtension.class)
class TransactionManagerIT {

    private static final BigInteger GWEI = DevChainSettings.GWEI;

    private DevChain chain;
    private TestToken token;
    private TransactionSigner signer;
    private final InMemorySentTransactions journal = new InMemorySentTransactions();

    @BeforeEach
    void deployToken(DevChain chain, UniswapV3Stack uniswap) {
        this.chain = chain;
        this.token = uniswap.deployToken("Keeper Test", "KT", 18);
        String mint = FunctionEncoder.encode(mint(chain.account(3).getAddress(), BigInteger.ONE))
                .substring(0, 10);
        this.signer = new TransactionSigner(
                new TestKeySigner(chain.account(3).getEcKeyPair()),
                new SigningPolicy(Map.of(token.getContractAddress(), Set.of(mint)), BigInteger.valueOf(500_000)));
    }

    static Function mint(String to, BigInteger amount) {
        return new Function("mint", List.of(new Address(to), new Uint256(amount)), List.of());
    }

    private String mintCall(long amount) {
        return FunctionEncoder.encode(mint(signer.address(), BigInteger.valueOf(amount)));
    }

    private TransactionManager manager() {
        return new TransactionManager(chain.web3j(), signer, journal, DevChainSettings.transactions());
    }

    private long nonceOf(String hash) throws Exception {
        return chain.web3j()
                .ethGetTransactionByHash(hash)
                .send()
                .getTransaction()
                .orElseThrow()
                .getNonce()
                .longValueExact();
    }

    private BigInteger balance() throws Exception {
        return token.balanceOf(signer.address()).send();
    }

    @Test
    void sendsAndConfirmsWithEstimatedGasAndFeeHistoryFees() throws Exception {
        TransactionReceipt receipt = manager().execute(token.getContractAddress(), mintCall(5));

        assertTrue(receipt.isStatusOK());
        assertEquals(signer.address(), receipt.getFrom());
        assertEquals(BigInteger.valueOf(5), balance());
        SentTransaction sent = journal.all().get(0);
        assertEquals(receipt.getTransactionHash(), sent.hash());
        // The estimate plus its margin: above what was used, under the policy's cap.
        var tx = chain.web3j()
                .ethGetTransactionByHash(sent.hash())
                .send()
                .getTransaction()
                .orElseThrow();
        assertTrue(tx.getGas().compareTo(receipt.getGasUsed()) > 0);
        assertTrue(tx.getGas().compareTo(BigInteger.valueOf(500_000)) <= 0);
        assertTrue(sent.maxFeePerGas().compareTo(sent.maxPriorityFeePerGas()) > 0);
    }

    @Test
    void aTransactionStuckBelowTheBaseFeeIsReplacedAtTheSameNonceAndConfirmed() throws Exception {
        TransactionManager manager = manager();
        chain.setAutomine(false);
        ScheduledExecutorService miner = Executors.newSingleThreadScheduledExecutor();
        try {
            TransactionManager.Submitted first = manager.submit(token.getContractAddress(), mintCall(7));
            SentTransaction stuck = journal.all().get(0);
            // The base fee jumps far above the transaction's max fee: it cannot be mined.
            chain.setNextBlockBaseFeePerGas(GWEI.multiply(BigInteger.valueOf(100)));
            chain.mine();
            assertTrue(chain.web3j()
                    .ethGetTransactionReceipt(first.hash())
                    .send()
                    .getTransactionReceipt()
                    .isEmpty());
            assertTrue(stuck.maxFeePerGas().compareTo(GWEI.multiply(BigInteger.valueOf(87))) < 0);

            miner.scheduleWithFixedDelay(chain::mine, 100, 100, TimeUnit.MILLISECONDS);
            TransactionReceipt receipt = manager.awaitConfirmation(first);

            assertTrue(receipt.isStatusOK());
            assertNotEquals(first.hash(), receipt.getTransactionHash());
            assertEquals(first.nonce(), nonceOf(receipt.getTransactionHash()));
            assertTrue(chain.web3j()
                    .ethGetTransactionReceipt(first.hash())
                    .send()
                    .getTransactionReceipt()
                    .isEmpty());
            List<SentTransaction> atNonce = journal.atNonce(signer.address(), DevChain.SEI_CHAIN_ID, first.nonce());
            assertTrue(atNonce.size() >= 2);
            SentTransaction replacement = atNonce.stream()
                    .filter(t -> t.hash().equals(receipt.getTransactionHash()))
                    .findFirst()
                    .orElseThrow();
            assertTrue(new Fees(replacement.maxFeePerGas(), replacement.maxPriorityFeePerGas())
                    .replaces(new Fees(stuck.maxFeePerGas(), stuck.maxPriorityFeePerGas()), 10));
            assertEquals(BigInteger.valueOf(7), balance());
        } finally {
            miner.shutdownNow();
            miner.awaitTermination(5, TimeUnit.SECONDS);
            chain.setAutomine(true);
        }
    }

    @Test
    void aRestartedManagerRebroadcastsWhatTheNodeNeverGotAndLeavesNoNonceGap() throws Exception {
        manager().execute(token.getContractAddress(), mintCall(1));
        long next = chain.web3j()
                .ethGetTransactionCount(signer.address(), DefaultBlockParameterName.LATEST)
                .send()
                .getTransactionCount()
                .longValueExact();

        // A crash between journaling and broadcasting: the journal holds nonce `next`, the node never saw it.
        RawTransaction lost = RawTransaction.createTransaction(
                DevChain.SEI_CHAIN_ID,
                BigInteger.valueOf(next),
                BigInteger.valueOf(200_000),
                token.getContractAddress(),
                BigInteger.ZERO,
                mintCall(10),
                GWEI,
                GWEI.multiply(BigInteger.valueOf(50)));
        TransactionSigner.SignedTransaction signed = signer.sign(lost);
        journal.record(new SentTransaction(
                signer.address(),
                DevChain.SEI_CHAIN_ID,
                next,
                signed.hash(),
                GWEI.multiply(BigInteger.valueOf(50)),
                GWEI,
                signed.raw(),
                Clock.systemUTC().instant()));

        TransactionManager restarted = manager();
        TransactionReceipt receipt = restarted.execute(token.getContractAddress(), mintCall(100));

        assertEquals(next + 1, nonceOf(receipt.getTransactionHash()));
        assertTrue(chain.web3j()
                .ethGetTransactionReceipt(signed.hash())
                .send()
                .getTransactionReceipt()
                .orElseThrow()
                .isStatusOK());
        assertEquals(
                next + 2,
                chain.web3j()
                        .ethGetTransactionCount(signer.address(), DefaultBlockParameterName.LATEST)
                        .send()
                        .getTransactionCount()
                        .longValueExact());
        assertEquals(BigInteger.valueOf(111), balance());
    }

    @Test
    void aRestartWhileATransactionIsPendingTakesTheNextNonce() throws Exception {
        chain.setAutomine(false);
        try {
            TransactionManager.Submitted first = manager().submit(token.getContractAddress(), mintCall(2));
            assertEquals(
                    TransactionManager.Stage.IN_POOL, manager().status(first).stage());
            // A restart while the first is still pending (re-broadcast if the node's pending nonce misses it).
            TransactionManager.Submitted second = manager().submit(token.getContractAddress(), mintCall(3));
            assertEquals(first.nonce() + 1, second.nonce());
            chain.mine();
            TransactionManager.Status status = manager().status(second);
            assertEquals(TransactionManager.Stage.CONFIRMED, status.stage());
            assertEquals(second.hash(), status.receipt().getTransactionHash());
        } finally {
            chain.setAutomine(true);
        }
        assertEquals(BigInteger.valueOf(5), balance());
    }

    @Test
    void aNonceTakenBySomeoneElseWithTheSameKeyIsReportedNotAwaitedForever() throws Exception {
        TransactionManager manager = manager();
        chain.setAutomine(false);
        try {
            TransactionManager.Submitted ours = manager.submit(token.getContractAddress(), mintCall(4));
            // Another process holding the same key replaces it at the same nonce with much higher fees.
            RawTransaction foreign = RawTransaction.createTransaction(
                    DevChain.SEI_CHAIN_ID,
                    BigInteger.valueOf(ours.nonce()),
                    BigInteger.valueOf(200_000),
                    token.getContractAddress(),
                    BigInteger.ZERO,
                    mintCall(1000),
                    GWEI.multiply(BigInteger.TEN),
                    GWEI.multiply(BigInteger.valueOf(500)));
            String raw = signer.sign(foreign).raw();
            assertTrue(!chain.web3j().ethSendRawTransaction(raw).send().hasError());
            chain.mine();
        } finally {
            chain.setAutomine(true);
        }
        TransactionFailedException e =
                assertThrows(TransactionFailedException.class, () -> manager.awaitConfirmation(journalNonce()));
        assertEquals(TransactionFailedException.Kind.NONCE_TAKEN, e.kind());
        assertEquals(
                TransactionManager.Stage.NONCE_TAKEN,
                manager.status(journalNonce()).stage());

        // The manager carries on at the next nonce.
        TransactionReceipt next = manager.execute(token.getContractAddress(), mintCall(1));
        assertTrue(next.isStatusOK());
        assertEquals(BigInteger.valueOf(1001), balance());
    }

    @Test
    void aReceiptTheNodeServesLateIsNotMistakenForANonceTakenBySomeoneElse() throws Exception {
        // The node counts the mined transaction at once but answers its first receipt lookups with null, as anvil
        // sometimes does right after mining (foundry-rs/foundry#10944) and a lagging node behind a balancer can.
        AtomicInteger lateReceipts = new AtomicInteger(3);
        HttpService lagging = new HttpService(chain.rpcUrl()) {
            @Override
            public <T extends Response> T send(Request request, Class<T> responseType) throws IOException {
                if (request.getMethod().equals("eth_getTransactionReceipt") && lateReceipts.getAndDecrement() > 0) {
                    try {
                        return responseType.getDeclaredConstructor().newInstance();
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return super.send(request, responseType);
            }
        };
        TransactionManager manager =
                new TransactionManager(Web3j.build(lagging), signer, journal, DevChainSettings.transactions());

        TransactionReceipt receipt = manager.execute(token.getContractAddress(), mintCall(7));

        assertTrue(receipt.isStatusOK());
        assertEquals(BigInteger.valueOf(7), balance());
        assertTrue(lateReceipts.get() < 0, "the node served null receipts first");
    }

    private TransactionManager.Submitted journalNonce() {
        SentTransaction sent = journal.all().get(0);
        return new TransactionManager.Submitted(sent.sender(), sent.nonce(), sent.hash());
    }

    @Test
    void gasEstimatesThatRevertAreRejectedBeforeAnythingIsSigned() {
        String burnTooMuch = FunctionEncoder.encode(new Function(
                "transfer",
                List.of(new Address(chain.account(4).getAddress()), new Uint256(BigInteger.TEN)),
                List.of()));
        TransactionFailedException e = assertThrows(
                TransactionFailedException.class, () -> manager().submit(token.getContractAddress(), burnTooMuch));
        assertEquals(TransactionFailedException.Kind.REJECTED, e.kind());
        assertTrue(journal.all().isEmpty());
    }
}
