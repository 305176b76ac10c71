package io.yielddelta.keeper.app.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.yielddelta.keeper.app.service.HealthCheck;
import io.yielddelta.keeper.core.cycle.JournalEntry;
import io.yielddelta.keeper.core.risk.TradingStateStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The operators' page and {@code /api/status}, served by the admin endpoint without a token: both read-only, built from
 * the same {@link StatusSnapshot} (the page's halt / resume / exit buttons call the token-protected {@code /admin/*}
 * actions with the token the operator types). The page refreshes itself every few seconds.
 */
public final class Dashboard {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    private static final int JOURNAL_ROWS = 20;

    /**
     * What the daemon knows beyond the board.
     *
     * @param trading      the stored trading state
     * @param hedgeLeader  whether this keeper runs the hedges
     * @param hedgedVaults whether the deployment hedges at all
     * @param openJournal  the journal's open rows
     */
    public record Daemon(
            String version,
            String instance,
            boolean clustered,
            Supplier<TradingStateStore.Stored> trading,
            Supplier<Boolean> hedgeLeader,
            boolean hedgedVaults,
            HealthCheck health,
            Supplier<List<JournalEntry>> openJournal) {}

    private final StatusBoard board;
    private final Daemon daemon;
    private final Clock clock;

    public Dashboard(StatusBoard board, Daemon daemon, Clock clock) {
        this.board = board;
        this.daemon = daemon;
        this.clock = clock;
    }

    public StatusSnapshot snapshot() {
        TradingStateStore.Stored trading = daemon.trading().get();
        Map<String, StatusSnapshot.Service> services = new LinkedHashMap<>();
        daemon.health()
                .health()
                .forEach((name, h) ->
                        services.put(name, new StatusSnapshot.Service(h.state().name(), h.detail())));
        List<StatusSnapshot.Journal> journal = daemon.openJournal().get().stream()
                .limit(JOURNAL_ROWS)
                .map(e -> new StatusSnapshot.Journal(
                        e.cycleId(), e.vaultName(), e.status().name(), e.outcome(), e.updatedAt()))
                .toList();
        String role = !daemon.hedgedVaults()
                ? "no hedged vaults"
                : daemon.hedgeLeader().get() ? "hedging" : "standby";
        return new StatusSnapshot(
                daemon.version(),
                daemon.instance(),
                clock.instant(),
                new StatusSnapshot.Trading(
                        trading.state().name(), trading.emergencyExit(), trading.reason(), trading.changedAt()),
                role,
                daemon.clustered(),
                daemon.health().ready(),
                services,
                board.vaults(),
                board.venues(),
                board.cycles(),
                journal,
                board.alerts());
    }

    /** The routes it adds to the admin endpoint: the page at {@code /}, its refreshed part, and the JSON. */
    public Map<String, HttpHandler> routes() {
        return Map.of(
                "/",
                        exchange -> {
                            String path = exchange.getRequestURI().getPath();
                            if (path.equals("/") || path.equals("/dashboard")) {
                                respond(exchange, 200, "text/html; charset=utf-8", DashboardPage.page(snapshot()));
                            } else if (path.equals("/dashboard/main")) {
                                respond(exchange, 200, "text/html; charset=utf-8", DashboardPage.main(snapshot()));
                            } else {
                                respond(exchange, 404, "text/plain; charset=utf-8", "not found");
                            }
                        },
                "/api/status",
                        exchange -> respond(
                                exchange,
                                200,
                                "application/json",
                                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(snapshot())));
    }

    static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        try (exchange;
                InputStream ignored = exchange.getRequestBody()) {
            if (!exchange.getRequestMethod().equals("GET")
                    && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().add("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
