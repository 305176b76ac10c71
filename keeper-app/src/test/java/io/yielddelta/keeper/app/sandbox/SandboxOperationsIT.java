package io.yielddelta.keeper.app.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yielddelta.keeper.app.observability.CapturedLog;
import io.yielddelta.keeper.app.observability.DatadogDocs;
import io.yielddelta.keeper.app.observability.LocalCollectors;
import io.yielddelta.keeper.app.testing.HeadlessChromium;
import io.yielddelta.keeper.core.market.HourlyBar;
import io.yielddelta.keeper.core.market.MarketHistory;
import io.yielddelta.keeper.core.risk.TradingState;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

/**
 * The sandbox keeper as an operator sees it, over replayed hours on the real chain and paper venue: the dashboard in
 * headless Chromium, {@code /api/status}, {@code /metrics} scraped, the documented series arriving at a local endpoint
 * that speaks Datadog's series API, errors and risk alerts as Sentry envelopes on a local DSN, the admin actions with
 * and without the token, and a log with none of the run's secrets in it.
 */
class SandboxOperationsIT {

    private static final String VAULT = "sandbox-weth-usdc";
    private static final String DATADOG_KEY = "dd0123456789abcdef0123456789abcd";
    private static final String SENTRY_KEY = "5e1f0000c0ffee0000deadbeef000042";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anOperatorWatchesTheSandboxKeeperOnItsDashboardMetricsDatadogAndSentry() throws Exception {
        Path eth = Path.of(System.getProperty("shared.dir", "../../shared"), "data/market/ETHUSDT_1h.csv");
        List<HourlyBar> hours = MarketHistory.read(eth).stream()
                .filter(b -> !b.openTime().isBefore(Instant.parse("2024-03-04T00:00:00Z")))
                .limit(16)
                .toList();
        Set<String> secrets = new HashSet<>();
        List<String> received;
        try (CapturedLog log = new CapturedLog();
                LocalCollectors.Datadog datadog = new LocalCollectors.Datadog();
                LocalCollectors.Sentry sentry = new LocalCollectors.Sentry()) {
            try (SandboxWorld world = SandboxWorld.start(hours.getFirst().close())) {
                SandboxHedge hedge = new SandboxHedge(hours.getFirst().openTime(), world.wethIsToken0());
                try (SandboxKeeper keeper = SandboxKeeper.start(
                        world,
                        Duration.ofSeconds(1),
                        hedge,
                        hedge.clock(),
                        new SandboxKeeper.Reporting(datadog.url(), DATADOG_KEY, sentry.dsn(SENTRY_KEY)))) {
                    secrets.addAll(List.of(
                            DATADOG_KEY,
                            SENTRY_KEY,
                            keeper.secrets().adminToken(),
                            keeper.secrets().keystorePassword(),
                            Numeric.toHexStringNoPrefix(
                                    world.keeper().getEcKeyPair().getPrivateKey()),
                            Numeric.toHexStringNoPrefix(
                                    world.aiOracle().getEcKeyPair().getPrivateKey())));
                    for (HourlyBar bar : hours.subList(0, 10)) {
                        assertThat(world.replay(bar, Duration.ofMillis(1100))).isTrue();
                        hedge.hour(bar, keeper);
                    }

                    JsonNode status = JSON.readTree(
                            get(keeper.dashboardUrl().resolve("/api/status")).body());
                    JsonNode vault = status.path("vaults").get(0);
                    assertThat(vault.path("name").asText()).isEqualTo(VAULT);
                    double price = vault.at("/latest/price").asDouble();
                    assertThat(vault.at("/latest/lower").asDouble()).isLessThan(price);
                    assertThat(vault.at("/latest/upper").asDouble()).isGreaterThan(price);
                    assertThat(Math.abs(vault.at("/delta/deltaPct").asDouble()))
                            .isLessThanOrEqualTo(vault.at("/delta/bandPct").asDouble());
                    assertThat(vault.at("/delta/hedgeSize").decimalValue()).isNegative();
                    assertThat(status.at("/trading/state").asText()).isEqualTo("ACTIVE");
                    assertThat(status.path("role").asText()).isEqualTo("hedging");
                    assertThat(status.path("cycles").size()).isPositive();
                    awaitTrue("the maintenance pass reads the paper venue", () -> venues(keeper) > 0);

                    String dom = chromium().dom(keeper.dashboardUrl().toString());
                    assertThat(text(dom, "h3 class=\"vault-name\"")).isEqualTo(VAULT);
                    assertThat(text(dom, "b class=\"range\"")).matches("[\\d,]+\\.\\d+ – [\\d,]+\\.\\d+");
                    assertThat(text(dom, "b class=\"delta [a-z]+\"")).matches("[+-]\\d+\\.\\d\\d %");
                    assertThat(text(dom, "b class=\"hedge-size\"")).startsWith("-");
                    assertThat(text(dom, "h3 class=\"venue\"")).isEqualTo("paper");
                    assertThat(text(dom, "td class=\"num position-size\"")).startsWith("-");
                    assertThat(dom).contains("id=\"trading-state\">ACTIVE<", "role: hedging", "price-chart");
                    screenshotShowsTheCharts(keeper.dashboardUrl());

                    String metrics = get(keeper.metricsUrl()).body();
                    assertThat(metrics)
                            .contains(
                                    "keeper_cycle_duration_seconds_count",
                                    "keeper_decisions_total{action=\"",
                                    "vault=\"" + VAULT + "\"",
                                    "keeper_hedge_delta_percent{",
                                    "keeper_venue_latency_seconds_count{",
                                    "keeper_rpc_latency_seconds_count{",
                                    "keeper_trading_state{",
                                    "keeper_model_inference_seconds_count{",
                                    "keeper_journal_in_flight{");

                    // Admin actions: refused without the token, then a halt with it reaches Sentry with its context.
                    assertThat(post(keeper, "halt", null).statusCode()).isEqualTo(401);
                    assertThat(post(keeper, "halt", "wrong-token-of-some-length")
                                    .statusCode())
                            .isEqualTo(401);
                    assertThat(keeper.daemon().kernel().trading().engine().state())
                            .isEqualTo(TradingState.ACTIVE);
                    assertThat(post(keeper, "halt", keeper.secrets().adminToken())
                                    .statusCode())
                            .isEqualTo(200);
                    for (HourlyBar bar : hours.subList(10, hours.size())) {
                        assertThat(world.replay(bar, Duration.ofMillis(1100))).isTrue();
                        hedge.hour(bar, keeper);
                    }
                    assertThat(post(keeper, "resume", keeper.secrets().adminToken())
                                    .statusCode())
                            .isEqualTo(200);
                    awaitTrue(
                            "Sentry events",
                            () -> envelopes(sentry).stream().anyMatch(e -> e.contains("OrderBlocked")));
                }
            }

            List<String> envelopes = envelopes(sentry);
            String halted = envelopes.stream()
                    .filter(e -> e.contains("TradingStateChanged"))
                    .findFirst()
                    .orElseThrow();
            assertThat(halted).contains("\"trading_state\":\"HALTED\"", "\"release\":\"yield-delta-keeper@");
            String blocked = envelopes.stream()
                    .filter(e -> e.contains("OrderBlocked"))
                    .findFirst()
                    .orElseThrow();
            assertThat(blocked)
                    .contains(
                            "\"vault\":\"" + VAULT + "\"",
                            "\"venue\":\"paper\"",
                            "\"decision_id\":\"",
                            "\"trading_state\":\"HALTED\"");
            // The DSN's public key authenticates the upload (header, envelope header); the events themselves hold no
            // secret.
            assertThat(sentry.envelopes)
                    .allSatisfy(e -> assertThat(e.authHeader()).contains(SENTRY_KEY));
            for (String envelope : envelopes) {
                String items = envelope.substring(envelope.indexOf('\n') + 1);
                for (String secret : secrets) {
                    assertThat(items).doesNotContain(secret);
                }
            }

            List<JsonNode> series = datadog.series();
            assertThat(datadog.rejected).as("payloads Datadog would refuse").isEmpty();
            assertThat(datadog.posts).isNotEmpty().allSatisfy(p -> {
                assertThat(p.apiKeyHeader()).isEqualTo(DATADOG_KEY);
                assertThat(p.query() == null ? "" : p.query()).doesNotContain(DATADOG_KEY);
            });
            assertThat(tags(series, "keeper.decisions")).contains("vault:" + VAULT, "service:yield-delta-keeper");
            assertThat(tags(series, "keeper.hedge.orders")).contains("vault:" + VAULT, "venue:paper", "outcome:placed");
            assertThat(tags(series, "keeper.hedge.delta")).contains("vault:" + VAULT);
            assertThat(tags(series, "keeper.venue.position")).contains("venue:paper", "market:ETH");
            assertThat(tags(series, "keeper.rebalances")).contains("vault:" + VAULT, "outcome:confirmed");
            assertThat(tags(series, "keeper.rpc.latency.count")).contains("node:0");
            assertThat(tags(series, "keeper.trading.state")).contains("instance:sandbox");
            assertThat(series)
                    .anyMatch(s -> s.path("metric").asText().equals("keeper.risk.alerts")
                            && s.path("tags").toString().contains("type:OrderBlocked")
                            && s.at("/points/0/1").asDouble() > 0);
            received = series.stream()
                    .map(s -> s.path("metric").asText())
                    .distinct()
                    .sorted()
                    .toList();
            System.out.println("series received by the local Datadog endpoint: " + received);

            for (String line : log.textLines) {
                for (String secret : secrets) {
                    assertThat(line).as("a log line").doesNotContain(secret);
                }
            }
            List<JsonNode> decisions = new ArrayList<>();
            for (String line : log.jsonLines) {
                JsonNode json = JSON.readTree(line);
                assertThat(json.has("timestamp") && json.has("level") && json.has("logger") && json.has("message"))
                        .isTrue();
                if (json.path("logger").asText().endsWith("KeeperCycle") && json.has("action")) {
                    decisions.add(json);
                }
            }
            assertThat(decisions).isNotEmpty().allSatisfy(d -> {
                assertThat(d.path("vault").asText()).isEqualTo(VAULT);
                assertThat(d.path("message").asText())
                        .doesNotContain(d.path("decision_id").asText());
            });
        }
        DatadogDocs.assertReferenceOnly(Set.copyOf(received));
    }

    private long venues(SandboxKeeper keeper) {
        try {
            return JSON.readTree(
                            get(keeper.dashboardUrl().resolve("/api/status")).body())
                    .path("venues")
                    .size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> envelopes(LocalCollectors.Sentry sentry) {
        return sentry.envelopes.stream().map(LocalCollectors.Envelope::body).toList();
    }

    private static Set<String> tags(List<JsonNode> series, String metric) {
        Set<String> tags = new TreeSet<>();
        series.stream()
                .filter(s -> s.path("metric").asText().equals(metric))
                .forEach(s -> s.path("tags").forEach(t -> tags.add(t.asText())));
        assertThat(tags).as("tags of %s", metric).isNotEmpty();
        return tags;
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(SandboxKeeper keeper, String action, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        keeper.dashboardUrl().resolve("/admin/" + action + "?reason=operations%20test"))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The text of the first element whose opening tag starts with {@code tag} (a regex), tags inside removed. */
    private static String text(String dom, String tag) {
        Matcher m = Pattern.compile("<" + tag + "[^>]*>(.*?)</", Pattern.DOTALL).matcher(dom);
        assertThat(m.find()).as("an element <%s> on the dashboard", tag).isTrue();
        return m.group(1).replaceAll("<[^>]+>", "").trim();
    }

    private static HeadlessChromium chromium() throws Exception {
        return new HeadlessChromium(Path.of("target/dashboard-screenshot"), 1280, 1600);
    }

    private static void screenshotShowsTheCharts(URI dashboard) throws Exception {
        BufferedImage shot =
                chromium().screenshot(dashboard.toString(), Path.of("target/dashboard-screenshot/dashboard.png"));
        assertThat(shot.getWidth()).isEqualTo(1280);
        assertThat(HeadlessChromium.pixelsNear(shot, 0x1f6feb))
                .as("the price line")
                .isGreaterThan(150);
        assertThat(HeadlessChromium.pixelsNear(shot, 0xcf222e))
                .as("the delta line")
                .isGreaterThan(50);
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 60 s for " + what);
            }
            Thread.sleep(250);
        }
    }
}
