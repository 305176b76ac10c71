package io.yielddelta.keeper.venues.coinbase;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Builds the short-lived JWTs that authenticate every Coinbase Advanced Trade request: header
 * {@code {alg, kid, nonce, typ}} and claims {@code {sub, iss, nbf, exp, uri}}, in that key order, signed ES256 (JOSE
 * r‖s, not DER) or EdDSA. A fresh token per request; WebSocket tokens carry no {@code uri}.
 */
final class CdpJwtSigner {

    /** Coinbase rejects tokens older than two minutes; the SDK uses exactly that window. */
    static final long LIFETIME_SECONDS = 120;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final CdpKey key;
    private final Clock clock;
    private final RandomGenerator random;
    private final ObjectMapper json = new ObjectMapper();

    CdpJwtSigner(CdpKey key, Clock clock) {
        this(key, clock, new SecureRandom());
    }

    /** @param random source of the 32-byte header nonce (tests and previews may pass a seeded one) */
    CdpJwtSigner(CdpKey key, Clock clock, RandomGenerator random) {
        this.key = key;
        this.clock = clock;
        this.random = random;
    }

    /** A token for one REST call: {@code uri} is {@code "<METHOD> <host><path>"}, no scheme, no query. */
    String restToken(String method, String host, String path) {
        return sign(clock.instant().getEpochSecond(), method + " " + host + path, newNonce());
    }

    /** A token for a WebSocket subscribe message (no {@code uri} claim). */
    String webSocketToken() {
        return sign(clock.instant().getEpochSecond(), null, newNonce());
    }

    /** Signs with the given time and nonce. */
    String sign(long notBefore, String uri, String nonce) {
        String signingInput = encode(headerJson(nonce).getBytes(StandardCharsets.UTF_8)) + "."
                + encode(claimsJson(notBefore, uri).getBytes(StandardCharsets.UTF_8));
        byte[] input = signingInput.getBytes(StandardCharsets.US_ASCII);
        return signingInput + "." + encode(key.algorithm() == CdpKey.Algorithm.ES256 ? es256(input) : ed25519(input));
    }

    private byte[] es256(byte[] input) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(key.privateKey());
            signature.update(input);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a Coinbase JWT with ES256", e);
        }
    }

    private byte[] ed25519(byte[] input) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key.ed25519());
        signer.update(input, 0, input.length);
        return signer.generateSignature();
    }

    /** The JWT header, keys in the SDK's order: alg, kid, nonce, typ. */
    String headerJson(String nonce) {
        ObjectNode header = json.createObjectNode();
        header.put("alg", key.algorithm().name());
        header.put("kid", key.name());
        header.put("nonce", nonce);
        header.put("typ", "JWT");
        return write(header);
    }

    /** The JWT claims, keys in the SDK's order: sub, iss, nbf, exp and (REST only) uri. */
    String claimsJson(long notBefore, String uri) {
        ObjectNode claims = json.createObjectNode();
        claims.put("sub", key.name());
        claims.put("iss", "cdp");
        claims.put("nbf", notBefore);
        claims.put("exp", notBefore + LIFETIME_SECONDS);
        if (uri != null) {
            claims.put("uri", uri);
        }
        return write(claims);
    }

    private String write(ObjectNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON object of strings and numbers always serialises", e);
        }
    }

    String newNonce() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    CdpKey key() {
        return key;
    }

    private static String encode(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }
}
