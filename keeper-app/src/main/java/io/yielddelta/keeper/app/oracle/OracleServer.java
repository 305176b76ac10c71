package io.yielddelta.keeper.app.oracle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.yielddelta.keeper.app.config.Secret;
import io.yielddelta.keeper.core.chain.ChainUnavailableException;
import io.yielddelta.keeper.core.signing.Signature;
import io.yielddelta.keeper.core.signing.SigningException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.utils.Numeric;

/**
 * The aiOracle's small HTTP API, for running it as its own process with its own key (on loopback, or a private network
 * between the keeper and the oracle hosts). Every request carries {@code Authorization: Bearer <token>}.
 *
 * <ul>
 *   <li>{@code POST /v1/rebalance-signatures} with a request (see {@link OracleJson}): 200
 *       {@code {"signature": "0x…65 bytes", "signer": "0x…", "digest": "0x…"}}; 422 {@code {"refused": "why"}} when a
 *       check fails; 400 {@code {"error": "field …"}} for a malformed request; 503 when the chain or the key cannot
 *       be reached.</li>
 *   <li>{@code GET /v1/signer}: {@code {"signer": "0x…"}}.</li>
 * </ul>
 * 401 without the right token, 404/405 for anything else.
 */
public final class OracleServer implements AutoCloseable {

    public static final String SIGNATURES = "/v1/rebalance-signatures";
    public static final String SIGNER = "/v1/signer";
    private static final Logger log = LoggerFactory.getLogger(OracleServer.class);
    private static final int MAX_BODY = 8 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;

    private OracleServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Serves {@code oracle} (whose key is {@code signer}) on {@code bind}:{@code port} (0: any free port). */
    public static OracleServer start(String bind, int port, Secret token, RebalanceOracle oracle, String signer)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        byte[] expected = ("Bearer " + token.reveal()).getBytes(StandardCharsets.UTF_8);
        server.createContext("/v1/", exchange -> {
            try (exchange) {
                handle(exchange, expected, oracle, signer);
            } catch (RuntimeException e) {
                log.warn(
                        "aiOracle request {} {} failed: {}",
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(),
                        e.toString());
            }
        });
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.start();
        return new OracleServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI url() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + port());
    }

    private static void handle(HttpExchange exchange, byte[] expected, RebalanceOracle oracle, String signer)
            throws IOException {
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            respond(exchange, 401, object().put("error", "missing or wrong bearer token"));
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals(SIGNER)) {
            respond(
                    exchange,
                    method.equals("GET") ? 200 : 405,
                    method.equals("GET") ? object().put("signer", signer) : object().put("error", "use GET"));
        } else if (path.equals(SIGNATURES)) {
            if (method.equals("POST")) {
                sign(exchange, oracle, signer);
            } else {
                respond(exchange, 405, object().put("error", "use POST"));
            }
        } else {
            respond(exchange, 404, object().put("error", "no such resource: " + path));
        }
    }

    private static void sign(HttpExchange exchange, RebalanceOracle oracle, String signer) throws IOException {
        RebalanceRequest request;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                respond(exchange, 413, object().put("error", "request larger than " + MAX_BODY + " bytes"));
                return;
            }
            JsonNode json = OracleJson.MAPPER.readTree(body);
            request = OracleJson.request(json);
        } catch (JsonProcessingException e) {
            respond(exchange, 400, object().put("error", "not JSON: " + e.getOriginalMessage()));
            return;
        } catch (IllegalArgumentException | ArithmeticException e) {
            respond(exchange, 400, object().put("error", e.getMessage()));
            return;
        }
        try {
            Signature signature = oracle.sign(request);
            respond(
                    exchange,
                    200,
                    object().put("signature", Numeric.toHexString(OracleSignatures.bytes(signature)))
                            .put("signer", signer)
                            .put("digest", Numeric.toHexString(request.digest())));
        } catch (OracleRefusedException e) {
            respond(exchange, 422, object().put("refused", e.getMessage()));
        } catch (ChainUnavailableException | SigningException e) {
            respond(exchange, 503, object().put("error", e.getMessage()));
        }
    }

    private static ObjectNode object() {
        return OracleJson.MAPPER.createObjectNode();
    }

    private static void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = OracleJson.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
