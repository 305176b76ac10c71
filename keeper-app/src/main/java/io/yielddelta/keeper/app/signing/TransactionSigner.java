package io.yielddelta.keeper.app.signing;

import io.yielddelta.keeper.core.signing.Signature;
import io.yielddelta.keeper.core.signing.Signer;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * The only way the keeper turns a transaction into signed bytes: the policy is checked first, then the transaction's
 * signing payload is hashed and the digest handed to the {@link Signer}.
 */
public final class TransactionSigner {

    private final Signer signer;
    private final SigningPolicy policy;

    public TransactionSigner(Signer signer, SigningPolicy policy) {
        this.signer = signer;
        this.policy = policy;
    }

    public String address() {
        return signer.address();
    }

    /** @throws PolicyViolationException when the policy refuses the transaction (nothing is signed) */
    public SignedTransaction sign(RawTransaction transaction) {
        policy.check(transaction);
        byte[] digest = Hash.sha3(TransactionEncoder.encode(transaction));
        Signature signature = signer.sign(digest);
        Sign.SignatureData data = new Sign.SignatureData(
                (byte) signature.v(),
                Numeric.toBytesPadded(signature.r(), 32),
                Numeric.toBytesPadded(signature.s(), 32));
        byte[] signed = TransactionEncoder.encode(transaction, data);
        return new SignedTransaction(Numeric.toHexString(signed), Numeric.toHexString(Hash.sha3(signed)));
    }

    /** Signed bytes ready for {@code eth_sendRawTransaction} and their hash, both {@code 0x} hex. */
    public record SignedTransaction(String raw, String hash) {}
}
