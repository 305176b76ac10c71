package io.yielddelta.keeper.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.app.config.Secret;
import io.yielddelta.keeper.app.hedge.LoggedRiskEvents;
import io.yielddelta.keeper.app.service.Service;
import io.yielddelta.keeper.app.service.ServiceController;
import io.yielddelta.keeper.app.store.DatabaseSettings;
import io.yielddelta.keeper.app.store.Databases;
import io.yielddelta.keeper.app.store.JdbcTradingStateStore;
import io.yielddelta.keeper.core.risk.RiskLimits;
import io.yielddelta.keeper.core.risk.TradingControl;
import io.yielddelta.keeper.core.risk.TradingState;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin endpoint over real HTTP on loopback, against the trading state on H2 and a controller's services. */
class AdminServerTest {

    private static final String TOKEN = "a-long-admin-token-for-tests-0123";

    @TempDir
    Path dir;

    private HikariDataSource db;
    private TradingControl control;
    private AdminServer server;
    private final SettableService journal = new SettableService();
    private final List<String> exits = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        db = Databases.open(DatabaseSettings.h2(dir.resolve("keeper")));
        control = new TradingControl(
                new JdbcTradingStateStore(db, Clock.systemUTC()),
                RiskLimits.withDefaults(BigDecimal.TEN, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.TEN),
                Map.of(),
                Clock.systemUTC(),
                new LoggedRiskEvents());
        server = new AdminServer(
                new KeeperConfig.Admin("127.0.0.1", 0, new Secret(TOKEN)),
                control,
                reason -> {
                    exits.add(reason);
                    return List.of();
                },
                new ServiceController(List.of(journal)));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
        db.close();
    }

    @Test
    void healthAndReadinessNeedNoTokenAndReadyWaitsForEveryService() throws Exception {
        journal.health = Service.Health.of(Service.State.STARTING, "2 journal row(s) still open on chain");

        HttpResponse<String> health = probe("health");
        HttpResponse<String> notReady = probe("ready");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(notReady.statusCode()).isEqualTo(503);
        JsonNode body = new ObjectMapper().readTree(notReady.body());
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.get("ready").asBoolean()).isFalse();
        assertThat(body.at("/services/journal/detail").asText()).isEqualTo("2 journal row(s) still open on chain");
        assertThat(notReady.body()).doesNotContain(TOKEN);

        journal.health = Service.Health.of(Service.State.RUNNING, "journal reconciled with the chain");
        assertThat(probe("ready").statusCode()).isEqualTo(200);

        journal.health = Service.Health.of(Service.State.FAILED, "the database is gone");
        assertThat(probe("health").statusCode()).isEqualTo(503);
        assertThat(new ObjectMapper()
                        .readTree(probe("health").body())
                        .get("status")
                        .asText())
                .isEqualTo("DOWN");
    }

    @Test
    void withoutTheRightTokenNothingHappens() throws Exception {
        for (String authorization : new String[] {null, "Bearer wrong", "Bearer " + TOKEN + "x", TOKEN}) {
            HttpResponse<String> response = send("POST", "halt", authorization);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).doesNotContain(TOKEN);
        }
        assertThat(control.engine().state()).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void haltTakesEffectBeforeTheAnswerAndResumeUndoesIt() throws Exception {
        HttpResponse<String> halted = send("POST", "halt?reason=venue%20incident", "Bearer " + TOKEN);

        assertThat(halted.statusCode()).isEqualTo(200);
        assertThat(control.engine().state()).isEqualTo(TradingState.HALTED);
        JsonNode body = new ObjectMapper().readTree(halted.body());
        assertThat(body.get("state").asText()).isEqualTo("HALTED");
        assertThat(body.get("reason").asText()).isEqualTo("admin endpoint: venue incident");
        assertThat(new JdbcTradingStateStore(db, Clock.systemUTC()).load().state())
                .isEqualTo(TradingState.HALTED);

        assertThat(send("POST", "resume", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(control.engine().state()).isEqualTo(TradingState.ACTIVE);
        JsonNode state = new ObjectMapper()
                .readTree(send("GET", "state", "Bearer " + TOKEN).body());
        assertThat(state.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(state.get("emergencyExit").asBoolean()).isFalse();
    }

    @Test
    void exitStopsRebalancingThenClosesTheHedges() throws Exception {
        HttpResponse<String> response = send("POST", "exit?reason=depeg", "Bearer " + TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(exits).containsExactly("admin endpoint: depeg");
        assertThat(control.engine().rebalancingAllowed()).isFalse();
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.get("emergencyExit").asBoolean()).isTrue();
        assertThat(body.get("closingOrders")).isEmpty();
    }

    @Test
    void wrongMethodsAndUnknownActionsAreRefused() throws Exception {
        assertThat(send("GET", "halt", "Bearer " + TOKEN).statusCode()).isEqualTo(405);
        assertThat(send("POST", "state", "Bearer " + TOKEN).statusCode()).isEqualTo(405);
        assertThat(send("POST", "liquidate", "Bearer " + TOKEN).statusCode()).isEqualTo(404);
        assertThat(control.engine().state()).isEqualTo(TradingState.ACTIVE);
    }

    private HttpResponse<String> send(String method, String action, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/admin/" + action))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> probe(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/" + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A service whose health the test sets: what the endpoint reports is under test, not the service. */
    private static final class SettableService implements Service {
        volatile Health health = Health.of(State.NEW, "not started");

        @Override
        public String name() {
            return "journal";
        }

        @Override
        public void start() {}

        @Override
        public void stop() {}

        @Override
        public Health health() {
            return health;
        }
    }
}
