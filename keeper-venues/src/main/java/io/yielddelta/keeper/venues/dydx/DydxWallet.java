package io.yielddelta.keeper.venues.dydx;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.crypto.Sign;

/**
 * The keeper's dYdX v4 account key: secp256k1, derived from a BIP-39 mnemonic along BIP-44 {@code m/44'/118'/0'/0/0}
 * (Cosmos coin type 118). The address is bech32("dydx", RIPEMD160(SHA256(compressed public key))).
 *
 * <p>Signatures are SIGN_MODE_DIRECT ones: ECDSA over SHA-256 of the SignDoc bytes with RFC 6979 nonces, s
 * normalised to the lower half (the chain refuses high s), encoded as 64 bytes r‖s with no recovery byte. The private
 * key never leaves this object: {@link #toString()} shows only the address.
 */
public final class DydxWallet {

    private static final String ADDRESS_PREFIX = "dydx";
    private static final int HARDENED = 0x80000000;
    private static final int[] COSMOS_PATH = {44 | HARDENED, 118 | HARDENED, HARDENED, 0, 0};

    private final ECKeyPair keyPair;
    private final byte[] publicKey;
    private final String address;

    private DydxWallet(ECKeyPair keyPair) {
        this.keyPair = keyPair;
        this.publicKey = Sign.publicPointFromPrivate(keyPair.getPrivateKey()).getEncoded(true);
        this.address = Bech32.encode(ADDRESS_PREFIX, ripemd160(sha256(publicKey)));
    }

    /** @throws IllegalArgumentException if the words are not a valid English BIP-39 mnemonic (without saying which) */
    public static DydxWallet fromMnemonic(String mnemonic) {
        String words = String.join(" ", mnemonic.trim().split("\\s+"));
        if (!MnemonicUtils.validateMnemonic(words)) {
            throw new IllegalArgumentException("not a valid BIP-39 mnemonic (word list or checksum)");
        }
        byte[] seed = MnemonicUtils.generateSeed(words, "");
        try {
            Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(seed);
            Bip32ECKeyPair child = Bip32ECKeyPair.deriveKeyPair(master, COSMOS_PATH);
            return new DydxWallet(ECKeyPair.create(child.getPrivateKey()));
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    static DydxWallet fromPrivateKey(byte[] privateKey) {
        if (privateKey.length != 32) {
            throw new IllegalArgumentException("a secp256k1 private key has 32 bytes");
        }
        return new DydxWallet(ECKeyPair.create(new BigInteger(1, privateKey)));
    }

    /**
     * The front-end onboarding key: the 65-byte Ethereum signature of the onboarding message, less its v byte, hashed
     * with keccak-256 is the entropy of a 24-word mnemonic, from which the key is derived as usual.
     */
    static DydxWallet fromEthereumSignature(byte[] signature) {
        if (signature.length != 65) {
            throw new IllegalArgumentException("an Ethereum signature has 65 bytes, got " + signature.length);
        }
        return fromMnemonic(mnemonicFromEthereumSignature(signature));
    }

    static String mnemonicFromEthereumSignature(byte[] signature) {
        return MnemonicUtils.generateMnemonic(Hash.sha3(Arrays.copyOf(signature, 64)));
    }

    public String address() {
        return address;
    }

    /** 33-byte compressed public key, as carried in the transaction's SignerInfo. */
    byte[] publicKey() {
        return publicKey.clone();
    }

    /** SIGN_MODE_DIRECT: 64-byte r‖s (low s) over SHA-256 of {@code signDocBytes}. */
    byte[] signDirect(byte[] signDocBytes) {
        ECDSASignature signature = keyPair.sign(sha256(signDocBytes));
        byte[] out = new byte[64];
        copyUnsigned32(signature.r, out, 0);
        copyUnsigned32(signature.s, out, 32);
        return out;
    }

    byte[] privateKeyBytes() {
        byte[] out = new byte[32];
        copyUnsigned32(keyPair.getPrivateKey(), out, 0);
        return out;
    }

    @Override
    public String toString() {
        return "DydxWallet[" + address + "]";
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present in the JDK", e);
        }
    }

    private static byte[] ripemd160(byte[] data) {
        RIPEMD160Digest digest = new RIPEMD160Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[20];
        digest.doFinal(out, 0);
        return out;
    }

    private static void copyUnsigned32(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 32 ? bytes.length - 32 : 0;
        int length = bytes.length - start;
        System.arraycopy(bytes, start, out, offset + 32 - length, length);
    }
}
