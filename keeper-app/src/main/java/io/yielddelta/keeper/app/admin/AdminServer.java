package io.yielddelta.keeper.app.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.app.config.Secret;
import io.yielddelta.keeper.app.service.HealthCheck;
import io.yielddelta.keeper.app.service.HttpEndpoint;
import io.yielddelta.keeper.app.service.Service;
import io.yielddelta.keeper.core.risk.TradingControl;
import io.yielddelta.keeper.core.risk.TradingStateStore;
import io.yielddelta.keeper.core.venue.VenueOrder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators' HTTP endpoint. {@code GET /health} (alive: nothing failed or stopped) and {@code GET /ready} (every
 * service runs: reconciled and scheduled) answer 200 or 503 with each service's state, without a token. The admin
 * actions — {@code GET /admin/state}, {@code POST /admin/halt}, {@code /admin/resume} and {@code /admin/exit}, each
 * with an optional {@code reason} query parameter — need {@code Authorization: Bearer <token>}; the token is compared
 * in constant time and never logged or echoed. Read-only pages (the dashboard, {@code /api/status}, {@code /metrics})
 * are mounted beside them.
 */
public final class AdminServer implements Service {

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeeperConfig.Admin settings;
    private final byte[] expectedAuthorization;
    private final TradingControl control;
    private final Function<String, List<VenueOrder>> closeAll;
    private final HealthCheck health;
    private final Map<String, HttpHandler> pages;
    private HttpServer server;
    private volatile Health state = Health.of(State.NEW, "not started");

    /**
     * @param closeAll closes every hedge after the emergency exit is in force; returns the closing orders
     * @param health   the daemon's services, for {@code /health} and {@code /ready}
     */
    public AdminServer(
            KeeperConfig.Admin settings,
            TradingControl control,
            Function<String, List<VenueOrder>> closeAll,
            HealthCheck health) {
        this(settings, control, closeAll, health, Map.of());
    }

    /**
     * @param pages read-only routes served without a token (the dashboard, {@code /api/status}, {@code /metrics}),
     *              by path prefix
     */
    public AdminServer(
            KeeperConfig.Admin settings,
            TradingControl control,
            Function<String, List<VenueOrder>> closeAll,
            HealthCheck health,
            Map<String, HttpHandler> pages) {
        this.pages = Map.copyOf(pages);
        this.settings = settings;
        this.expectedAuthorization = authorization(settings.token());
        this.control = control;
        this.closeAll = closeAll;
        this.health = health;
    }

    @Override
    public String name() {
        return "admin";
    }

    /** @throws IOException if the port cannot be bound */
    @Override
    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        Map<String, HttpHandler> routes = new HashMap<>(pages);
        routes.put("/admin/", this::handle);
        routes.put("/health", exchange -> probe(exchange, health.alive()));
        routes.put("/ready", exchange -> probe(exchange, health.ready()));
        server = HttpEndpoint.serve(settings.bind(), settings.port(), "admin-http", routes);
        state = Health.of(State.RUNNING, "serving on " + settings.bind() + ":" + port());
        log.info(
                "admin endpoint on http://{}:{}/ (health, ready, admin/{})",
                settings.bind(),
                port(),
                pages.isEmpty() ? "" : ", " + String.join(", ", new java.util.TreeSet<>(pages.keySet())));
    }

    @Override
    public Health health() {
        return state;
    }

    /** The bound port (useful when the configuration asked for port 0 in tests). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void probe(HttpExchange exchange, boolean ok) throws IOException {
        try (exchange;
                InputStream ignored = exchange.getRequestBody()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", health.alive() ? "UP" : "DOWN");
            body.put("ready", health.ready());
            Map<String, Object> services = new LinkedHashMap<>();
            health.health()
                    .forEach((name, h) ->
                            services.put(name, Map.of("state", h.state().name(), "detail", h.detail())));
            body.put("services", services);
            respond(exchange, ok ? 200 : 503, body);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream ignored = exchange.getRequestBody()) {
            String given = exchange.getRequestHeaders().getFirst("Authorization");
            if (given == null
                    || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expectedAuthorization)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                respond(exchange, 401, Map.of("error", "missing or wrong bearer token"));
                log.warn(
                        "admin request to {} from {} refused: bad token",
                        exchange.getRequestURI().getPath(),
                        exchange.getRemoteAddress().getAddress().getHostAddress());
                return;
            }
            String action = exchange.getRequestURI().getPath().substring("/admin/".length());
            String reason = "admin endpoint: " + query(exchange, "reason").orElse("no reason given");
            switch (action) {
                case "state" -> requireMethod(exchange, "GET", () -> state(control.sync()));
                case "halt" -> requireMethod(exchange, "POST", () -> state(control.halt(reason)));
                case "resume" -> requireMethod(exchange, "POST", () -> state(control.resume(reason)));
                case "exit" ->
                    requireMethod(exchange, "POST", () -> {
                        TradingStateStore.Stored stored = control.exit(reason);
                        List<VenueOrder> closing = closeAll.apply(reason);
                        Map<String, Object> body = state(stored);
                        body.put(
                                "closingOrders",
                                closing.stream()
                                        .map(o -> Map.of(
                                                "venueOrderId",
                                                o.venueOrderId(),
                                                "market",
                                                o.market(),
                                                "side",
                                                o.side().name(),
                                                "filled",
                                                o.filledSize().toPlainString()))
                                        .toList());
                        return body;
                    });
                default ->
                    respond(
                            exchange,
                            404,
                            Map.of("error", "unknown action " + action + "; expected state, halt, resume or exit"));
            }
        } catch (RuntimeException e) {
            log.error("admin request failed", e);
        }
    }

    private interface Action {
        Map<String, Object> run();
    }

    private static void requireMethod(HttpExchange exchange, String method, Action action) throws IOException {
        if (!exchange.getRequestMethod().equals(method)) {
            exchange.getResponseHeaders().add("Allow", method);
            respond(exchange, 405, Map.of("error", "use " + method));
            return;
        }
        try {
            respond(exchange, 200, action.run());
        } catch (RuntimeException e) {
            log.error("admin action {} failed", exchange.getRequestURI().getPath(), e);
            respond(exchange, 500, Map.of("error", e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private static Map<String, Object> state(TradingStateStore.Stored stored) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", stored.state().name());
        body.put("emergencyExit", stored.emergencyExit());
        body.put("reason", stored.reason());
        body.put("version", stored.version());
        body.put("changedAt", stored.changedAt().toString());
        return body;
    }

    private static Optional<String> query(HttpExchange exchange, String name) {
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return Optional.empty();
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static void respond(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static byte[] authorization(Secret token) {
        return ("Bearer " + token.reveal()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void stop() {
        HttpEndpoint.stop(server);
        server = null;
        state = Health.of(State.STOPPED, "stopped");
    }
}
