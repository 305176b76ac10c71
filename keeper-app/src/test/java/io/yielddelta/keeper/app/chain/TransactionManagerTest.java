package io.yielddelta.keeper.app.chain;

import static io.yielddelta.keeper.app.chain.ScriptedRpc.error;
import static io.yielddelta.keeper.app.chain.ScriptedRpc.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yielddelta.keeper.app.signing.SigningPolicy;
import io.yielddelta.keeper.app.signing.TestKeySigner;
import io.yielddelta.keeper.app.signing.TransactionSigner;
import io.yielddelta.keeper.core.chain.SentTransaction;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;

/** Node answers anvil does not give (geth's wordings, a lagging pending nonce), played by a scripted node. */
class TransactionManagerTest {

    private static final String VAULT = "0x00000000000000000000000000000000000000aa";
    private static final String CALL = "0x12345678";

    private final ScriptedRpc rpc = new ScriptedRpc()
            .on("eth_estimateGas", p -> result("\"0x186a0\""))
            .on(
                    "eth_feeHistory",
                    p -> result("{\"oldestBlock\":\"0x10\",\"baseFeePerGas\":[\"0x3b9aca00\",\"0x3b9aca00\"],"
                            + "\"gasUsedRatio\":[0.5],\"reward\":[[\"0x77359400\"]]}"))
            .on("eth_getTransactionReceipt", p -> result("null"));
    private final Web3j web3j = Web3j.build(rpc);
    private final InMemorySentTransactions journal = new InMemorySentTransactions();
    private final TransactionSigner signer = new TransactionSigner(
            TestKeySigner.of("0x01"), new SigningPolicy(Map.of(VAULT, Set.of(CALL)), BigInteger.valueOf(1_000_000)));
    private final TransactionManager manager = new TransactionManager(
            web3j,
            signer,
            journal,
            DevChainSettings.transactions(),
            Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC),
            d -> {});

    @AfterEach
    void stop() {
        web3j.shutdown();
    }

    @Test
    void pricesFromFeeHistoryAndAddsTheGasMargin() {
        rpc.on("eth_getTransactionCount", p -> result("\"0x5\""))
                .on("eth_sendRawTransaction", p -> result("\"0x" + "ab".repeat(32) + "\""));

        manager.submit(VAULT, CALL);

        SentTransaction sent = journal.all().get(0);
        // tip = 2 gwei (the median reward), max fee = 2 × 1 gwei next base fee + tip.
        assertEquals(BigInteger.valueOf(2_000_000_000L), sent.maxPriorityFeePerGas());
        assertEquals(BigInteger.valueOf(4_000_000_000L), sent.maxFeePerGas());
        var decoded = org.web3j.crypto.TransactionDecoder.decode(sent.rawTransaction());
        assertEquals(BigInteger.valueOf(120_000), decoded.getGasLimit());
    }

    @Test
    void aBroadcastThatFailsAfterJournalingIsAnUnknownOutcomeNotANeverSentOne() {
        // eth_sendRawTransaction is unscripted: the connection fails after the signed transaction was journaled.
        rpc.on("eth_getTransactionCount", p -> result("\"0x5\""));

        TransactionFailedException failure =
                assertThrows(TransactionFailedException.class, () -> manager.submit(VAULT, CALL));

        assertEquals(TransactionFailedException.Kind.OUTCOME_UNKNOWN, failure.kind());
        assertTrue(failure.getMessage().contains("may have been sent"), failure.getMessage());
        assertEquals(1, journal.all().size());
        assertTrue(failure.getMessage().contains(journal.all().get(0).hash()), failure.getMessage());
    }

    @Test
    void anRpcFailureBeforeSigningIsARejectionWithNothingJournaled() {
        ScriptedRpc down = new ScriptedRpc();
        TransactionManager unreachable = new TransactionManager(
                Web3j.build(down),
                signer,
                journal,
                DevChainSettings.transactions(),
                Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC),
                d -> {});

        TransactionFailedException failure =
                assertThrows(TransactionFailedException.class, () -> unreachable.submit(VAULT, CALL));

        assertEquals(TransactionFailedException.Kind.REJECTED, failure.kind());
        assertTrue(failure.getMessage().contains("before the transaction"), failure.getMessage());
        assertTrue(journal.all().isEmpty());
    }

    @Test
    void nonceTooLowFromALaggingNodeMovesToTheNextNonce() {
        AtomicInteger counts = new AtomicInteger();
        AtomicInteger sends = new AtomicInteger();
        rpc.on("eth_getTransactionCount", p -> result(counts.getAndIncrement() == 0 ? "\"0x5\"" : "\"0x6\""))
                .on(
                        "eth_sendRawTransaction",
                        p -> sends.getAndIncrement() == 0
                                ? error("nonce too low: next nonce 6, tx nonce 5")
                                : result("\"0x" + "ab".repeat(32) + "\""));

        TransactionManager.Submitted submitted = manager.submit(VAULT, CALL);

        assertEquals(6, submitted.nonce());
        assertEquals(
                List.of(5L, 6L),
                journal.all().stream().map(SentTransaction::nonce).toList());
    }

    @Test
    void replacementUnderpricedOutbidsAtTheSameNonceByAtLeastTenPercent() {
        AtomicInteger sends = new AtomicInteger();
        rpc.on("eth_getTransactionCount", p -> result("\"0x5\""))
                .on(
                        "eth_sendRawTransaction",
                        p -> sends.getAndIncrement() == 0
                                ? error("replacement transaction underpriced")
                                : result("\"0x" + "ab".repeat(32) + "\""));

        TransactionManager.Submitted submitted = manager.submit(VAULT, CALL);

        assertEquals(5, submitted.nonce());
        List<SentTransaction> sent = journal.all();
        assertEquals(2, sent.size());
        assertEquals(5, sent.get(1).nonce());
        assertTrue(new Fees(sent.get(1).maxFeePerGas(), sent.get(1).maxPriorityFeePerGas())
                .replaces(new Fees(sent.get(0).maxFeePerGas(), sent.get(0).maxPriorityFeePerGas()), 10));
        assertEquals(sent.get(1).hash(), submitted.hash());
    }

    @Test
    void alreadyKnownCountsAsSent() {
        rpc.on("eth_getTransactionCount", p -> result("\"0x5\""))
                .on("eth_sendRawTransaction", p -> error("already known"));

        TransactionManager.Submitted submitted = manager.submit(VAULT, CALL);

        assertEquals(5, submitted.nonce());
        assertEquals(1, journal.all().size());
        assertEquals(
                1, rpc.calls().stream().filter("eth_sendRawTransaction"::equals).count());
    }

    @Test
    void aThrowingBeforeBroadcastHookLeavesNothingRecordedOrSent() {
        rpc.on("eth_getTransactionCount", p -> result("\"0x5\""))
                .on("eth_sendRawTransaction", p -> result("\"0x" + "ab".repeat(32) + "\""));
        List<TransactionManager.Submitted> announced = new java.util.ArrayList<>();

        assertThrows(
                IllegalStateException.class,
                () -> manager.submit(VAULT, CALL, submitted -> {
                    announced.add(submitted);
                    throw new IllegalStateException("journal down");
                }));

        assertEquals(1, announced.size());
        assertEquals(5, announced.get(0).nonce());
        assertTrue(journal.all().isEmpty());
        assertTrue(rpc.calls().stream().noneMatch("eth_sendRawTransaction"::equals));
    }

    @Test
    void otherRefusalsAreRejectedAndNotRetried() {
        rpc.on("eth_getTransactionCount", p -> result("\"0x5\""))
                .on("eth_sendRawTransaction", p -> error("insufficient funds for gas * price + value"));

        TransactionFailedException e =
                assertThrows(TransactionFailedException.class, () -> manager.submit(VAULT, CALL));

        assertEquals(TransactionFailedException.Kind.REJECTED, e.kind());
        assertTrue(e.getMessage().contains("insufficient funds"), e.getMessage());
        assertEquals(
                1, rpc.calls().stream().filter("eth_sendRawTransaction"::equals).count());
    }

    @Test
    void anUnconfirmedTransactionBecomesAnUnknownOutcomeAfterTheTimeoutNotAnEndlessWait() {
        rpc.on("eth_getTransactionCount", p -> result("\"0x5\""))
                .on("eth_sendRawTransaction", p -> result("\"0x" + "ab".repeat(32) + "\""))
                .on("eth_blockNumber", p -> result("\"0x20\""));
        // A clock that moves one poll interval per pause.
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T00:00:00Z"));
        TransactionManager timed =
                new TransactionManager(web3j, signer, journal, DevChainSettings.transactions(), clock, clock::advance);

        TransactionManager.Submitted submitted = timed.submit(VAULT, CALL);
        TransactionFailedException e =
                assertThrows(TransactionFailedException.class, () -> timed.awaitConfirmation(submitted));

        assertEquals(TransactionFailedException.Kind.OUTCOME_UNKNOWN, e.kind());
        // It was replaced along the way (every 300 ms of the 30 s), each replacement journaled at the same nonce.
        assertTrue(journal.atNonce(signer.address(), 1329, 5).size() > 10);
        assertTrue(e.getMessage().contains(submitted.hash()), e.getMessage());
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
