package io.yielddelta.keeper.core.chain;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * One signed transaction as recorded before broadcast. {@code rawTransaction} is the signed bytes in hex (public
 * data: it is what goes on chain), kept so the very same transaction can be re-broadcast after a restart.
 *
 * @param sender               the signer's address, lower-case {@code 0x} hex
 * @param hash                 the transaction hash, lower-case {@code 0x} hex
 * @param maxFeePerGas         in wei
 * @param maxPriorityFeePerGas in wei
 */
public record SentTransaction(
        String sender,
        long chainId,
        long nonce,
        String hash,
        BigInteger maxFeePerGas,
        BigInteger maxPriorityFeePerGas,
        String rawTransaction,
        Instant signedAt) {

    public SentTransaction {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
        Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
        Objects.requireNonNull(rawTransaction, "rawTransaction");
        Objects.requireNonNull(signedAt, "signedAt");
        if (nonce < 0) {
            throw new IllegalArgumentException("nonce must not be negative");
        }
        sender = sender.toLowerCase(java.util.Locale.ROOT);
        hash = hash.toLowerCase(java.util.Locale.ROOT);
    }
}
