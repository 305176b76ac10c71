package io.yielddelta.keeper.venues.hyperliquid;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Signs Hyperliquid actions with a secp256k1 key (deterministic RFC 6979 nonces, low-s, v = 27 + recovery id), in the
 * two schemes the venue uses:
 *
 * <ul>
 *   <li>L1 actions (orders, cancels, leverage): msgpack(action) ‖ nonce ‖ vault flag [‖ expiresAfter] is hashed into a
 *       connection id, which is signed as the EIP-712 "phantom agent" {@code Agent(string source,bytes32 connectionId)}
 *       in the domain Exchange / 1 / 1337 / 0x0; source is "a" on mainnet, "b" on testnet.
 *   <li>User-signed actions (usdSend, withdraw3): the typed fields are signed directly as EIP-712 in the domain
 *       HyperliquidSignTransaction / 1 / signatureChainId / 0x0. The keeper sends none today; the official vectors
 *       prove the scheme.
 * </ul>
 *
 * The private key never leaves this object and is never printed.
 */
public final class HyperliquidSigner {

    private static final byte[] EIP712_DOMAIN_TYPE_HASH =
            keccak("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    private static final byte[] AGENT_TYPE_HASH = keccak("Agent(string source,bytes32 connectionId)");
    private static final byte[] L1_DOMAIN_SEPARATOR = domainSeparator("Exchange", "1", BigInteger.valueOf(1337));
    private static final byte[] MAINNET_SOURCE_HASH = keccak("a");
    private static final byte[] TESTNET_SOURCE_HASH = keccak("b");

    private static final X9ECParameters SECP256K1 = CustomNamedCurves.getByName("secp256k1");
    private static final BigInteger N = SECP256K1.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);
    private static final FixedPointCombMultiplier BASE_POINT_MULTIPLIER = new FixedPointCombMultiplier();

    private final BigInteger privateKey;
    private final String address;

    private HyperliquidSigner(BigInteger privateKey) {
        if (privateKey.signum() <= 0 || privateKey.compareTo(N) >= 0) {
            throw new IllegalArgumentException("not a secp256k1 private key");
        }
        this.privateKey = privateKey;
        this.address = "0x" + Keys.getAddress(Sign.publicKeyFromPrivate(privateKey));
    }

    /** @param privateKeyHex 32 bytes as hex, with or without {@code 0x} */
    public static HyperliquidSigner fromPrivateKey(String privateKeyHex) {
        String digits = privateKeyHex.startsWith("0x") ? privateKeyHex.substring(2) : privateKeyHex;
        if (digits.length() != 64) {
            throw new IllegalArgumentException("a Hyperliquid private key is 32 bytes (64 hex digits)");
        }
        BigInteger key;
        try {
            key = new BigInteger(digits, 16);
        } catch (NumberFormatException e) {
            // NumberFormatException quotes its input: never let it carry the key
            throw new IllegalArgumentException("a Hyperliquid private key must be hex");
        }
        return new HyperliquidSigner(key);
    }

    /** The signer's address, {@code 0x} + 40 lower-case hex digits. */
    public String address() {
        return address;
    }

    EcdsaSignature signL1Action(Object action, String vaultAddress, long nonce, Long expiresAfter, boolean mainnet) {
        byte[] connectionId = connectionId(MsgPackWriter.pack(action), nonce, vaultAddress, expiresAfter);
        return sign(l1Digest(connectionId, mainnet));
    }

    /** Signs an already computed L1 digest ({@link #l1Digest}). */
    EcdsaSignature signL1Digest(byte[] digest) {
        return sign(digest);
    }

    /**
     * @param primaryType for example {@code HyperliquidTransaction:UsdSend}
     * @param fields      the typed fields in their declared order; only these are hashed
     * @param message     the action, holding at least every typed field
     * @param chainId     the domain's chain id, {@code int(signatureChainId)}
     */
    EcdsaSignature signUserAction(
            String primaryType, List<TypedField> fields, Map<String, ?> message, BigInteger chainId) {
        return sign(userSignedDigest(primaryType, fields, message, chainId));
    }

    /** One field of a user-signed action's EIP-712 type, e.g. {@code string destination} or {@code uint64 time}. */
    record TypedField(String name, String type) {}

    /** keccak256(msgpack(action) ‖ nonce (8 bytes BE) ‖ 00 | 01 ‖ vault (20 bytes) [‖ 00 ‖ expiresAfter (8 bytes BE)]). */
    static byte[] connectionId(byte[] actionMsgpack, long nonce, String vaultAddress, Long expiresAfter) {
        ByteArrayOutputStream preimage = new ByteArrayOutputStream(actionMsgpack.length + 38);
        preimage.writeBytes(actionMsgpack);
        preimage.writeBytes(uint64(nonce));
        if (vaultAddress == null) {
            preimage.write(0);
        } else {
            preimage.write(1);
            preimage.writeBytes(addressBytes(vaultAddress));
        }
        if (expiresAfter != null) {
            preimage.write(0);
            preimage.writeBytes(uint64(expiresAfter));
        }
        return Hash.sha3(preimage.toByteArray());
    }

    static byte[] l1Digest(byte[] connectionId, boolean mainnet) {
        byte[] structHash =
                Hash.sha3(concat(AGENT_TYPE_HASH, mainnet ? MAINNET_SOURCE_HASH : TESTNET_SOURCE_HASH, connectionId));
        return eip712Digest(L1_DOMAIN_SEPARATOR, structHash);
    }

    static byte[] userSignedDigest(
            String primaryType, List<TypedField> fields, Map<String, ?> message, BigInteger chainId) {
        StringBuilder typeString = new StringBuilder(primaryType).append('(');
        for (int i = 0; i < fields.size(); i++) {
            typeString
                    .append(i == 0 ? "" : ",")
                    .append(fields.get(i).type())
                    .append(' ')
                    .append(fields.get(i).name());
        }
        typeString.append(')');
        ByteArrayOutputStream encoded = new ByteArrayOutputStream(32 * (fields.size() + 1));
        encoded.writeBytes(keccak(typeString.toString()));
        for (TypedField field : fields) {
            Object value = message.get(field.name());
            if (value == null) {
                throw new IllegalArgumentException("user-signed action lacks typed field " + field.name());
            }
            encoded.writeBytes(encodeValue(field.type(), value));
        }
        byte[] structHash = Hash.sha3(encoded.toByteArray());
        return eip712Digest(domainSeparator("HyperliquidSignTransaction", "1", chainId), structHash);
    }

    static byte[] domainSeparator(String name, String version, BigInteger chainId) {
        return Hash.sha3(
                concat(EIP712_DOMAIN_TYPE_HASH, keccak(name), keccak(version), uint256(chainId), new byte[32]));
    }

    /** Recovers the signer's address from a digest and signature: what the venue does to authenticate a request. */
    static String recoverAddress(byte[] digest, EcdsaSignature signature) {
        try {
            BigInteger publicKey = Sign.signedMessageHashToKey(
                    digest,
                    new Sign.SignatureData((byte) signature.v(), toBytes32(signature.r()), toBytes32(signature.s())));
            return "0x" + Keys.getAddress(publicKey);
        } catch (java.security.SignatureException e) {
            throw new IllegalArgumentException("signature does not recover to a key", e);
        }
    }

    /**
     * ECDSA over a 32-byte digest with the RFC 6979 (HMAC-SHA256) nonce, as the SDK's eth_account signs. The recovery
     * id comes from R's y parity (flipped when s is normalised to the lower half), so no trial recovery is needed.
     */
    private EcdsaSignature sign(byte[] digest) {
        BigInteger e = new BigInteger(1, digest);
        HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
        nonces.init(N, privateKey, digest);
        while (true) {
            BigInteger k = nonces.nextK();
            ECPoint point = BASE_POINT_MULTIPLIER.multiply(SECP256K1.getG(), k).normalize();
            BigInteger x = point.getAffineXCoord().toBigInteger();
            BigInteger r = x.mod(N);
            if (r.signum() == 0) {
                continue;
            }
            BigInteger s =
                    k.modInverse(N).multiply(e.add(privateKey.multiply(r))).mod(N);
            if (s.signum() == 0) {
                continue;
            }
            int recoveryId =
                    (point.getAffineYCoord().toBigInteger().testBit(0) ? 1 : 0) | (x.compareTo(N) >= 0 ? 2 : 0);
            if (s.compareTo(HALF_N) > 0) {
                s = N.subtract(s);
                recoveryId ^= 1;
            }
            return new EcdsaSignature(r, s, 27 + recoveryId);
        }
    }

    private static byte[] encodeValue(String type, Object value) {
        return switch (type) {
            case "string" -> keccak(value.toString());
            case "address" -> {
                byte[] word = new byte[32];
                System.arraycopy(addressBytes(value.toString()), 0, word, 12, 20);
                yield word;
            }
            case "bool" -> uint256(Boolean.TRUE.equals(value) ? BigInteger.ONE : BigInteger.ZERO);
            case "uint64", "uint256" -> uint256(value instanceof BigInteger b ? b : new BigInteger(value.toString()));
            default -> throw new IllegalArgumentException("unsupported EIP-712 field type " + type);
        };
    }

    private static byte[] eip712Digest(byte[] domainSeparator, byte[] structHash) {
        return Hash.sha3(concat(new byte[] {0x19, 0x01}, domainSeparator, structHash));
    }

    private static byte[] keccak(String utf8) {
        return Hash.sha3(utf8.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] addressBytes(String address) {
        byte[] bytes = HexFormat.of().parseHex(address.startsWith("0x") ? address.substring(2) : address);
        if (bytes.length != 20) {
            throw new IllegalArgumentException("an address is 20 bytes: " + address);
        }
        return bytes;
    }

    private static byte[] uint64(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--, v >>>= 8) {
            b[i] = (byte) v;
        }
        return b;
    }

    private static byte[] uint256(BigInteger v) {
        if (v.signum() < 0 || v.bitLength() > 256) {
            throw new IllegalArgumentException("not a uint256: " + v);
        }
        return toBytes32(v);
    }

    private static byte[] toBytes32(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] word = new byte[32];
        int len = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - len, word, 32 - len, len);
        return word;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    @Override
    public String toString() {
        return "HyperliquidSigner[" + address + "]";
    }
}
