package io.yielddelta.keeper.app.oracle;

import io.yielddelta.keeper.core.signing.Signature;
import io.yielddelta.keeper.core.signing.SigningException;
import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/** The 65-byte r ‖ s ‖ v form OpenZeppelin's ECDSA.recover takes, and the address a signature recovers to. */
public final class OracleSignatures {

    private OracleSignatures() {}

    public static byte[] bytes(Signature signature) {
        byte[] bytes = new byte[65];
        System.arraycopy(Numeric.toBytesPadded(signature.r(), 32), 0, bytes, 0, 32);
        System.arraycopy(Numeric.toBytesPadded(signature.s(), 32), 0, bytes, 32, 32);
        bytes[64] = (byte) signature.v();
        return bytes;
    }

    /** @throws IllegalArgumentException if it is not 65 bytes of a valid low-s signature */
    public static Signature of(byte[] bytes) {
        if (bytes.length != 65) {
            throw new IllegalArgumentException("a signature is 65 bytes, got " + bytes.length);
        }
        return new Signature(
                new BigInteger(1, Arrays.copyOfRange(bytes, 0, 32)),
                new BigInteger(1, Arrays.copyOfRange(bytes, 32, 64)),
                bytes[64] & 0xff);
    }

    /** The address (lower-case 0x hex) whose key made {@code signature} over {@code digest}. */
    public static String signer(byte[] digest, Signature signature) {
        try {
            Sign.SignatureData data = new Sign.SignatureData(
                    (byte) signature.v(),
                    Numeric.toBytesPadded(signature.r(), 32),
                    Numeric.toBytesPadded(signature.s(), 32));
            return "0x" + Keys.getAddress(Sign.signedMessageHashToKey(digest, data));
        } catch (SignatureException e) {
            throw new SigningException("the signature recovers to no key: " + e.getMessage(), e);
        }
    }
}
