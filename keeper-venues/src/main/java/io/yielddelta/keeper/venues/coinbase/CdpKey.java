package io.yielddelta.keeper.venues.coinbase;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * A Coinbase CDP API key: its name (the JWT {@code kid} and {@code sub}) and the private key that signs the JWTs. The
 * secret comes in one of the forms the CDP portal hands out: a SEC1 {@code EC PRIVATE KEY} PEM (ES256), or an Ed25519
 * key as base64 of seed ‖ public key (64 bytes), base64 of the 32-byte seed, or a PKCS#8 PEM (EdDSA).
 *
 * <p>Neither the secret nor the key ever appears in {@link #toString()} or in an exception message.
 */
public final class CdpKey {

    /** JOSE algorithm names, as they go into the JWT header. */
    enum Algorithm {
        ES256,
        EdDSA
    }

    private static final byte[] ED25519_PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final byte[] ED25519_X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final String name;
    private final Algorithm algorithm;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    /** BouncyCastle's Ed25519 signs several times faster than the JDK's; same deterministic signatures. */
    private final Ed25519PrivateKeyParameters ed25519;

    private CdpKey(
            String name,
            Algorithm algorithm,
            PrivateKey privateKey,
            PublicKey publicKey,
            Ed25519PrivateKeyParameters ed25519) {
        this.name = name;
        this.algorithm = algorithm;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.ed25519 = ed25519;
    }

    /**
     * @param name   the API key name, e.g. {@code organizations/{org}/apiKeys/{key}}
     * @param secret the API key secret as downloaded
     * @throws IllegalArgumentException if the secret is in none of the accepted forms (the message never quotes it)
     */
    public static CdpKey load(String name, String secret) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Coinbase API key name must not be blank");
        }
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("Coinbase API key secret must not be blank");
        }
        String trimmed = secret.strip();
        return trimmed.startsWith("-----BEGIN") ? fromPem(name, trimmed) : fromBase64Ed25519(name, trimmed);
    }

    private static CdpKey fromPem(String name, String pem) {
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            parsed = parser.readObject();
        } catch (IOException | RuntimeException e) {
            // BouncyCastle's message may quote the PEM body: keep only the kind of failure.
            throw new IllegalArgumentException("Coinbase API key secret is a malformed PEM private key ("
                    + e.getClass().getSimpleName() + ")");
        }
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (parsed instanceof PEMKeyPair pair) {
                var keyPair = converter.getKeyPair(pair);
                if (!"EC".equals(keyPair.getPrivate().getAlgorithm())) {
                    throw new IllegalArgumentException("Coinbase API key PEM holds a "
                            + keyPair.getPrivate().getAlgorithm() + " key; expected EC P-256 or Ed25519");
                }
                return new CdpKey(name, Algorithm.ES256, keyPair.getPrivate(), keyPair.getPublic(), null);
            }
            if (parsed instanceof PrivateKeyInfo info) {
                if (EdECObjectIdentifiers.id_Ed25519.equals(
                        info.getPrivateKeyAlgorithm().getAlgorithm())) {
                    byte[] seed = org.bouncycastle.asn1.ASN1OctetString.getInstance(info.parsePrivateKey())
                            .getOctets();
                    return ed25519(name, seed);
                }
                PrivateKey key = converter.getPrivateKey(info);
                if (key instanceof java.security.interfaces.ECPrivateKey ec) {
                    return new CdpKey(name, Algorithm.ES256, ec, ecPublicKey(info), null);
                }
                throw new IllegalArgumentException(
                        "Coinbase API key PEM holds a " + key.getAlgorithm() + " key; expected EC P-256 or Ed25519");
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Coinbase API key PEM could not be read as a private key ("
                    + e.getClass().getSimpleName() + ")");
        }
        throw new IllegalArgumentException("Coinbase API key secret is a malformed PEM private key (no key found)");
    }

    private static PublicKey ecPublicKey(PrivateKeyInfo info) throws IOException, GeneralSecurityException {
        var sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
        if (sec1.getPublicKey() == null) {
            throw new GeneralSecurityException("PKCS#8 EC key without its public key");
        }
        var spki = new org.bouncycastle.asn1.x509.SubjectPublicKeyInfo(
                info.getPrivateKeyAlgorithm(), sec1.getPublicKey().getBytes());
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
    }

    private static CdpKey fromBase64Ed25519(String name, String text) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Coinbase API key secret is neither PEM nor valid base64");
        }
        if (decoded.length != 32 && decoded.length != 64) {
            throw new IllegalArgumentException(
                    "Coinbase Ed25519 secret must decode to 32 or 64 bytes, got " + decoded.length);
        }
        byte[] seed = Arrays.copyOf(decoded, 32);
        CdpKey key = ed25519(name, seed);
        if (decoded.length == 64 && !Arrays.equals(Arrays.copyOfRange(decoded, 32, 64), key.rawEd25519PublicKey())) {
            throw new IllegalArgumentException("Coinbase Ed25519 secret: its public half does not match its seed");
        }
        return key;
    }

    private static CdpKey ed25519(String name, byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("Coinbase Ed25519 seed must be 32 bytes, got " + seed.length);
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            PrivateKey privateKey =
                    factory.generatePrivate(new PKCS8EncodedKeySpec(concat(ED25519_PKCS8_PREFIX, seed)));
            Ed25519PrivateKeyParameters parameters = new Ed25519PrivateKeyParameters(seed, 0);
            byte[] rawPublic = parameters.generatePublicKey().getEncoded();
            PublicKey publicKey =
                    factory.generatePublic(new X509EncodedKeySpec(concat(ED25519_X509_PREFIX, rawPublic)));
            return new CdpKey(name, Algorithm.EdDSA, privateKey, publicKey, parameters);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of the JDK since 15", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    String name() {
        return name;
    }

    Algorithm algorithm() {
        return algorithm;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    Ed25519PrivateKeyParameters ed25519() {
        return ed25519;
    }

    /** The matching public key, for checking a token this key signed. */
    PublicKey publicKey() {
        return publicKey;
    }

    /** The 32-byte Ed25519 public key (the last 32 bytes of its X.509 encoding). */
    byte[] rawEd25519PublicKey() {
        byte[] encoded = publicKey.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    @Override
    public String toString() {
        return "CdpKey[" + name + ", " + algorithm + ", secret=***]";
    }
}
