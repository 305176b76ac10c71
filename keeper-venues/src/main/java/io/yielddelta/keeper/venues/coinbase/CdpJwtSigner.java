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

/**
 * Builds the short-lived JWTs that authenticate every Coinbase Advanced Trade request: header
 * {@code {alg, kid, nonce, typ}} and claims {@code {sub, iss, nbf, exp, uri}}, in that key order, signed ES256 (JOSE
 * r‖s, not DER) or EdDSA. A fresh token per request; WebSocket tokens carry no {@code uri}.
 */
public final class CdpJwtSigner {

    /** Coinbase rejects tokens older than two minutes; the SDK uses exactly that window. */
    static final long LIFETIME_SECONDS = 120;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final CdpKey key;
    private final Clock clock;
    private final RandomGenerator random;
    private final ObjectMapper json = new ObjectMapper();

    public CdpJwtSigner(CdpKey key, Clock clock) {
        this(key, clock, new SecureRandom());
    }

    /** @param random source of the 32-byte header nonce (tests and previews may pass a seeded one) */
    public CdpJwtSigner(CdpKey key, Clock clock, RandomGenerator random) {
        this.key = key;
        this.clock = clock;
        this.random = random;
    }

    /** A token for one REST call: {@code uri} is {@code "<METHOD> <host><path>"}, no scheme, no query. */
    public String restToken(String method, String host, String path) {
        return sign(clock.instant().getEpochSecond(), method + " " + host + path, newNonce());
    }

    /** A token for a WebSocket subscribe message (no {@code uri} claim). */
    public String webSocketToken() {
        return sign(clock.instant().getEpochSecond(), null, newNonce());
    }

    /** Signs with the given time and nonce, so a preview shows reproducible header and claims. */
    String sign(long notBefore, String uri, String nonce) {
        ObjectNode header = json.createObjectNode();
        header.put("alg", key.algorithm().name());
        header.put("kid", key.name());
        header.put("nonce", nonce);
        header.put("typ", "JWT");
        ObjectNode claims = json.createObjectNode();
        claims.put("sub", key.name());
        claims.put("iss", "cdp");
        claims.put("nbf", notBefore);
        claims.put("exp", notBefore + LIFETIME_SECONDS);
        if (uri != null) {
            claims.put("uri", uri);
        }
        try {
            String signingInput = encode(json.writeValueAsBytes(header)) + "." + encode(json.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance(
                    key.algorithm() == CdpKey.Algorithm.ES256 ? "SHA256withECDSAinP1363Format" : "Ed25519");
            signature.initSign(key.privateKey());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + encode(signature.sign());
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a Coinbase JWT with " + key.algorithm(), e);
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
