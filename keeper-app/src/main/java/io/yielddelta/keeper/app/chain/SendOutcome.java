package io.yielddelta.keeper.app.chain;

import java.util.Locale;

/**
 * What a node's answer to {@code eth_sendRawTransaction} means for the keeper. The wording differs between clients
 * (geth, anvil, Sei's), so only the stable phrases are matched.
 */
enum SendOutcome {
    /** In the node's pool now. */
    ACCEPTED,
    /** The node already has this very transaction ("already known", anvil: "transaction already imported"). */
    ALREADY_KNOWN,
    /** The nonce is used: one of our transactions at this nonce, or someone else's, was mined. Reconcile. */
    NONCE_TOO_LOW,
    /** Another transaction holds this nonce in the pool with fees we do not beat by enough, or fees below base fee. */
    UNDERPRICED,
    /** Anything else (insufficient funds, invalid transaction...): nothing was queued. */
    REJECTED;

    static SendOutcome ofError(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("nonce too low") || m.contains("nonce has already been used")) {
            return NONCE_TOO_LOW;
        }
        if (m.contains("already known") || m.contains("already imported") || m.contains("known transaction")) {
            return ALREADY_KNOWN;
        }
        if (m.contains("underpriced") || m.contains("less than block base fee") || m.contains("fee too low")) {
            return UNDERPRICED;
        }
        return REJECTED;
    }
}
