package io.yielddelta.keeper.app.chain;

import io.yielddelta.keeper.app.signing.TransactionSigner;
import io.yielddelta.keeper.core.chain.SentTransaction;
import io.yielddelta.keeper.core.chain.SentTransactions;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.Transaction1559;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Sends the keeper's transactions and follows them to a confirmed receipt.
 *
 * <ul>
 *   <li>Nonce: max(the node's pending nonce, the highest nonce in the {@link SentTransactions} journal + 1), so a
 *       restart or a lagging node never reuses one; recorded transactions the node does not show are re-broadcast
 *       (or replaced) first, so no nonce gap is left.</li>
 *   <li>Every signed transaction is journaled before it is broadcast.</li>
 *   <li>Fees from {@link FeeOracle} (EIP-1559, capped); gas from {@code eth_estimateGas} plus a margin.</li>
 *   <li>A transaction unmined after {@code replaceAfter} is replaced at the same nonce with both fees raised by at
 *       least {@code feeBumpPercent}; whichever of our hashes at that nonce is mined is the outcome.</li>
 *   <li>"nonce too low", "already known" and "replacement underpriced" are reconciled, not treated as failures.</li>
 * </ul>
 *
 * One instance per signing key; its methods are serialised so nonces are handed out one at a time.
 */
public final class TransactionManager {

    private static final Logger log = LoggerFactory.getLogger(TransactionManager.class);
    private static final int MAX_SEND_ATTEMPTS = 5;
    private static final int NONCE_TAKEN_GRACE_POLLS = 10;

    /** Pauses between polls; tests may pass one that advances a test clock. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** A transaction handed to the node: its sender, nonce and (first) hash. */
    public record Submitted(String sender, long nonce, String hash) {}

    private final Web3j web3j;
    private final TransactionSigner signer;
    private final SentTransactions journal;
    private final FeeOracle fees;
    private final TransactionSettings settings;
    private final Clock clock;
    private final Pause pause;
    private final String sender;
    private final ChainMetrics metrics;

    public TransactionManager(
            Web3j web3j,
            TransactionSigner signer,
            SentTransactions journal,
            TransactionSettings settings,
            Clock clock,
            Pause pause) {
        this(web3j, signer, journal, settings, clock, pause, ChainMetrics.NONE);
    }

    /** @param metrics told of confirmed gas and fees, replacements and nonce gaps */
    public TransactionManager(
            Web3j web3j,
            TransactionSigner signer,
            SentTransactions journal,
            TransactionSettings settings,
            Clock clock,
            Pause pause,
            ChainMetrics metrics) {
        this.metrics = metrics;
        this.web3j = web3j;
        this.signer = signer;
        this.journal = journal;
        this.settings = settings;
        this.clock = clock;
        this.pause = pause;
        this.fees = new FeeOracle(web3j, settings);
        this.sender = signer.address();
    }

    public TransactionManager(
            Web3j web3j, TransactionSigner signer, SentTransactions journal, TransactionSettings settings) {
        this(web3j, signer, journal, settings, Clock.systemUTC(), d -> Thread.sleep(d));
    }

    public String sender() {
        return sender;
    }

    /** Where a submitted nonce stands now, without waiting: see {@link #status}. */
    public enum Stage {
        /** One of our transactions at the nonce is mined with the configured confirmations (its receipt may revert). */
        CONFIRMED,
        /** Mined, not yet deep enough. */
        MINED,
        /** Not mined; the node knows one of our transactions at the nonce. */
        IN_POOL,
        /** Not mined and the node knows none of them (dropped, or never arrived): awaiting re-broadcast. */
        NOT_FOUND,
        /** The nonce was mined by a transaction that is not ours: ours can never be mined. */
        NONCE_TAKEN
    }

    /** @param receipt the mined receipt for CONFIRMED and MINED, else null */
    public record Status(Stage stage, TransactionReceipt receipt) {}

    /** Called with a new transaction's identity after signing and before it is journaled or broadcast. */
    @FunctionalInterface
    public interface BeforeBroadcast {
        void accept(Submitted submitted);
    }

    /** Sends a call and waits until it is confirmed; see {@link #submit} and {@link #awaitConfirmation}. */
    public TransactionReceipt execute(String to, String data) {
        return awaitConfirmation(submit(to, data));
    }

    public Submitted submit(String to, String data) {
        return submit(to, data, submitted -> {});
    }

    /**
     * Estimates, prices, signs (through the policy-checked signer), journals and broadcasts a call.
     * {@code beforeBroadcast} sees each new nonce's identity before anything could broadcast it (the journal of
     * {@link SentTransactions} included, as it is re-broadcast after restarts); if it throws, nothing is recorded or
     * sent and the exception propagates.
     *
     * @throws TransactionFailedException {@code REJECTED} if the estimate reverts or the node refuses it
     */
    public synchronized Submitted submit(String to, String data, BeforeBroadcast beforeBroadcast) {
        SentTransaction journaled = null;
        try {
            BigInteger gas = estimateGas(to, data);
            Fees price = fees.current();
            long nonce = nextNonce();
            long announced = -1;
            for (int attempt = 1; attempt <= MAX_SEND_ATTEMPTS; attempt++) {
                RawTransaction transaction = RawTransaction.createTransaction(
                        settings.chainId(),
                        BigInteger.valueOf(nonce),
                        gas,
                        to,
                        BigInteger.ZERO,
                        data,
                        price.maxPriorityFeePerGas(),
                        price.maxFeePerGas());
                SentTransaction sent = sign(transaction);
                if (announced != nonce) {
                    beforeBroadcast.accept(new Submitted(sender, nonce, sent.hash()));
                    announced = nonce;
                }
                journal.record(sent);
                journaled = sent;
                Answer answer = broadcast(sent);
                switch (answer.outcome()) {
                    case ACCEPTED, ALREADY_KNOWN -> {
                        log.info(
                                "sent {} nonce {} to {} (max fee {}, tip {})",
                                sent.hash(),
                                nonce,
                                to,
                                price.maxFeePerGas(),
                                price.maxPriorityFeePerGas());
                        return new Submitted(sender, nonce, sent.hash());
                    }
                    case NONCE_TOO_LOW -> {
                        Optional<TransactionReceipt> ours = minedReceipt(nonce);
                        if (ours.isPresent()) {
                            // One of our earlier transactions at this nonce was mined: that is this nonce's outcome,
                            // and the next attempt moves on to a fresh nonce.
                            log.info(
                                    "nonce {} already mined as our {}; retrying on the next nonce",
                                    nonce,
                                    ours.get().getTransactionHash());
                        } else {
                            log.warn("nonce {} was used by a transaction that is not ours; retrying", nonce);
                        }
                        nonce = nextNonce();
                    }
                    case UNDERPRICED -> {
                        // Something else holds this nonce in the pool, or the fees are under the base fee: outbid
                        // at the same nonce (a new nonce would run the call twice if both were mined).
                        price = price.bumpedBy(settings.feeBumpPercent())
                                .atLeast(fees.current())
                                .cappedAt(settings.maxFeePerGasCap());
                        log.info("nonce {} underpriced; retrying with max fee {}", nonce, price.maxFeePerGas());
                    }
                    case REJECTED ->
                        throw new TransactionFailedException(
                                TransactionFailedException.Kind.REJECTED,
                                "node refused transaction nonce " + nonce + " to " + to + ": " + answer.error());
                }
            }
            throw new TransactionFailedException(
                    TransactionFailedException.Kind.REJECTED,
                    "no nonce accepted after " + MAX_SEND_ATTEMPTS + " attempts for a transaction to " + to);
        } catch (IOException e) {
            if (journaled != null) {
                // The broadcast may have reached the node before the connection failed: only the chain can tell.
                throw new TransactionFailedException(
                        TransactionFailedException.Kind.OUTCOME_UNKNOWN,
                        "RPC failed while "
                                + "broadcasting " + journaled.hash() + " (nonce " + journaled.nonce() + ") to " + to
                                + "; it may have been sent: " + e.getMessage(),
                        e);
            }
            throw new TransactionFailedException(
                    TransactionFailedException.Kind.REJECTED,
                    "RPC failed before the transaction to " + to + " was sent: " + e.getMessage(),
                    e);
        }
    }

    /**
     * Polls until one of our transactions at the submitted nonce has {@code confirmations} blocks, replacing it with
     * higher fees whenever it stays unmined for {@code replaceAfter}. Works from the journal, so it can follow a
     * transaction sent before a restart.
     *
     * @return the receipt of whichever of our same-nonce transactions was mined (its status may be a revert)
     * @throws TransactionFailedException {@code NONCE_TAKEN} or {@code OUTCOME_UNKNOWN}
     */
    public TransactionReceipt awaitConfirmation(Submitted submitted) {
        long nonce = submitted.nonce();
        Instant deadline = clock.instant().plus(settings.confirmationTimeout());
        Instant lastSent = latestAt(nonce).signedAt();
        Instant usedWithoutReceiptSince = null;
        while (true) {
            try {
                Optional<TransactionReceipt> mined = minedReceipt(nonce);
                if (mined.isPresent()) {
                    usedWithoutReceiptSince = null;
                    long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
                    long depth = head - mined.get().getBlockNumber().longValueExact() + 1;
                    if (depth >= settings.confirmations()) {
                        // Re-read it: a reorg in the meantime may have dropped it (then we keep waiting).
                        Optional<TransactionReceipt> still = receipt(mined.get().getTransactionHash());
                        if (still.isPresent()
                                && still.get().getBlockHash().equals(mined.get().getBlockHash())) {
                            reportFee(still.get());
                            return still.get();
                        }
                    }
                } else if (chainNonce(DefaultBlockParameterName.LATEST) > nonce) {
                    // The nonce is used but none of our hashes has a receipt. A node can count a mined transaction
                    // before it serves its receipt (anvil does, and so can a lagging node behind a load balancer):
                    // only a nonce that stays used without our receipt for a grace period was taken by someone else.
                    Instant now = clock.instant();
                    if (usedWithoutReceiptSince == null) {
                        usedWithoutReceiptSince = now;
                    } else if (!now.isBefore(usedWithoutReceiptSince.plus(nonceTakenGrace()))) {
                        throw new TransactionFailedException(
                                TransactionFailedException.Kind.NONCE_TAKEN,
                                "nonce " + nonce + " of " + sender + " was mined, but not as any of our transactions "
                                        + hashesAt(nonce));
                    }
                } else if (!clock.instant().isBefore(lastSent.plus(settings.replaceAfter()))) {
                    replace(nonce);
                    lastSent = clock.instant();
                }
            } catch (IOException e) {
                log.warn("polling nonce {} failed, will retry: {}", nonce, e.getMessage());
            }
            if (clock.instant().isAfter(deadline)) {
                throw new TransactionFailedException(
                        TransactionFailedException.Kind.OUTCOME_UNKNOWN,
                        "nonce " + nonce + " of " + sender + " not confirmed within " + settings.confirmationTimeout()
                                + "; journaled hashes " + hashesAt(nonce));
            }
            try {
                pause.sleep(settings.pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransactionFailedException(
                        TransactionFailedException.Kind.OUTCOME_UNKNOWN,
                        "interrupted while waiting for nonce " + nonce + "; journaled hashes " + hashesAt(nonce),
                        e);
            }
        }
    }

    /** Where the submitted nonce stands now: one look at the node, no waiting, no replacing. */
    public Status status(Submitted submitted) {
        long nonce = submitted.nonce();
        try {
            Optional<TransactionReceipt> mined = minedReceipt(nonce);
            if (mined.isPresent()) {
                long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
                long depth = head - mined.get().getBlockNumber().longValueExact() + 1;
                return new Status(depth >= settings.confirmations() ? Stage.CONFIRMED : Stage.MINED, mined.get());
            }
            if (chainNonce(DefaultBlockParameterName.LATEST) > nonce) {
                Optional<TransactionReceipt> late = minedReceipt(nonce);
                return late.map(r -> new Status(Stage.MINED, r)).orElse(new Status(Stage.NONCE_TAKEN, null));
            }
            for (SentTransaction ours : journal.atNonce(sender, settings.chainId(), nonce)) {
                if (web3j.ethGetTransactionByHash(ours.hash())
                        .send()
                        .getTransaction()
                        .isPresent()) {
                    return new Status(Stage.IN_POOL, null);
                }
            }
            return new Status(Stage.NOT_FOUND, null);
        } catch (IOException e) {
            throw new TransactionFailedException(
                    TransactionFailedException.Kind.OUTCOME_UNKNOWN,
                    "cannot look up nonce " + nonce + " of " + sender + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * The nonce for a new transaction. Recorded transactions at or above the node's pending nonce are ones the node
     * does not hold (dropped, or sent through another node): they are re-broadcast, or replaced if the node refuses
     * them, so the new nonce does not leave a gap behind it.
     */
    synchronized long nextNonce() throws IOException {
        long pending = chainNonce(DefaultBlockParameterName.PENDING);
        OptionalLong highest = journal.highestNonce(sender, settings.chainId());
        if (highest.isEmpty() || highest.getAsLong() < pending) {
            return pending;
        }
        for (long nonce = pending; nonce <= highest.getAsLong(); nonce++) {
            if (journal.atNonce(sender, settings.chainId(), nonce).isEmpty()) {
                metrics.nonceGap(false);
                throw new IllegalStateException("journal has no transaction at nonce " + nonce + " of " + sender
                        + " below its highest " + highest.getAsLong() + ": refusing to leave a gap");
            }
            metrics.nonceGap(true);
            SentTransaction latest = latestAt(nonce);
            SendOutcome outcome = broadcast(latest).outcome();
            if (outcome == SendOutcome.UNDERPRICED || outcome == SendOutcome.REJECTED) {
                replace(nonce);
            }
        }
        return highest.getAsLong() + 1;
    }

    /** Re-signs the newest transaction at this nonce with both fees raised (and at least today's), and sends it. */
    private void replace(long nonce) throws IOException {
        SentTransaction latest = latestAt(nonce);
        Fees previous = new Fees(latest.maxFeePerGas(), latest.maxPriorityFeePerGas());
        Fees next = previous.bumpedBy(settings.feeBumpPercent())
                .atLeast(fees.current())
                .cappedAt(settings.maxFeePerGasCap());
        if (!next.replaces(previous, 10)) {
            log.warn("nonce {} unmined but its fees are at the cap {}; waiting", nonce, settings.maxFeePerGasCap());
            return;
        }
        Transaction1559 old = (Transaction1559)
                TransactionDecoder.decode(latest.rawTransaction()).getTransaction();
        RawTransaction replacement = RawTransaction.createTransaction(
                settings.chainId(),
                old.getNonce(),
                old.getGasLimit(),
                old.getTo(),
                old.getValue(),
                old.getData(),
                next.maxPriorityFeePerGas(),
                next.maxFeePerGas());
        SentTransaction sent = signAndRecord(replacement);
        SendOutcome outcome = broadcast(sent).outcome();
        metrics.transactionReplaced();
        log.info(
                "replaced nonce {}: {} -> {} (max fee {} -> {}): {}",
                nonce,
                latest.hash(),
                sent.hash(),
                previous.maxFeePerGas(),
                next.maxFeePerGas(),
                outcome);
    }

    private void reportFee(TransactionReceipt receipt) {
        BigInteger gasUsed = receipt.getGasUsed();
        String price = receipt.getEffectiveGasPrice();
        metrics.transactionConfirmed(
                gasUsed, price == null ? BigInteger.ZERO : gasUsed.multiply(Numeric.decodeQuantity(price)));
    }

    private SentTransaction sign(RawTransaction transaction) {
        TransactionSigner.SignedTransaction signed = signer.sign(transaction);
        Transaction1559 fields = (Transaction1559) transaction.getTransaction();
        return new SentTransaction(
                sender,
                settings.chainId(),
                transaction.getNonce().longValueExact(),
                signed.hash(),
                fields.getMaxFeePerGas(),
                fields.getMaxPriorityFeePerGas(),
                signed.raw(),
                clock.instant());
    }

    private SentTransaction signAndRecord(RawTransaction transaction) {
        SentTransaction sent = sign(transaction);
        journal.record(sent);
        return sent;
    }

    /** A node's answer to a broadcast: what it means, and its error message if any. */
    private record Answer(SendOutcome outcome, String error) {}

    private Answer broadcast(SentTransaction sent) throws IOException {
        EthSendTransaction response;
        try {
            response = web3j.ethSendRawTransaction(sent.rawTransaction()).send();
        } catch (IOException e) {
            // The node may or may not have it; the same signed bytes can be sent again without harm.
            if (web3j.ethGetTransactionByHash(sent.hash())
                    .send()
                    .getTransaction()
                    .isPresent()) {
                return new Answer(SendOutcome.ACCEPTED, "");
            }
            response = web3j.ethSendRawTransaction(sent.rawTransaction()).send();
        }
        if (!response.hasError()) {
            return new Answer(SendOutcome.ACCEPTED, "");
        }
        String error = response.getError().getMessage();
        SendOutcome outcome = SendOutcome.ofError(error);
        log.info("node answered {} for nonce {} ({}): {}", outcome, sent.nonce(), sent.hash(), error);
        return new Answer(outcome, error);
    }

    private BigInteger estimateGas(String to, String data) throws IOException {
        EthEstimateGas estimate = web3j.ethEstimateGas(Transaction.createEthCallTransaction(sender, to, data))
                .send();
        if (estimate.hasError()) {
            throw new TransactionFailedException(
                    TransactionFailedException.Kind.REJECTED,
                    "gas estimate for a call to " + to + " failed: "
                            + estimate.getError().getMessage());
        }
        return estimate.getAmountUsed()
                .multiply(BigInteger.valueOf(100L + settings.gasMarginPercent()))
                .divide(BigInteger.valueOf(100));
    }

    /** How long a used nonce may lack our receipt before it counts as taken: ten polls. */
    private Duration nonceTakenGrace() {
        return settings.pollInterval().multipliedBy(NONCE_TAKEN_GRACE_POLLS);
    }

    private Optional<TransactionReceipt> minedReceipt(long nonce) throws IOException {
        List<SentTransaction> ours = journal.atNonce(sender, settings.chainId(), nonce);
        for (int i = ours.size() - 1; i >= 0; i--) {
            Optional<TransactionReceipt> receipt = receipt(ours.get(i).hash());
            if (receipt.isPresent()) {
                return receipt;
            }
        }
        return Optional.empty();
    }

    private Optional<TransactionReceipt> receipt(String hash) throws IOException {
        return web3j.ethGetTransactionReceipt(hash)
                .send()
                .getTransactionReceipt()
                .filter(r -> r.getBlockNumberRaw() != null);
    }

    private long chainNonce(DefaultBlockParameterName block) throws IOException {
        return web3j.ethGetTransactionCount(sender, block)
                .send()
                .getTransactionCount()
                .longValueExact();
    }

    private SentTransaction latestAt(long nonce) {
        List<SentTransaction> atNonce = journal.atNonce(sender, settings.chainId(), nonce);
        if (atNonce.isEmpty()) {
            throw new IllegalArgumentException("no journaled transaction at nonce " + nonce + " of " + sender);
        }
        return atNonce.get(atNonce.size() - 1);
    }

    private List<String> hashesAt(long nonce) {
        return journal.atNonce(sender, settings.chainId(), nonce).stream()
                .map(SentTransaction::hash)
                .toList();
    }
}
