package io.yielddelta.keeper.venues.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.Fill;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.Instrument;
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
import io.yielddelta.keeper.venues.hyperliquid.FakeHyperliquid.ApplyThenRespond;
import io.yielddelta.keeper.venues.hyperliquid.FakeHyperliquid.LoseResponse;
import io.yielddelta.keeper.venues.hyperliquid.FakeHyperliquid.RejectOrder;
import io.yielddelta.keeper.venues.hyperliquid.FakeHyperliquid.Respond;
import io.yielddelta.keeper.venues.hyperliquid.FakeHyperliquid.StallResponse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The venue against a local Hyperliquid (HTTP + WebSocket) that authenticates every signed request by recovering its
 * signer, so passing tests prove the wire format as well as the behaviour.
 */
class HyperliquidVenueTest {

    private static final String KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
    private static final long AWAIT_SECONDS = 10; // only bounds a hung test; nothing asserts on elapsed time
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_724_361_546_000L), ZoneOffset.UTC);

    private final HyperliquidSigner signer = HyperliquidSigner.fromPrivateKey(KEY);
    private FakeHyperliquid fake;
    private HyperliquidVenue venue;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeHyperliquid(signer.address(), false);
        venue = venue(
                config().withTimings(Duration.ofSeconds(5), Duration.ofSeconds(50), Duration.ofMillis(20)), signer);
    }

    @AfterEach
    void stop() {
        venue.close();
        fake.close();
    }

    private HyperliquidConfig config() {
        return HyperliquidConfig.defaults(fake.restUrl(), fake.wsUrl(), false);
    }

    private static HyperliquidVenue venue(HyperliquidConfig config, HyperliquidSigner signer) {
        return new HyperliquidVenue(config, signer, new OkHttpClient(), CLOCK, HyperliquidRateLimiter.standard());
    }

    @Test
    void fullOrderLifecycleWithAStreamDropDuringFills() throws Exception {
        BlockingQueue<Fill> fills = new LinkedBlockingQueue<>();
        venue.subscribeFills(fills::add);
        awaitEvent("subscribe:userFills");

        // place: size rounded down to ETH's 4 decimals, price down to 5 significant figures (a buy never pays more)
        ClientOrderId hedge = ClientOrderId.of("vault-a/2026-11-23T22:00Z/hedge");
        VenueOrder placed = venue.place(new OrderRequest(
                "ETH",
                Side.BUY,
                new BigDecimal("0.50004"),
                new BigDecimal("2999.123"),
                OrderType.LIMIT_GTC,
                false,
                hedge));
        assertThat(placed.status()).isEqualTo(OrderStatus.OPEN);
        assertThat(placed.size()).isEqualByComparingTo("0.5");
        assertThat(placed.limitPrice()).isEqualByComparingTo("2999.1");
        JsonNode sent =
                fake.exchangeRequests().getLast().path("action").path("orders").get(0);
        assertThat(sent.toString())
                .isEqualTo(
                        "{\"a\":1,\"b\":true,\"p\":\"2999.1\",\"s\":\"0.5\",\"r\":false,\"t\":{\"limit\":{\"tif\":\"Gtc\"}},\"c\":\""
                                + hedge.hex128() + "\"}");
        long oid = Long.parseLong(placed.venueOrderId());

        // partial fill, streamed
        fake.fill(oid, new BigDecimal("0.2"));
        Fill first = fills.poll(AWAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(first.size()).isEqualByComparingTo("0.2");
        assertThat(first.clientId()).isEqualTo(hedge);
        assertThat(first.venueOrderId()).isEqualTo(placed.venueOrderId());
        assertThat(venue.orderByClientId("ETH", hedge)).get().satisfies(o -> {
            assertThat(o.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
            assertThat(o.filledSize()).isEqualByComparingTo("0.2");
        });

        // the stream drops; the rest fills while it is down; the resubscribed stream does not replay it
        fake.refuseWebSockets(true);
        fake.dropWebSockets();
        fake.fill(oid, new BigDecimal("0.3"));
        fake.refuseWebSockets(false);
        Fill recovered = fills.poll(AWAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(recovered).isNotNull();
        assertThat(recovered.size()).isEqualByComparingTo("0.3");
        assertThat(recovered.fillId()).isNotEqualTo(first.fillId());
        assertThat(fake.infoRequests()).anySatisfy(r -> {
            assertThat(r.path("type").asText()).isEqualTo("userFillsByTime");
            assertThat(r.path("startTime").asLong())
                    .isLessThanOrEqualTo(first.time().toEpochMilli());
        });

        // filled, and the position is there
        assertThat(venue.orderByVenueId("ETH", placed.venueOrderId())).get().satisfies(o -> {
            assertThat(o.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(o.filledSize()).isEqualByComparingTo("0.5");
        });
        assertThat(venue.positions()).singleElement().satisfies(p -> {
            assertThat(p.market()).isEqualTo("ETH");
            assertThat(p.size()).isEqualByComparingTo("0.5");
            assertThat(p.entryPrice()).isEqualByComparingTo("2999.1");
        });

        // reduce with a market IOC: protective price = mark 3000.5 × (1 − 5 %) = 2850.475, rounded up for a sell
        ClientOrderId reduce = ClientOrderId.of("vault-a/2026-11-23T23:00Z/reduce");
        VenueOrder reduced = venue.place(
                new OrderRequest("ETH", Side.SELL, new BigDecimal("0.2"), null, OrderType.MARKET_IOC, true, reduce));
        assertThat(fake.exchangeRequests()
                        .getLast()
                        .path("action")
                        .path("orders")
                        .get(0)
                        .path("p")
                        .asText())
                .isEqualTo("2850.5");
        assertThat(reduced.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(reduced.averageFillPrice()).isEqualByComparingTo("3000.5");
        Fill reduceFill = fills.poll(AWAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(reduceFill).isNotNull();
        // the next fill after the reconnect is the reduce, not a repeat of a fill already delivered
        assertThat(reduceFill.clientId()).isEqualTo(reduce);
        assertThat(reduceFill.side()).isEqualTo(Side.SELL);
        assertThat(venue.positions())
                .singleElement()
                .extracting(Position::size)
                .satisfies(s -> assertThat(s).isEqualByComparingTo("0.3"));

        // a resting reduce-only order, listed, then cancelled by venue id
        ClientOrderId takeProfit = ClientOrderId.of("vault-a/2026-11-23T23:00Z/tp");
        VenueOrder resting = venue.place(new OrderRequest(
                "ETH",
                Side.SELL,
                new BigDecimal("0.3"),
                new BigDecimal("3100.04"),
                OrderType.POST_ONLY,
                true,
                takeProfit));
        assertThat(resting.limitPrice()).isEqualByComparingTo("3100.1"); // a sell rounds up: never sells for less
        assertThat(venue.openOrders()).singleElement().satisfies(o -> {
            assertThat(o.clientId()).isEqualTo(takeProfit);
            assertThat(o.reduceOnly()).isTrue();
            assertThat(o.status()).isEqualTo(OrderStatus.OPEN);
        });
        venue.cancel("ETH", resting.venueOrderId());
        assertThat(venue.orderByVenueId("ETH", resting.venueOrderId()))
                .get()
                .extracting(VenueOrder::status)
                .isEqualTo(OrderStatus.CANCELED);
        assertThatThrownBy(() -> venue.cancel("ETH", resting.venueOrderId()))
                .isInstanceOfSatisfying(
                        OrderRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo("Order was never placed, already canceled, or filled."));

        // and one cancelled by client id
        ClientOrderId another = ClientOrderId.of("vault-a/2026-11-23T23:00Z/tp2");
        venue.place(new OrderRequest(
                "ETH", Side.SELL, new BigDecimal("0.1"), new BigDecimal("3200"), OrderType.LIMIT_GTC, true, another));
        venue.cancelByClientId("ETH", another);
        assertThat(venue.orderByClientId("ETH", another))
                .get()
                .extracting(VenueOrder::status)
                .isEqualTo(OrderStatus.CANCELED);
        assertThat(venue.openOrders()).isEmpty();

        assertThat(fills).isEmpty();
        assertThat(fake.signatureFailures()).isZero();
    }

    @Test
    void venueErrorBodyIsARejection() {
        fake.enqueue(new Respond(json(FakeHyperliquid.fixture("exchange_err.json"))));
        assertThatThrownBy(() -> venue.place(limitBuy("err-body")))
                .isInstanceOfSatisfying(
                        OrderRejectedException.class,
                        e -> assertThat(e.reason())
                                .isEqualTo(
                                        "User or API Wallet 0x0000000000000000000000000000000000000001 does not exist."));
    }

    @Test
    void perOrderErrorInsideA200IsARejectionWithTheVenuesReason() {
        fake.enqueue(new RejectOrder("Order must have minimum value of $10."));
        assertThatThrownBy(() -> venue.place(limitBuy("too-small")))
                .isInstanceOfSatisfying(
                        OrderRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo("Order must have minimum value of $10."));
    }

    @Test
    void http429IsRateLimitedWithTheRetryAfterHeader() {
        fake.enqueue(new Respond(new MockResponse.Builder()
                .code(429)
                .addHeader("Retry-After", "7")
                .body("null")
                .build()));
        assertThatThrownBy(() -> venue.place(limitBuy("throttled")))
                .isInstanceOfSatisfying(
                        RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void http5xxOnAReadIsUnavailable() {
        fake.outage(true);
        assertThatThrownBy(() -> venue.positions()).isInstanceOf(VenueUnavailableException.class);
    }

    @Test
    void http5xxToAnOrderIsAnUnknownOutcomeEvenWhenTheVenueDidNotAct() {
        OrderRequest request = limitBuy("bad-gateway");
        fake.enqueue(new Respond(
                new MockResponse.Builder().code(502).body("Bad Gateway").build()));
        assertThatThrownBy(() -> venue.place(request)).isInstanceOf(UnknownOutcomeException.class);
        // Reconciliation by cloid then settles it: this one never took effect.
        assertThat(venue.orderByClientId("ETH", request.clientId())).isEmpty();
    }

    @Test
    void aServerErrorAfterTheOrderWasAcceptedIsAnUnknownOutcomeAndTheOrderStandsOnce() {
        OrderRequest request = limitBuy("accepted-then-500");
        fake.enqueue(new ApplyThenRespond(500, "Internal Server Error"));
        assertThatThrownBy(() -> venue.place(request))
                .isInstanceOfSatisfying(
                        UnknownOutcomeException.class,
                        e -> assertThat(e.clientId()).isEqualTo(request.clientId()));
        assertThat(venue.orderByClientId("ETH", request.clientId())).isPresent();
        assertThat(fake.ordersWithCloid(request.clientId().hex128())).isEqualTo(1);
    }

    @Test
    void anUnreadableAnswerToAnOrderIsAnUnknownOutcome() {
        OrderRequest request = limitBuy("accepted-then-html");
        fake.enqueue(new ApplyThenRespond(200, "<html><body>upstream timed out</body></html>"));
        assertThatThrownBy(() -> venue.place(request)).isInstanceOf(UnknownOutcomeException.class);
        assertThat(fake.ordersWithCloid(request.clientId().hex128())).isEqualTo(1);
    }

    @Test
    void unreachableVenueBeforeSendingIsUnavailableNotUnknown() throws Exception {
        MockWebServer closed = new MockWebServer();
        closed.start();
        String url = closed.url("/").toString().replaceAll("/$", "");
        closed.close();
        venue.instruments(); // meta is cached by this venue; a fresh one must load it and cannot
        try (HyperliquidVenue unreachable = venue(HyperliquidConfig.defaults(url, fake.wsUrl(), false), signer)) {
            assertThatThrownBy(() -> unreachable.place(limitBuy("nowhere")))
                    .isInstanceOf(VenueUnavailableException.class);
        }
    }

    @Test
    void aLostResponseIsAnUnknownOutcomeAndTheOrderIsFoundByCloidNotPlacedTwice() {
        OrderRequest request = limitBuy("lost-response");
        fake.enqueue(new LoseResponse());
        assertThatThrownBy(() -> venue.place(request))
                .isInstanceOfSatisfying(
                        UnknownOutcomeException.class,
                        e -> assertThat(e.clientId()).isEqualTo(request.clientId()));
        assertThat(venue.orderByClientId("ETH", request.clientId())).get().satisfies(o -> {
            assertThat(o.status()).isEqualTo(OrderStatus.OPEN);
            assertThat(o.clientId()).isEqualTo(request.clientId());
        });
        assertThat(fake.ordersWithCloid(request.clientId().hex128())).isEqualTo(1);
        assertThat(fake.exchangeRequests()).hasSize(1); // no transparent retry by the HTTP client
    }

    @Test
    void aTimedOutSubmitIsAnUnknownOutcomeAndTheOrderIsFoundByCloid() {
        venue.close();
        venue = venue(
                config().withTimings(Duration.ofMillis(500), Duration.ofSeconds(50), Duration.ofMillis(20)), signer);
        OrderRequest request = limitBuy("timed-out");
        fake.enqueue(new StallResponse());
        assertThatThrownBy(() -> venue.place(request)).isInstanceOf(UnknownOutcomeException.class);
        assertThat(venue.orderByClientId("ETH", request.clientId())).isPresent();
        assertThat(fake.ordersWithCloid(request.clientId().hex128())).isEqualTo(1);
    }

    @Test
    void anOrderNeverPlacedIsNotFound() {
        assertThat(venue.orderByClientId("ETH", ClientOrderId.of("never"))).isEmpty();
    }

    @Test
    void theFakeVenueRefusesAWrongSignerSoItsChecksMeanSomething() {
        HyperliquidSigner other = HyperliquidSigner.fromPrivateKey("0x" + "11".repeat(32));
        try (HyperliquidVenue impostor = venue(config().withAccountAddress(signer.address()), other)) {
            assertThatThrownBy(() -> impostor.place(limitBuy("impostor")))
                    .isInstanceOfSatisfying(
                            OrderRejectedException.class,
                            e -> assertThat(e.reason())
                                    .contains(other.address())
                                    .contains("does not exist"));
        }
        assertThat(fake.signatureFailures()).isEqualTo(1);
    }

    @Test
    void marketDataFromInfo() {
        // LOOM is delisted: not offered, and refused
        assertThat(venue.instruments()).extracting(Instrument::market).containsExactly("BTC", "ETH", "HPOS");
        assertThatThrownBy(() -> venue.place(new OrderRequest(
                        "LOOM",
                        Side.BUY,
                        BigDecimal.TEN,
                        new BigDecimal("0.1"),
                        OrderType.LIMIT_GTC,
                        false,
                        ClientOrderId.of("delisted"))))
                .isInstanceOf(OrderRejectedException.class);
        Instrument eth = venue.instrument("ETH");
        assertThat(eth.lotSize()).isEqualByComparingTo("0.0001");
        assertThat(eth.tickSize()).isEqualByComparingTo("0.1"); // 5 significant figures at the mark 3000.5
        assertThat(venue.instrument("BTC").tickSize()).isEqualByComparingTo("1"); // integer prices at 97021
        assertThat(venue.instrument("HPOS").tickSize()).isEqualByComparingTo("0.000001"); // 6 decimals at 0.012
        assertThat(eth.maxLeverage()).isEqualTo(50);
        assertThatThrownBy(() -> venue.instrument("DOGE")).isInstanceOf(OrderRejectedException.class);
        MarkPrice mark = venue.markPrice("ETH");
        assertThat(mark.mark()).isEqualByComparingTo("3000.5");
        assertThat(mark.index()).isEqualByComparingTo("3001.1");
        assertThat(venue.fundingRate("ETH").ratePerHour()).isEqualByComparingTo("0.0000101");
        assertThat(venue.margin().accountValue()).isEqualByComparingTo("13109.482328");
        assertThat(venue.margin().withdrawable()).isEqualByComparingTo("13104.514502");
    }

    @Test
    void leverageIsSignedAsTheVenueExpects() {
        venue.setLeverage("ETH", 5);
        List<ObjectNode> sent = fake.exchangeRequests();
        assertThat(sent).extracting(r -> r.path("action").path("type").asText()).containsExactly("updateLeverage");
        assertThat(sent.get(0).path("action").toString())
                .isEqualTo("{\"type\":\"updateLeverage\",\"asset\":1,\"isCross\":true,\"leverage\":5}");
        assertThat(fake.signatureFailures()).isZero();
    }

    @Test
    void tradingForAVaultSignsForItAndReadsItsState() {
        String vault = "0x1719884eb866cb12b2287399b15f7db5e7d775ea";
        try (HyperliquidVenue forVault = venue(config().withVaultAddress(vault), signer)) {
            forVault.place(limitBuy("for-vault"));
            forVault.positions();
        }
        assertThat(fake.exchangeRequests().getLast().path("vaultAddress").asText())
                .isEqualTo(vault);
        assertThat(fake.infoRequests().getLast().path("user").asText()).isEqualTo(vault);
        assertThat(fake.signatureFailures()).isZero(); // the fake checked the signature with the vault in the hash
    }

    @Test
    void previewShowsTheSignedRequestWithoutSendingIt() throws Exception {
        OrderRequest request = limitBuy("preview");
        PreparedRequest preview = venue.previewOrder(request, 1_700_000_000_000L);
        assertThat(preview.method()).isEqualTo("POST");
        assertThat(preview.url()).endsWith("/exchange");
        assertThat(fake.exchangeRequests()).isEmpty();
        JsonNode body = FakeHyperliquid.JSON.readTree(preview.body());
        assertThat(body.path("nonce").asLong()).isEqualTo(1_700_000_000_000L);
        assertThat(body.path("signature").path("r").asText())
                .isEqualTo(preview.signature().get("r"));
        assertThat(preview.signature()).containsEntry("signer", signer.address());
        // the same bytes, if sent, are accepted by the signature-checking fake
        assertThat(venue.previewOrder(request, 1_700_000_000_000L).body()).isEqualTo(preview.body());
        assertThat(preview.toString()).doesNotContain(KEY.substring(2));
    }

    @Test
    void streamsPricesAndPings() throws Exception {
        venue.close();
        venue = venue(
                config().withTimings(Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMillis(20)), signer);
        BlockingQueue<MarkPrice> marks = new LinkedBlockingQueue<>();
        HedgeVenue.Subscription markSubscription = venue.subscribeMarkPrices("ETH", marks::add);
        awaitEvent("subscribe:activeAssetCtx");
        fake.pushToSockets(
                "activeAssetCtx",
                FakeHyperliquid.fixture("ws_activeAssetCtx.json").path("data"));
        assertThat(marks.poll(AWAIT_SECONDS, TimeUnit.SECONDS)).satisfies(m -> {
            assertThat(m.market()).isEqualTo("ETH");
            assertThat(m.mark()).isEqualByComparingTo("3000.5");
        });
        awaitEvent("ping");
        markSubscription.close();
        awaitEvent("unsubscribe:activeAssetCtx");
    }

    @Test
    void aSilentStreamIsDroppedAndReplacedWithItsSubscriptions() throws Exception {
        venue.close();
        venue = venue(
                config().withTimings(Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMillis(20)), signer);
        venue.subscribeMarkPrices("ETH", mark -> {});
        awaitEvent("open");
        awaitEvent("subscribe:activeAssetCtx");
        fake.answerPings(false);
        awaitEvent("open"); // the client gave up on the silent connection and opened another
        fake.answerPings(true);
        awaitEvent("subscribe:activeAssetCtx");
    }

    private void awaitEvent(String event) throws InterruptedException {
        while (true) {
            String seen = fake.wsEvents().poll(AWAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(seen).as("waiting for WebSocket event " + event).isNotNull();
            if (seen.equals(event)) {
                return;
            }
        }
    }

    private static OrderRequest limitBuy(String decision) {
        return new OrderRequest(
                "ETH",
                Side.BUY,
                new BigDecimal("0.01"),
                new BigDecimal("2990"),
                OrderType.LIMIT_GTC,
                false,
                ClientOrderId.of(decision));
    }

    private static MockResponse json(JsonNode body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(body.toString())
                .build();
    }
}
