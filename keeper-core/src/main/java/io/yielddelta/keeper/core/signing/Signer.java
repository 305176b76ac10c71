package io.yielddelta.keeper.core.signing;

/**
 * Signs 32-byte digests with a secp256k1 key the keeper never holds in plain text (AWS KMS in production, an
 * encrypted keystore in development). What gets signed, and whether it may be, is decided by the caller.
 */
public interface Signer {

    /** The Ethereum address of the key: {@code 0x} and 40 lower-case hex digits. */
    String address();

    /**
     * Signs a 32-byte digest (for a transaction, the Keccak-256 hash of its signing payload) as-is.
     *
     * @throws SigningException if the key service fails or the signature cannot be tied to {@link #address()}
     */
    Signature sign(byte[] digest);
}
