package io.yielddelta.keeper.app.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * Local stand-ins for the two remote APIs the keeper reports to, shaped as their documentation says: Datadog's
 * {@code POST /api/v1/series} (JSON {@code {"series":[{"metric","points","type","tags"…}]}}, answered 202) and
 * Sentry's envelope endpoint {@code POST /api/<project>/envelope/} (newline-separated JSON, possibly gzipped, answered
 * 200). Each keeps what it received for the test to inspect.
 */
public final class LocalCollectors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalCollectors() {}

    /** One request to Datadog's series endpoint. */
    public record SeriesPost(String query, String apiKeyHeader, JsonNode body) {}

    /** One Sentry envelope, as sent (after gunzip). */
    public record Envelope(String authHeader, String body) {}

    public static final class Datadog implements AutoCloseable {
        private final HttpServer server;
        public final List<SeriesPost> posts = new CopyOnWriteArrayList<>();
        public final List<String> rejected = new CopyOnWriteArrayList<>();

        public Datadog() throws IOException {
            server = serve("/api/v1/series", exchange -> {
                try (exchange) {
                    byte[] body = body(exchange);
                    JsonNode json;
                    try {
                        json = JSON.readTree(body);
                    } catch (IOException invalid) {
                        // As Datadog does: a payload that is not JSON (NaN is not) is refused whole.
                        rejected.add(new String(body, StandardCharsets.UTF_8));
                        reply(exchange, 400, "{\"errors\":[\"Payload is not valid JSON\"]}");
                        return;
                    }
                    posts.add(new SeriesPost(
                            exchange.getRequestURI().getRawQuery(),
                            exchange.getRequestHeaders().getFirst("DD-API-KEY"),
                            json));
                    reply(exchange, 202, "{\"status\":\"ok\"}");
                }
            });
        }

        public String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        /** Every series point received, flattened. */
        public List<JsonNode> series() {
            return posts.stream()
                    .flatMap(p -> {
                        List<JsonNode> items = new java.util.ArrayList<>();
                        p.body().path("series").forEach(items::add);
                        return items.stream();
                    })
                    .toList();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    public static final class Sentry implements AutoCloseable {
        private final HttpServer server;
        public final List<Envelope> envelopes = new CopyOnWriteArrayList<>();

        public Sentry() throws IOException {
            server = serve("/api/", exchange -> {
                try (exchange) {
                    byte[] body = body(exchange);
                    envelopes.add(new Envelope(
                            exchange.getRequestHeaders().getFirst("X-Sentry-Auth"),
                            new String(body, StandardCharsets.UTF_8)));
                    reply(exchange, 200, "{}");
                }
            });
        }

        /** A DSN pointing here, with {@code publicKey} as its key and project 42. */
        public String dsn(String publicKey) {
            return "http://" + publicKey + "@127.0.0.1:" + server.getAddress().getPort() + "/42";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static HttpServer serve(String path, HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext(path, handler);
        server.start();
        return server;
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readAllBytes();
        }
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return in.readAllBytes();
            }
        }
        return raw;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
