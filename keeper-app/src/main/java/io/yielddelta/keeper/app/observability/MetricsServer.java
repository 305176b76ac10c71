package io.yielddelta.keeper.app.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.yielddelta.keeper.app.service.HttpEndpoint;
import io.yielddelta.keeper.app.service.Service;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus's {@code GET /metrics} on the deployment's {@code prometheusPort}, when that is not the admin endpoint's
 * port (which serves {@code /metrics} too). Series carry no secret, so no token is asked.
 */
public final class MetricsServer implements Service {

    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final String bind;
    private final int port;
    private final PrometheusMeterRegistry registry;
    private HttpServer server;
    private volatile Health health = Health.of(State.NEW, "not started");

    public MetricsServer(String bind, int port, PrometheusMeterRegistry registry) {
        this.bind = bind;
        this.port = port;
        this.registry = registry;
    }

    /** The {@code /metrics} handler, also mounted on the admin endpoint. */
    public static HttpHandler handler(PrometheusMeterRegistry registry) {
        return exchange -> scrape(exchange, registry);
    }

    private static void scrape(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
        try (exchange;
                InputStream ignored = exchange.getRequestBody()) {
            if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = registry.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", TEXT_FORMAT);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public String name() {
        return "metrics";
    }

    /** @throws IOException if the port cannot be bound */
    @Override
    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        server = HttpEndpoint.serve(bind, port, "metrics-http", Map.of("/metrics", handler(registry)));
        health = Health.of(State.RUNNING, "serving /metrics on " + bind + ":" + port);
        log.info("Prometheus metrics on http://{}:{}/metrics", bind, port);
    }

    @Override
    public synchronized void stop() {
        HttpEndpoint.stop(server);
        server = null;
        health = Health.of(State.STOPPED, "stopped");
    }

    @Override
    public Health health() {
        return health;
    }
}
