package io.yielddelta.keeper.app.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * A KMS-compatible HTTP server for tests (no KMS emulator is installable here): AWS JSON 1.1 on {@code POST /}, the
 * operation in {@code X-Amz-Target}. It holds secp256k1 keys and really signs, answering like KMS: a DER signature
 * with no recovery id and s left in whichever half ECDSA produced, and the public key as DER SubjectPublicKeyInfo.
 */
final class LocalKmsServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, ECKeyPair> keys;
    private final List<byte[]> signedDigests = new CopyOnWriteArrayList<>();
    private final List<String> operations = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger highSReturned =
            new java.util.concurrent.atomic.AtomicInteger();

    LocalKmsServer(Map<String, ECKeyPair> keys) throws IOException {
        this.keys = Map.copyOf(keys);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The messages received by Sign, exactly as sent. */
    List<byte[]> signedDigests() {
        return signedDigests;
    }

    List<String> operations() {
        return operations;
    }

    /** How many signatures went out with s in the upper half (which Ethereum rejects until normalised). */
    int highSReturned() {
        return highSReturned.get();
    }

    static String addressOf(ECKeyPair key) {
        return "0x" + Keys.getAddress(key);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            operations.add(String.valueOf(target));
            if (!"POST".equals(exchange.getRequestMethod())
                    || authorization == null
                    || !authorization.startsWith("AWS4-HMAC-SHA256")) {
                reply(exchange, 400, Map.of("__type", "IncompleteSignatureException", "message", "unsigned request"));
                return;
            }
            ECKeyPair key = keys.get(body.path("KeyId").asText());
            if (key == null) {
                reply(exchange, 400, Map.of("__type", "NotFoundException", "message", "key not found"));
                return;
            }
            switch (String.valueOf(target)) {
                case "TrentService.GetPublicKey" ->
                    reply(
                            exchange,
                            200,
                            Map.of(
                                    "KeyId", body.path("KeyId").asText(),
                                    "KeySpec", "ECC_SECG_P256K1",
                                    "KeyUsage", "SIGN_VERIFY",
                                    "SigningAlgorithms", List.of("ECDSA_SHA_256"),
                                    "PublicKey", Base64.getEncoder().encodeToString(subjectPublicKeyInfo(key))));
                case "TrentService.Sign" -> sign(exchange, body, key);
                default -> reply(exchange, 400, Map.of("__type", "UnknownOperationException", "message", "" + target));
            }
        }
    }

    private void sign(HttpExchange exchange, JsonNode body, ECKeyPair key) throws IOException {
        byte[] message = Base64.getDecoder().decode(body.path("Message").asText());
        if (!"DIGEST".equals(body.path("MessageType").asText())
                || message.length != 32
                || !"ECDSA_SHA_256".equals(body.path("SigningAlgorithm").asText())) {
            reply(exchange, 400, Map.of("__type", "ValidationException", "message", "expected a 32-byte DIGEST"));
            return;
        }
        signedDigests.add(message);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(key.getPrivateKey(), curve()));
        BigInteger[] rs = signer.generateSignature(message);
        if (rs[1].compareTo(Sign.CURVE_PARAMS.getN().shiftRight(1)) > 0) {
            highSReturned.incrementAndGet();
        }
        ASN1EncodableVector vector = new ASN1EncodableVector();
        vector.add(new ASN1Integer(rs[0]));
        vector.add(new ASN1Integer(rs[1]));
        reply(
                exchange,
                200,
                Map.of(
                        "KeyId", body.path("KeyId").asText(),
                        "SigningAlgorithm", "ECDSA_SHA_256",
                        "Signature", Base64.getEncoder().encodeToString(new DERSequence(vector).getEncoded())));
    }

    private static byte[] subjectPublicKeyInfo(ECKeyPair key) throws IOException {
        byte[] point = Sign.publicPointFromPrivate(key.getPrivateKey()).getEncoded(false);
        var algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256k1);
        return new SubjectPublicKeyInfo(algorithm, point).getEncoded("DER");
    }

    private static org.bouncycastle.crypto.params.ECDomainParameters curve() {
        var params = Sign.CURVE_PARAMS;
        return new org.bouncycastle.crypto.params.ECDomainParameters(
                params.getCurve(), params.getG(), params.getN(), params.getH());
    }

    private static void reply(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
