package io.yielddelta.keeper.core.chain;

import java.util.Locale;
import java.util.Objects;

/**
 * A signed transaction's identity as the journal keeps it. A stuck transaction may be replaced by another with the
 * same sender and nonce, so lookups go by sender and nonce; {@code hash} is the first one signed.
 */
public record SubmittedTransaction(String sender, long nonce, String hash) {

    public SubmittedTransaction {
        sender = Objects.requireNonNull(sender, "sender").toLowerCase(Locale.ROOT);
        hash = Objects.requireNonNull(hash, "hash").toLowerCase(Locale.ROOT);
        if (nonce < 0) {
            throw new IllegalArgumentException("nonce must not be negative");
        }
    }
}
