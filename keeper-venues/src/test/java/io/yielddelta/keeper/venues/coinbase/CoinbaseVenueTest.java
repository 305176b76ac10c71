package io.yielddelta.keeper.venues.coinbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.Fill;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.Margin;
import io.yielddelta.keeper.core.venue.MarkPrice;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderStatus;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.RateLimitedException;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.core.venue.UnknownOutcomeException;
import io.yielddelta.keeper.core.venue.VenueOrder;
import io.yielddelta.keeper.core.venue.VenueUnavailableException;
import io.yielddelta.keeper.venues.PreparedRequest;
import io.yielddelta.keeper.venues.testing.MutableClock;
import java.math.BigDecimal;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.RecordedRequest;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Coinbase venue against a local HTTP + WebSocket server that answers like Coinbase (INTX perpetuals). */
class CoinbaseVenueTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORDERS = "/api/v3/brokerage/orders";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    private FakeCoinbase coinbase;
    private CoinbaseVenue venue;
    private CoinbaseConfig config;

    @BeforeEach
    void start() throws Exception {
        coinbase = new FakeCoinbase(clock);
        config = CoinbaseConfig.production(
                        CoinbaseConfig.Derivatives.INTX, FakeCoinbase.PORTFOLIO, Map.of("ETH", FakeCoinbase.PRODUCT))
                .withEndpoints(coinbase.restUrl(), coinbase.wsUrl())
                .withTimings(Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofSeconds(30));
        venue = new CoinbaseVenue(config, CoinbaseVectors.es256Key(), new OkHttpClient(), clock);
    }

    @AfterEach
    void stop() throws Exception {
        venue.close();
        coinbase.close();
    }

    @Test
    void fullOrderLifecycleWithAWebSocketDropDuringFills() throws Exception {
        Instrument eth = venue.instrument("ETH");
        assertThat(eth.tickSize()).isEqualByComparingTo("0.01");
        assertThat(eth.lotSize()).isEqualByComparingTo("0.0001");
        assertThat(eth.minNotional()).isEqualByComparingTo("10");
        assertThat(eth.maxLeverage()).isEqualTo(20);
        assertThat(venue.instruments()).extracting(Instrument::market).containsExactly("ETH");
        assertThat(venue.fundingRate("ETH").ratePerHour()).isEqualByComparingTo("0.000012");
        venue.setLeverage("ETH", 5);
        assertThatThrownBy(() -> venue.setLeverage("ETH", 21)).isInstanceOf(OrderRejectedException.class);

        BlockingQueue<Fill> fills = new LinkedBlockingQueue<>();
        venue.subscribeFills(fills::add);
        JsonNode firstSubscribe = coinbase.awaitSubscribe("user");
        assertThat(firstSubscribe.path("type").asText()).isEqualTo("subscribe");

        // place: a resting limit buy, its price rounded down to the tick
        ClientOrderId buyId = ClientOrderId.of("cycle-1/hedge");
        VenueOrder placed = venue.place(new OrderRequest(
                "ETH", Side.BUY, new BigDecimal("1.0"), new BigDecimal("3000.004"), OrderType.LIMIT_GTC, false, buyId));
        assertThat(placed.status()).isEqualTo(OrderStatus.OPEN);
        assertThat(placed.clientId()).isEqualTo(buyId);
        JsonNode body = lastBody("POST", ORDERS);
        assertThat(body.path("client_order_id").asText()).isEqualTo(buyId.uuid());
        assertThat(body.path("product_id").asText()).isEqualTo("ETH-PERP-INTX");
        assertThat(body.path("leverage").asText()).isEqualTo("5");
        assertThat(body.path("margin_type").asText()).isEqualTo("CROSS");
        assertThat(body.path("order_configuration")
                        .path("limit_limit_gtc")
                        .path("limit_price")
                        .asText())
                .isEqualTo("3000");
        assertThat(body.path("order_configuration")
                        .path("limit_limit_gtc")
                        .path("base_size")
                        .asText())
                .isEqualTo("1");
        assertThat(body.path("order_configuration")
                        .path("limit_limit_gtc")
                        .path("post_only")
                        .asBoolean())
                .isFalse();
        assertThat(venue.openOrders()).extracting(VenueOrder::venueOrderId).containsExactly(placed.venueOrderId());

        // partial fill, announced on the user channel
        coinbase.fill(placed.venueOrderId(), new BigDecimal("0.4"), new BigDecimal("3000"), true);
        Fill first = next(fills);
        assertThat(first.size()).isEqualByComparingTo("0.4");
        assertThat(first.clientId()).isEqualTo(buyId);
        assertThat(venue.orderByVenueId("ETH", placed.venueOrderId())
                        .orElseThrow()
                        .status())
                .isEqualTo(OrderStatus.PARTIALLY_FILLED);

        // the rest fills while the stream is down: the update never arrives, REST reconciliation finds the fill
        coinbase.fill(placed.venueOrderId(), new BigDecimal("0.6"), new BigDecimal("3000"), false);
        coinbase.dropWebSocket();
        JsonNode resubscribe = coinbase.awaitSubscribe("user");
        assertThat(resubscribe.path("jwt").asText())
                .isNotEqualTo(firstSubscribe.path("jwt").asText());
        assertThat(coinbase.webSocketConnections()).isEqualTo(2);
        Fill second = next(fills);
        assertThat(second.size()).isEqualByComparingTo("0.6");
        VenueOrder filled = venue.orderByClientId("ETH", buyId).orElseThrow();
        assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(filled.averageFillPrice()).isEqualByComparingTo("3000");

        // position
        Position position = single(venue.positions());
        assertThat(position.size()).isEqualByComparingTo("1");
        assertThat(position.entryPrice()).isEqualByComparingTo("3000");
        assertThat(position.liquidationPrice()).isEqualByComparingTo("2410.5");

        // reduce: a reduce-only market sell goes through close_position and can only shrink the position
        assertThatThrownBy(() -> venue.place(new OrderRequest(
                        "ETH",
                        Side.BUY,
                        new BigDecimal("0.1"),
                        null,
                        OrderType.MARKET_IOC,
                        true,
                        ClientOrderId.of("cycle-2/grow"))))
                .isInstanceOf(OrderRejectedException.class)
                .hasMessageContaining("would not reduce");
        coinbase.setMark(new BigDecimal("3010"));
        ClientOrderId reduceId = ClientOrderId.of("cycle-2/reduce");
        VenueOrder reduce = venue.place(
                new OrderRequest("ETH", Side.SELL, new BigDecimal("0.5"), null, OrderType.MARKET_IOC, true, reduceId));
        assertThat(lastRequest().getUrl().encodedPath()).isEqualTo(ORDERS + "/close_position");
        assertThat(lastBody("POST", ORDERS + "/close_position").path("size").asText())
                .isEqualTo("0.5");
        assertThat(reduce.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(reduce.reduceOnly()).isTrue();
        Fill third = next(fills);
        assertThat(third.side()).isEqualTo(Side.SELL);
        assertThat(third.price()).isEqualByComparingTo("3010");
        assertThat(List.of(first.fillId(), second.fillId(), third.fillId())).doesNotHaveDuplicates();
        assertThat(fills).as("each fill delivered once").isEmpty();
        assertThat(single(venue.positions()).size()).isEqualByComparingTo("0.5");
        assertThat(venue.fillsSince(clock.instant())).hasSize(3);

        // cancel: a post-only limit sell rests, then is cancelled by client id
        ClientOrderId restingId = ClientOrderId.of("cycle-3/post");
        VenueOrder resting = venue.place(new OrderRequest(
                "ETH",
                Side.SELL,
                new BigDecimal("0.5"),
                new BigDecimal("3500.001"),
                OrderType.POST_ONLY,
                false,
                restingId));
        JsonNode postOnly = lastBody("POST", ORDERS).path("order_configuration").path("limit_limit_gtc");
        assertThat(postOnly.path("post_only").asBoolean()).isTrue();
        assertThat(postOnly.path("limit_price").asText()).isEqualTo("3500.01");
        venue.cancelByClientId("ETH", restingId);
        assertThat(lastBody("POST", ORDERS + "/batch_cancel")
                        .path("order_ids")
                        .get(0)
                        .asText())
                .isEqualTo(resting.venueOrderId());
        assertThat(venue.orderByVenueId("ETH", resting.venueOrderId())
                        .orElseThrow()
                        .status())
                .isEqualTo(OrderStatus.CANCELED);
        assertThatThrownBy(() -> venue.cancel("ETH", resting.venueOrderId()))
                .isInstanceOf(OrderRejectedException.class)
                .hasMessageContaining("UNKNOWN_CANCEL_ORDER");
        assertThat(venue.openOrders()).isEmpty();

        Margin margin = venue.margin();
        assertThat(margin.accountValue()).isEqualByComparingTo("5012.55");
        assertThat(margin.marginUsed()).isEqualByComparingTo("602.51");
        assertThat(margin.withdrawable()).isEqualByComparingTo("4410.04");

        assertThat(coinbase.authFailures).isEmpty();
    }

    @Test
    void venueErrorBodyRejectsTheOrderWithTheVenuesReason() {
        coinbase.answerOnce("POST " + ORDERS, 400, "error-invalid-argument.json", Map.of());
        assertThatThrownBy(() -> venue.place(limitBuy("err-1")))
                .isInstanceOf(OrderRejectedException.class)
                .hasMessageContaining("INVALID_ARGUMENT")
                .hasMessageContaining("Invalid product_id");
    }

    @Test
    void okAnswerCarryingAPerOrderErrorIsARejection() {
        coinbase.answerOnce("POST " + ORDERS, 200, "create-order-failure.json", Map.of());
        assertThatThrownBy(() -> venue.place(limitBuy("err-2")))
                .isInstanceOf(OrderRejectedException.class)
                .satisfies(e -> assertThat(((OrderRejectedException) e).reason())
                        .contains("INSUFFICIENT_FUND")
                        .contains("Insufficient balance in source account")
                        .contains("PREVIEW_INSUFFICIENT_FUND"));
    }

    @Test
    void rateLimitHonoursRetryAfterWithoutCallingAgainUntilItPasses() {
        venue.instrument("ETH"); // product cached, so the order below is the only request
        coinbase.answerOnce("POST " + ORDERS, 429, "error-rate-limited.json", Map.of("Retry-After", "2"));
        assertThatThrownBy(() -> venue.place(limitBuy("rl-1")))
                .isInstanceOfSatisfying(
                        RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2)));
        int requests = coinbase.requests.size();

        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> venue.place(limitBuy("rl-1")))
                .isInstanceOfSatisfying(
                        RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
        assertThat(coinbase.requests).as("nothing sent while limited").hasSize(requests);

        clock.advance(Duration.ofSeconds(1));
        assertThat(venue.place(limitBuy("rl-1")).status()).isEqualTo(OrderStatus.OPEN);
    }

    @Test
    void rateLimitResetHeaderAsEpochSecondsIsHonouredToo() {
        long reset = clock.instant().plusSeconds(7).getEpochSecond();
        coinbase.answerOnce(
                "GET /api/v3/brokerage/intx/positions/" + FakeCoinbase.PORTFOLIO,
                429,
                "error-rate-limited.json",
                Map.of("x-ratelimit-reset", Long.toString(reset)));
        assertThatThrownBy(() -> venue.positions())
                .isInstanceOfSatisfying(
                        RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void unknownOrderIsEmptyAndUnlistedMarketIsRejected() {
        assertThat(venue.orderByVenueId("ETH", "00000000-0000-4000-8000-999999999999"))
                .isEmpty();
        assertThat(venue.orderByClientId("ETH", ClientOrderId.of("never-placed")))
                .isEmpty();
        assertThatThrownBy(() -> venue.instrument("BTC"))
                .isInstanceOf(OrderRejectedException.class)
                .hasMessageContaining("BTC");
    }

    @Test
    void serverErrorIsUnavailable() {
        // A read is tried three times (RetryPolicy.STANDARD): one 503 is absorbed, three in a row are an outage.
        coinbase.answerOnce(
                "GET /api/v3/brokerage/intx/portfolio/" + FakeCoinbase.PORTFOLIO, 503, "error-internal.json", Map.of());
        assertThat(venue.margin().accountValue()).isPositive();
        for (int i = 0; i < 3; i++) {
            coinbase.answerOnce(
                    "GET /api/v3/brokerage/intx/portfolio/" + FakeCoinbase.PORTFOLIO,
                    503,
                    "error-internal.json",
                    Map.of());
        }
        assertThatThrownBy(() -> venue.margin())
                .isInstanceOf(VenueUnavailableException.class)
                .hasMessageContaining("503");
    }

    @Test
    void lostSubmitAnswerIsResolvedByClientIdWithoutASecondOrder() {
        venue.instrument("ETH");
        OrderRequest request = limitBuy("lost-1");
        coinbase.dropAnswerOnce("POST " + ORDERS);

        VenueOrder order = venue.place(request);

        assertThat(order.clientId()).isEqualTo(request.clientId());
        assertThat(coinbase.ordersWithClientId(request.clientId().uuid())).hasSize(1);
        assertThat(coinbase.requests.stream()
                        .filter(r -> r.getMethod().equals("POST"))
                        .count())
                .as("the order was sent once, then looked up")
                .isEqualTo(1);
        // Even a deliberate re-send with the same client id is answered with the same order.
        assertThat(venue.place(request).venueOrderId()).isEqualTo(order.venueOrderId());
        assertThat(coinbase.orderCount()).isEqualTo(1);
    }

    @Test
    void serverErrorAfterTheOrderWasAcceptedIsResolvedByClientIdNotTakenForUnavailable() {
        venue.instrument("ETH");
        OrderRequest request = limitBuy("accepted-then-503");
        coinbase.answerOnceAfterActing("POST " + ORDERS, 503, "error-internal.json");

        VenueOrder order = venue.place(request);

        assertThat(order.clientId()).isEqualTo(request.clientId());
        assertThat(coinbase.ordersWithClientId(request.clientId().uuid())).hasSize(1);
        assertThat(coinbase.requests.stream()
                        .filter(r -> r.getMethod().equals("POST"))
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aConnectionThatFailsBeforeTheOrderIsWrittenIsUnavailableNotUnknown() {
        // The venue's host stops resolving: the order never leaves the keeper, so it is certainly not placed.
        AtomicBoolean resolves = new AtomicBoolean(true);
        OkHttpClient http = new OkHttpClient.Builder()
                .dns(host -> {
                    if (!resolves.get()) {
                        throw new UnknownHostException("no address for " + host);
                    }
                    return Dns.SYSTEM.lookup(host);
                })
                .build();
        try (CoinbaseVenue resolving = new CoinbaseVenue(config, CoinbaseVectors.es256Key(), http, clock)) {
            resolving.instrument("ETH");
            resolves.set(false);
            http.connectionPool().evictAll();
            assertThatThrownBy(() -> resolving.place(limitBuy("never-sent")))
                    .isInstanceOf(VenueUnavailableException.class);
        }
        assertThat(coinbase.orderCount()).isZero();
    }

    @Test
    void lostSubmitAnswerWhoseLookupAlsoFailsIsAnUnknownOutcome() {
        venue.instrument("ETH");
        OrderRequest request = limitBuy("lost-2");
        coinbase.dropAnswerOnce("POST " + ORDERS);
        for (int i = 0; i < 3; i++) {
            coinbase.answerOnce("GET " + ORDERS + "/historical/batch", 503, "error-internal.json", Map.of());
        }

        assertThatThrownBy(() -> venue.place(request))
                .isInstanceOfSatisfying(
                        UnknownOutcomeException.class,
                        e -> assertThat(e.clientId()).isEqualTo(request.clientId()));

        assertThat(venue.orderByClientId("ETH", request.clientId())).isPresent();
        assertThat(coinbase.ordersWithClientId(request.clientId().uuid())).hasSize(1);
    }

    @Test
    void marketPricesAndHeartbeatsStream() throws Exception {
        BlockingQueue<MarkPrice> marks = new LinkedBlockingQueue<>();
        HedgeVenue.Subscription ticker = venue.subscribeMarkPrices("ETH", marks::add);
        assertThat(coinbase.awaitSubscribe("heartbeats").has("product_ids")).isFalse();
        assertThat(coinbase.awaitSubscribe("ticker").path("product_ids").get(0).asText())
                .isEqualTo("ETH-PERP-INTX");

        coinbase.push("ws-heartbeats.json", m -> m);
        coinbase.push("ws-ticker.json", m -> m);

        MarkPrice mark = marks.poll(10, TimeUnit.SECONDS);
        assertThat(mark).isNotNull();
        assertThat(mark.mark()).isEqualByComparingTo("3013.05");
        assertThat(mark.time()).isEqualTo(Instant.parse("2026-11-23T12:00:01.123456Z"));

        ticker.close();
        JsonNode unsubscribe = coinbase.subscribes.poll(10, TimeUnit.SECONDS);
        assertThat(unsubscribe.path("type").asText()).isEqualTo("unsubscribe");
        assertThat(unsubscribe.path("channel").asText()).isEqualTo("ticker");
        assertThat(coinbase.authFailures).isEmpty();
    }

    @Test
    void aSilentStreamIsDroppedAndSubscribedAgain() throws Exception {
        try (CoinbaseVenue impatient = new CoinbaseVenue(
                CoinbaseConfig.production(
                                CoinbaseConfig.Derivatives.INTX,
                                FakeCoinbase.PORTFOLIO,
                                Map.of("ETH", FakeCoinbase.PRODUCT))
                        .withEndpoints(coinbase.restUrl(), coinbase.wsUrl())
                        .withTimings(Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofMillis(300)),
                CoinbaseVectors.es256Key(),
                new OkHttpClient(),
                clock)) {
            impatient.subscribeMarkPrices("ETH", mark -> {});
            coinbase.awaitSubscribe("ticker");
            // The fake sends no heartbeats: the watchdog gives up on the connection and subscribes on a new one.
            coinbase.awaitSubscribe("ticker");
            assertThat(coinbase.webSocketConnections()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void previewShowsTheExactRequestWithTheTokenMasked() throws Exception {
        OrderRequest request = new OrderRequest(
                "ETH",
                Side.SELL,
                new BigDecimal("0.25"),
                new BigDecimal("3100"),
                OrderType.LIMIT_GTC,
                false,
                ClientOrderId.of("preview-1"));
        int before = coinbase.requests.size();
        PreparedRequest preview = venue.previewOrder(request, 1_790_000_000L);
        assertThat(coinbase.requests.size() - before)
                .as("only the product is read")
                .isLessThanOrEqualTo(1);
        assertThat(coinbase.requests.stream().noneMatch(r -> r.getMethod().equals("POST")))
                .isTrue();

        assertThat(preview.method()).isEqualTo("POST");
        assertThat(preview.url()).endsWith(ORDERS);
        assertThat(preview.headers()).containsEntry("Authorization", "Bearer ***");
        JsonNode body = JSON.readTree(preview.body());
        assertThat(body.path("side").asText()).isEqualTo("SELL");
        assertThat(body.path("order_configuration")
                        .path("limit_limit_gtc")
                        .path("base_size")
                        .asText())
                .isEqualTo("0.25");
        JsonNode claims = JSON.readTree(preview.signature().get("jwt.claims"));
        assertThat(claims.path("uri").asText()).isEqualTo("POST api.coinbase.com" + ORDERS);
        assertThat(claims.path("nbf").asLong()).isEqualTo(1_790_000_000L);
        assertThat(claims.path("exp").asLong()).isEqualTo(1_790_000_120L);
        assertThat(venue.previewOrder(request, 1_790_000_000L)).isEqualTo(preview);
        assertThat(preview.toString()).doesNotContain("eyJ");
    }

    private OrderRequest limitBuy(String decision) {
        return new OrderRequest(
                "ETH",
                Side.BUY,
                new BigDecimal("0.1"),
                new BigDecimal("2900"),
                OrderType.LIMIT_GTC,
                false,
                ClientOrderId.of(decision));
    }

    private static Fill next(BlockingQueue<Fill> fills) throws InterruptedException {
        Fill fill = fills.poll(10, TimeUnit.SECONDS);
        assertThat(fill).as("a fill within 10 s").isNotNull();
        return fill;
    }

    private static Position single(List<Position> positions) {
        assertThat(positions).hasSize(1);
        return positions.get(0);
    }

    private RecordedRequest lastRequest() {
        return coinbase.requests.stream()
                .filter(r -> r.getMethod().equals("POST"))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    private JsonNode lastBody(String method, String path) throws Exception {
        RecordedRequest request = coinbase.requests.stream()
                .filter(r ->
                        r.getMethod().equals(method) && r.getUrl().encodedPath().equals(path))
                .reduce((a, b) -> b)
                .orElseThrow();
        return JSON.readTree(request.getBody().utf8());
    }
}
