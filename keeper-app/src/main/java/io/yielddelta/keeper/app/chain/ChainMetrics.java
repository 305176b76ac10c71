package io.yielddelta.keeper.app.chain;

import java.math.BigInteger;
import java.time.Duration;

/**
 * What the chain edge reports for metrics: every JSON-RPC round trip by node, and the transaction manager's gas, fees,
 * replacements and nonce gaps. Nodes are named by their position in {@code rpcUrls}: URLs often carry API keys.
 * Records nothing by default.
 */
public interface ChainMetrics {

    /**
     * @param node   the node's position (0-based) in the configured URLs
     * @param method the JSON-RPC method, or {@code batch}
     * @param failed the node could not be reached or answered with an HTTP error (it is then switched away from)
     */
    default void rpcCall(int node, String method, Duration took, boolean failed) {}

    /** A keeper transaction was confirmed: the gas it used and the fee it paid, in wei. */
    default void transactionConfirmed(BigInteger gasUsed, BigInteger feeWei) {}

    /** A stuck transaction was replaced at its nonce with higher fees. */
    default void transactionReplaced() {}

    /**
     * Journaled transactions the node did not hold were found below a new nonce.
     *
     * @param rebroadcast true when they were sent again (or replaced); false when the journal itself had a hole and the
     *                    new transaction was refused
     */
    default void nonceGap(boolean rebroadcast) {}

    ChainMetrics NONE = new ChainMetrics() {};
}
