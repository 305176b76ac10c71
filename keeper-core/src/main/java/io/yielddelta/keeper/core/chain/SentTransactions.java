package io.yielddelta.keeper.core.chain;

import java.util.List;
import java.util.OptionalLong;

/**
 * The durable record of every transaction the keeper signed, written <em>before</em> it is broadcast. It lets nonces
 * survive restarts (the next nonce is never below the highest recorded one + 1), lets a restarted keeper re-broadcast
 * what a node forgot (so no nonce gap is left), and tells which of several same-nonce transactions (a stuck one and
 * its replacements) were ours. The keeper's journal implements it in production.
 */
public interface SentTransactions {

    /** Records a signed transaction; called before it is sent, so a crash after sending cannot lose it. */
    void record(SentTransaction transaction);

    /** The highest nonce recorded for this sender on this chain, if any. */
    OptionalLong highestNonce(String sender, long chainId);

    /** Every transaction recorded for this sender, chain and nonce, oldest first (a stuck one, then its replacements). */
    List<SentTransaction> atNonce(String sender, long chainId, long nonce);
}
