package io.yielddelta.keeper.venues.coinbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The SDK's JWT round-trip and key-loading tests, from the official vectors. */
class CdpJwtSignerTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<JsonNode> roundTripCases() {
        return stream(CoinbaseVectors.ROOT.path("jwt").path("officialTests"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTripCases")
    void tokenVerifiesWithThePublicKeyAndCarriesTheExpectedFields(JsonNode testCase) throws Exception {
        CdpKey key = CdpKey.load(
                CoinbaseVectors.KEY_NAME, secret(testCase.path("secretConstant").asText()));
        CdpJwtSigner signer = new CdpJwtSigner(key, CLOCK);
        JsonNode request = testCase.path("requestForUri");
        String token = testCase.path("kind").asText().equals("rest")
                ? signer.restToken(
                        request.path("method").asText(),
                        "api.coinbase.com",
                        request.path("path").asText())
                : signer.webSocketToken();

        Jwt jwt = Jwt.parse(token);
        assertThat(jwt.verify(key.publicKey())).as("signature verifies").isTrue();
        JsonNode expected = testCase.path("expected");
        assertThat(jwt.header.path("alg").asText())
                .isEqualTo(expected.path("header.alg").asText());
        assertThat(jwt.header.path("kid").asText())
                .isEqualTo(expected.path("header.kid").asText());
        assertThat(jwt.claims.path("sub").asText())
                .isEqualTo(expected.path("claims.sub").asText());
        assertThat(jwt.claims.path("iss").asText())
                .isEqualTo(expected.path("claims.iss").asText());
        if (expected.path("claims.uri").asText().equals("(absent)")) {
            assertThat(jwt.claims.has("uri")).isFalse();
        } else {
            assertThat(jwt.claims.path("uri").asText())
                    .isEqualTo(expected.path("claims.uri").asText());
        }
        // Layout from the vectors: key order, typ, nonce of 64 lower-case hex digits, two-minute window.
        assertThat(fieldNames(jwt.header)).containsExactly("alg", "kid", "nonce", "typ");
        assertThat(jwt.header.path("typ").asText()).isEqualTo("JWT");
        assertThat(jwt.header.path("nonce").asText()).matches("[0-9a-f]{64}");
        List<String> claimOrder = testCase.path("kind").asText().equals("rest")
                ? List.of("sub", "iss", "nbf", "exp", "uri")
                : List.of("sub", "iss", "nbf", "exp");
        assertThat(fieldNames(jwt.claims)).containsExactlyElementsOf(claimOrder);
        assertThat(jwt.claims.path("nbf").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(jwt.claims.path("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 120);
    }

    @Test
    void es256SignatureIsJoseRawRAndSNotDer() throws Exception {
        String token = new CdpJwtSigner(CoinbaseVectors.es256Key(), CLOCK).restToken("GET", "api.coinbase.com", "/x");
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
        assertThat(signature).hasSize(64);
        assertThat(token.substring(token.lastIndexOf('.') + 1)).doesNotContain("=");
    }

    @Test
    void ed25519TokensAreSignedExactlyAsTheJdkWouldSignThem() throws Exception {
        CdpKey key = CdpKey.load(CoinbaseVectors.KEY_NAME, CoinbaseVectors.ED25519_BASE64_64);
        Jwt jwt = Jwt.parse(
                new CdpJwtSigner(key, CLOCK).restToken("GET", "api.coinbase.com", "/api/v3/brokerage/accounts"));
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(key.privateKey());
        jdk.update(jwt.signingInput().getBytes(StandardCharsets.US_ASCII));
        assertThat(jwt.signature()).isEqualTo(jdk.sign());
    }

    @Test
    void everyTokenHasAFreshNonce() {
        CdpJwtSigner signer = new CdpJwtSigner(CoinbaseVectors.es256Key(), CLOCK);
        String a = Jwt.parse(signer.webSocketToken()).header.path("nonce").asText();
        String b = Jwt.parse(signer.webSocketToken()).header.path("nonce").asText();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void keysMatchTheIndependentIntermediates() {
        JsonNode es = CoinbaseVectors.ROOT.path("testKeys").path("es256").path("intermediate");
        ECPublicKey ec = (ECPublicKey) CoinbaseVectors.es256Key().publicKey();
        assertThat(ec.getW().getAffineX())
                .isEqualTo(new BigInteger(es.path("publicXHex").asText(), 16));
        assertThat(ec.getW().getAffineY())
                .isEqualTo(new BigInteger(es.path("publicYHex").asText(), 16));

        String edPublic = CoinbaseVectors.ROOT
                .path("testKeys")
                .path("ed25519")
                .path("intermediate")
                .path("publicKeyHex")
                .asText();
        for (String constant :
                List.of("TEST_ED25519_API_SECRET", "TEST_ED25519_SEED_API_SECRET", "TEST_ED25519_PKCS8_API_SECRET")) {
            CdpKey key = CdpKey.load(CoinbaseVectors.KEY_NAME, secret(constant));
            assertThat(key.algorithm()).isEqualTo(CdpKey.Algorithm.EdDSA);
            assertThat(HexFormat.of().formatHex(key.rawEd25519PublicKey()))
                    .as(constant)
                    .isEqualTo(edPublic);
        }
    }

    // Key-loading error cases (jwt.keyLoadingErrorTests)

    @Test
    void badSecretRaises() {
        assertThatThrownBy(() -> CdpKey.load(CoinbaseVectors.KEY_NAME, errorCase("test_build_rest_jwt_error")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("bad_secret");
    }

    @Test
    void malformedPemIsTreatedAsPem() {
        String pem = errorCase("test_malformed_pem_raises_clearly");
        assertThatThrownBy(() -> CdpKey.load(CoinbaseVectors.KEY_NAME, pem))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PEM")
                .hasMessageNotContaining("neither PEM nor valid base64")
                .hasMessageNotContaining("NOTVALIDDATA");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {31, 33, 65})
    void wrongLengthBase64Raises(int length) {
        assertThat(errorCase("test_wrong_length_base64_raises")).contains("31, 33 or 65");
        String secret = Base64.getEncoder().encodeToString(new byte[length]);
        assertThatThrownBy(() -> CdpKey.load(CoinbaseVectors.KEY_NAME, secret))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 or 64");
    }

    @Test
    void invalidBase64Raises() {
        assertThatThrownBy(() -> CdpKey.load(CoinbaseVectors.KEY_NAME, errorCase("test_invalid_base64_raises")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither PEM nor valid base64");
    }

    @Test
    void whitespacePaddedEd25519SeedIsAccepted() throws Exception {
        assertThat(errorCase("test_whitespace_padded_ed25519_accepted")).contains("trailing newline");
        CdpKey key = CdpKey.load(CoinbaseVectors.KEY_NAME, secret("TEST_ED25519_SEED_API_SECRET") + "\n");
        assertThat(key.algorithm()).isEqualTo(CdpKey.Algorithm.EdDSA);
        assertThat(Jwt.parse(new CdpJwtSigner(key, CLOCK).webSocketToken()).verify(key.publicKey()))
                .isTrue();
    }

    @Test
    void sixtyFourByteSecretWhosePublicHalfIsWrongIsRefused() {
        byte[] bytes = Base64.getDecoder().decode(CoinbaseVectors.ED25519_BASE64_64);
        bytes[63] ^= 1;
        String corrupted = Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> CdpKey.load(CoinbaseVectors.KEY_NAME, corrupted))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("public half");
    }

    @Test
    void toStringNeverShowsTheSecret() {
        assertThat(CoinbaseVectors.es256Key().toString())
                .contains(CoinbaseVectors.KEY_NAME)
                .doesNotContain("MHcCAQEE");
    }

    private static String errorCase(String name) {
        for (JsonNode c : CoinbaseVectors.ROOT.path("jwt").path("keyLoadingErrorTests")) {
            if (c.path("name").asText().equals(name)) {
                return c.path("secret").asText();
            }
        }
        throw new IllegalArgumentException("no key-loading case " + name);
    }

    static String secret(String constant) {
        JsonNode keys = CoinbaseVectors.ROOT.path("testKeys");
        if (keys.path("es256").path("constant").asText().equals(constant)) {
            return keys.path("es256").path("pem").asText();
        }
        for (JsonNode form : keys.path("ed25519")) {
            if (form.path("constant").asText().equals(constant)) {
                return form.path("value").asText();
            }
        }
        throw new IllegalArgumentException("no test key " + constant);
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list.stream();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A decoded JWT, checked the way Coinbase would check it. */
    record Jwt(JsonNode header, JsonNode claims, String signingInput, byte[] signature) {

        static Jwt parse(String token) {
            String[] parts = token.split("\\.");
            assertThat(parts).hasSize(3);
            try {
                Base64.Decoder decoder = Base64.getUrlDecoder();
                return new Jwt(
                        JSON.readTree(decoder.decode(parts[0])),
                        JSON.readTree(decoder.decode(parts[1])),
                        parts[0] + "." + parts[1],
                        decoder.decode(parts[2]));
            } catch (java.io.IOException e) {
                throw new AssertionError("JWT part is not JSON", e);
            }
        }

        boolean verify(PublicKey publicKey) throws Exception {
            Signature verifier = Signature.getInstance(
                    header.path("alg").asText().equals("ES256") ? "SHA256withECDSAinP1363Format" : "Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(signature);
        }
    }
}
