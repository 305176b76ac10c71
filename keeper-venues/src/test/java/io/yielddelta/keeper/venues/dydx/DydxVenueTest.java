package io.yielddelta.keeper.venues.dydx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yielddelta.keeper.core.hedge.Discrepancy;
import io.yielddelta.keeper.core.hedge.FailoverSettings;
import io.yielddelta.keeper.core.hedge.HedgeIntent;
import io.yielddelta.keeper.core.hedge.HedgeJournal;
import io.yielddelta.keeper.core.hedge.HedgeReconciler;
import io.yielddelta.keeper.core.hedge.InMemoryHedgeJournal;
import io.yielddelta.keeper.core.hedge.VenueRouter;
import io.yielddelta.keeper.core.risk.RiskEngine;
import io.yielddelta.keeper.core.risk.RiskEvents;
import io.yielddelta.keeper.core.risk.RiskLimits;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.Fill;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.MarkPrice;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderStatus;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.RateLimitedException;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.core.venue.UnknownOutcomeException;
import io.yielddelta.keeper.core.venue.VenueOrder;
import io.yielddelta.keeper.core.venue.VenueUnavailableException;
import io.yielddelta.keeper.venues.PreparedRequest;
import io.yielddelta.keeper.venues.dydx.proto.MsgPlaceOrder;
import io.yielddelta.keeper.venues.dydx.proto.Order;
import io.yielddelta.keeper.venues.dydx.proto.TxBody;
import io.yielddelta.keeper.venues.dydx.proto.TxRaw;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DydxVenue against a local indexer + node ({@link FakeDydx}) that checks every transaction's signature, sequence and
 * grid: the whole order lifecycle, error mapping, a lost broadcast answer and a stream drop during fills.
 */
class DydxVenueTest {

    private static final long AWAIT_SECONDS = 10;
    private static DydxWallet wallet;

    private FakeDydx fake;
    private DydxVenue venue;

    @BeforeAll
    static void loadKey() {
        wallet = DydxWallet.fromMnemonic(
                DydxVectors.key("KEY_3").path("mnemonic").asText());
    }

    @BeforeEach
    void start() throws Exception {
        fake = new FakeDydx(wallet.address());
        venue = restarted(new InMemoryHedgeJournal());
    }

    /** A fresh venue client over the same local dYdX, as after a keeper restart, reading the given journal. */
    private DydxVenue restarted(HedgeJournal journal) {
        DydxConfig config = DydxConfig.defaults(fake.indexerUrl(), fake.wsUrl(), fake.nodeUrl(), FakeDydx.CHAIN_ID)
                .withTimings(Duration.ofSeconds(5), Duration.ofMillis(50));
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T21:59:00Z"), ZoneOffset.UTC);
        return new DydxVenue(config, wallet, new OkHttpClient(), clock, journal);
    }

    @AfterEach
    void stop() throws Exception {
        venue.close();
        fake.close();
    }

    @Test
    void fullLifecycleWithAStreamDropDuringFills() throws Exception {
        BlockingQueue<Fill> fills = new LinkedBlockingQueue<>();
        HedgeVenue.Subscription subscription = venue.subscribeFills(fills::add);
        awaitEvent("subscribe:v4_subaccounts");

        // place: a stateful limit buy; the size and price are already on the grid, so they are sent unchanged
        ClientOrderId buyId = ClientOrderId.of("vault-a/2026-11-23T22:00Z/hedge");
        VenueOrder placed = venue.place(new OrderRequest(
                "BTC", Side.BUY, new BigDecimal("0.002"), new BigDecimal("49000"), OrderType.LIMIT_GTC, false, buyId));
        assertThat(placed.status()).isEqualTo(OrderStatus.OPEN);
        assertThat(placed.size()).isEqualByComparingTo("0.002");
        assertThat(placed.limitPrice()).isEqualByComparingTo("49000");
        assertThat(fake.sequence()).isEqualTo(8); // a stateful order consumed one sequence number
        assertThat(venue.orderByVenueId("BTC", placed.venueOrderId()))
                .get()
                .satisfies(o -> assertThat(o.clientId()).isEqualTo(buyId));

        // partial fill, pushed by the stream
        fake.fill(placed.venueOrderId(), new BigDecimal("0.0005"));
        Fill first = fills.poll(AWAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(first.size()).isEqualByComparingTo("0.0005");
        assertThat(first.clientId()).isEqualTo(buyId);
        assertThat(first.venueOrderId()).isEqualTo(placed.venueOrderId());
        assertThat(venue.orderByClientId("BTC", buyId)).get().satisfies(o -> {
            assertThat(o.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
            assertThat(o.filledSize()).isEqualByComparingTo("0.0005");
        });

        // the stream drops; the rest fills while the keeper cannot hear; after reconnecting, REST recovers it
        fake.refuseWebSockets(true);
        fake.dropWebSockets();
        fake.fill(placed.venueOrderId(), new BigDecimal("0.0015"));
        assertThat(fills.poll(300, TimeUnit.MILLISECONDS)).isNull();
        fake.refuseWebSockets(false);
        Fill recovered = fills.poll(AWAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(recovered).isNotNull();
        assertThat(recovered.size()).isEqualByComparingTo("0.0015");
        assertThat(recovered.fillId()).isNotEqualTo(first.fillId());
        assertThat(fills.poll(200, TimeUnit.MILLISECONDS)).as("each fill once").isNull();
        assertThat(venue.orderByVenueId("BTC", placed.venueOrderId()))
                .get()
                .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.FILLED));

        // position
        assertThat(venue.positions()).singleElement().satisfies(p -> {
            assertThat(p.market()).isEqualTo("BTC");
            assertThat(p.size()).isEqualByComparingTo("0.002");
            assertThat(p.entryPrice()).isEqualByComparingTo("49000");
        });

        // reduce: a short-term reduce-only market IOC; 0.00129 floors to 0.0012 (never more than asked)
        long sequenceBefore = fake.sequence();
        VenueOrder reduce = venue.place(new OrderRequest(
                "BTC",
                Side.SELL,
                new BigDecimal("0.00129"),
                new BigDecimal("48500.5"),
                OrderType.MARKET_IOC,
                true,
                ClientOrderId.of("vault-a/2026-11-23T22:00Z/reduce")));
        assertThat(reduce.size()).isEqualByComparingTo("0.0012");
        assertThat(reduce.limitPrice())
                .as("a sell rounds up to the tick: never a worse price")
                .isEqualByComparingTo("48501");
        assertThat(fake.sequence()).as("short-term orders consume no sequence").isEqualTo(sequenceBefore);
        Fill reduceFill = fills.poll(AWAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(reduceFill).isNotNull();
        assertThat(reduceFill.side()).isEqualTo(Side.SELL);
        assertThat(venue.positions())
                .singleElement()
                .satisfies(p -> assertThat(p.size()).isEqualByComparingTo("0.0008"));
        assertThat(venue.fillsSince(Instant.parse("2026-11-23T00:00:00Z")))
                .hasSize(3)
                .extracting(Fill::size)
                .map(BigDecimal::toPlainString)
                .containsExactly("0.0005", "0.0015", "0.0012");

        // a resting post-only order, then cancel
        ClientOrderId askId = ClientOrderId.of("vault-a/2026-11-23T23:00Z/hedge");
        VenueOrder ask = venue.place(new OrderRequest(
                "BTC",
                Side.SELL,
                new BigDecimal("0.0008"),
                new BigDecimal("60000"),
                OrderType.POST_ONLY,
                false,
                askId));
        assertThat(venue.openOrders()).extracting(VenueOrder::venueOrderId).containsExactly(ask.venueOrderId());
        venue.cancel("BTC", ask.venueOrderId());
        assertThat(venue.orderByClientId("BTC", askId))
                .get()
                .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.CANCELED));
        assertThat(venue.openOrders()).isEmpty();
        assertThat(fake.broadcasts())
                .containsExactly(
                        "/dydxprotocol.clob.MsgPlaceOrder",
                        "/dydxprotocol.clob.MsgPlaceOrder",
                        "/dydxprotocol.clob.MsgPlaceOrder",
                        "/dydxprotocol.clob.MsgCancelOrder");
        assertThat(fake.signatureFailures()).isZero();
        subscription.close();
    }

    @Test
    void marketDataInstrumentsMarginAndFunding() throws Exception {
        Instrument btc = venue.instrument("BTC");
        assertThat(btc.tickSize()).isEqualByComparingTo("1");
        assertThat(btc.lotSize()).isEqualByComparingTo("0.0001");
        assertThat(btc.maxLeverage()).isEqualTo(20);
        assertThat(venue.instruments()).extracting(Instrument::market).containsExactly("BTC", "ETH");
        assertThat(venue.markPrice("BTC").mark()).isEqualByComparingTo("50000.12");
        assertThat(venue.fundingRate("ETH").ratePerHour()).isEqualByComparingTo("-0.0000025");
        assertThat(venue.margin().marginUsed()).isEqualByComparingTo("500.50");
        assertThatThrownBy(() -> venue.setLeverage("BTC", 21)).isInstanceOf(OrderRejectedException.class);
        assertThatThrownBy(() -> venue.instrument("DOGE")).isInstanceOf(OrderRejectedException.class);

        BlockingQueue<MarkPrice> marks = new LinkedBlockingQueue<>();
        try (HedgeVenue.Subscription s = venue.subscribeMarkPrices("BTC", marks::add)) {
            awaitEvent("subscribe:v4_markets");
            fake.pushOraclePrice();
            assertThat(marks.poll(AWAIT_SECONDS, TimeUnit.SECONDS))
                    .isNotNull()
                    .satisfies(m -> assertThat(m.mark()).isEqualByComparingTo("50123.45"));
        }
    }

    @Test
    void aMarketOrderWithoutPriceIsBoundedByTheSlippageAroundTheOracle() throws Exception {
        VenueOrder buy = venue.place(new OrderRequest(
                "BTC",
                Side.BUY,
                new BigDecimal("0.001"),
                null,
                OrderType.MARKET_IOC,
                false,
                ClientOrderId.of("market-buy")));
        // oracle 50000.12 × 1.05 = 52500.126 → floored to the tick: 52500, inside the bound
        assertThat(buy.limitPrice()).isEqualByComparingTo("52500");
    }

    @Test
    void venueErrorBodyRateLimitAndOutage() {
        fake.enqueue(FakeDydx.Fault.respond(
                "/v4/orders",
                new MockResponse.Builder()
                        .code(400)
                        .body(FakeDydx.fixture("indexer_error.json").toString())
                        .build()));
        assertThatThrownBy(() -> venue.orderByVenueId("BTC", "not-a-uuid"))
                .isInstanceOfSatisfying(
                        OrderRejectedException.class,
                        e -> assertThat(e.reason()).contains("orderId must be a valid uuid"));

        fake.enqueue(FakeDydx.Fault.respond(
                "/v4/perpetualPositions",
                new MockResponse.Builder()
                        .code(429)
                        .addHeader("Retry-After", "7")
                        .body("{\"errors\":[{\"msg\":\"Too many requests\"}]}")
                        .build()));
        assertThatThrownBy(() -> venue.positions())
                .isInstanceOfSatisfying(
                        RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));

        fake.enqueue(FakeDydx.Fault.respond(
                "/cosmos/tx/v1beta1/txs",
                new MockResponse.Builder()
                        .code(429)
                        .addHeader("Retry-After", "2")
                        .build()));
        assertThatThrownBy(() -> venue.place(limitBuy("rate-limited")))
                .isInstanceOfSatisfying(
                        RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2)));

        // A 5xx to a broadcast says nothing certain: the node may have taken it. Reads by client id settle it.
        fake.enqueue(FakeDydx.Fault.respond(
                "/cosmos/tx/v1beta1/txs", new MockResponse.Builder().code(503).build()));
        assertThatThrownBy(() -> venue.place(limitBuy("node-down"))).isInstanceOf(UnknownOutcomeException.class);
        assertThat(venue.orderByClientId("BTC", ClientOrderId.of("node-down"))).isEmpty();
        for (int i = 0; i < 3; i++) { // a read is tried three times before the node counts as down
            fake.enqueue(FakeDydx.Fault.respond(
                    "/cosmos/base/tendermint",
                    new MockResponse.Builder().code(502).build()));
        }
        assertThatThrownBy(() -> venue.place(new OrderRequest(
                        "BTC",
                        Side.BUY,
                        new BigDecimal("0.001"),
                        new BigDecimal("50000"),
                        OrderType.MARKET_IOC,
                        false,
                        ClientOrderId.of("no-height"))))
                .isInstanceOf(VenueUnavailableException.class);
        fake.enqueue(FakeDydx.Fault.respond(
                "/cosmos/tx/v1beta1/txs",
                new MockResponse.Builder()
                        .code(200)
                        .body("{\"tx_response\":{\"height\":\"0\",\"txhash\":\"AB\",\"codespace\":\"sdk\",\"code\":20,"
                                + "\"raw_log\":\"mempool is full\"}}")
                        .build()));
        assertThatThrownBy(() -> venue.place(limitBuy("mempool-full"))).isInstanceOf(VenueUnavailableException.class);
        assertThat(fake.broadcasts()).isEmpty();
    }

    @Test
    void checkTxErrorIsARejectionWithTheRawLog() {
        fake.enqueue(FakeDydx.Fault.respond(
                "/cosmos/tx/v1beta1/txs",
                new MockResponse.Builder()
                        .code(200)
                        .body(FakeDydx.fixture("broadcast_checktx_error.json").toString())
                        .build()));
        assertThatThrownBy(() -> venue.place(limitBuy("undercollateralised")))
                .isInstanceOfSatisfying(
                        OrderRejectedException.class,
                        e -> assertThat(e.reason())
                                .contains("3007")
                                .contains("clob")
                                .contains("Subaccount collateralization check failed"));
        // a refused transaction consumed nothing: the next one goes through with the same sequence
        venue.place(limitBuy("after-rejection"));
        assertThat(fake.sequence()).isEqualTo(8);
    }

    @Test
    void aSequenceMismatchIsRepairedFromTheNodeAndSignedAgain() {
        venue.place(limitBuy("first"));
        fake.advanceSequence(3); // another client of the same account
        VenueOrder second = venue.place(limitBuy("second"));
        assertThat(second.status()).isEqualTo(OrderStatus.OPEN);
        assertThat(fake.sequence()).isEqualTo(12);
        assertThat(fake.signatureFailures()).isZero();
    }

    @Test
    void aSizeBelowOneStepOrAReduceOnlyLimitIsRefusedBeforeSigning() {
        assertThatThrownBy(() -> venue.place(new OrderRequest(
                        "BTC",
                        Side.BUY,
                        new BigDecimal("0.00009"),
                        new BigDecimal("50000"),
                        OrderType.LIMIT_GTC,
                        false,
                        ClientOrderId.of("dust"))))
                .isInstanceOf(OrderRejectedException.class)
                .hasMessageContaining("below one step");
        assertThatThrownBy(() -> venue.place(new OrderRequest(
                        "BTC",
                        Side.SELL,
                        new BigDecimal("0.001"),
                        new BigDecimal("50000"),
                        OrderType.LIMIT_GTC,
                        true,
                        ClientOrderId.of("reduce-limit"))))
                .isInstanceOf(OrderRejectedException.class)
                .hasMessageContaining("reduce-only");
        assertThat(fake.broadcasts()).isEmpty();
    }

    @Test
    void aLostBroadcastAnswerDoesNotLeadToADuplicateOrder() {
        ClientOrderId id = ClientOrderId.of("vault-a/2026-11-24T00:00Z/hedge");
        OrderRequest request = limitBuy(id);
        fake.enqueue(FakeDydx.Fault.loseBroadcastResponse());
        assertThatThrownBy(() -> venue.place(request))
                .isInstanceOfSatisfying(
                        UnknownOutcomeException.class,
                        e -> assertThat(e.clientId()).isEqualTo(id));

        // The keeper reconciles by client id instead of sending again: the order is there, once.
        VenueOrder found = venue.orderByClientId("BTC", id).orElseThrow();
        assertThat(found.clientId()).isEqualTo(id);
        assertThat(found.status()).isEqualTo(OrderStatus.OPEN);
        assertThat(fake.ordersWithClientId(id.uint32())).isEqualTo(1);
        assertThat(venue.orderByClientId("BTC", ClientOrderId.of("never-placed")))
                .isEmpty();
        // the sequence cache was dropped, so the next order is signed with the chain's sequence and goes through
        venue.place(limitBuy("next"));
        assertThat(fake.broadcasts()).hasSize(2);
    }

    @Test
    void aServerErrorAfterTheNodeTookTheBroadcastIsAnUnknownOutcomeAndTheOrderStandsOnce() {
        ClientOrderId id = ClientOrderId.of("vault-a/2026-11-24T01:00Z/hedge");
        fake.enqueue(FakeDydx.Fault.acceptBroadcastThenRespond(new MockResponse.Builder()
                .code(502)
                .body("<html><body>502 Bad Gateway</body></html>")
                .build()));
        assertThatThrownBy(() -> venue.place(limitBuy(id)))
                .isInstanceOfSatisfying(
                        UnknownOutcomeException.class,
                        e -> assertThat(e.clientId()).isEqualTo(id));

        assertThat(venue.orderByClientId("BTC", id))
                .get()
                .satisfies(o -> assertThat(o.clientId()).isEqualTo(id));
        assertThat(fake.ordersWithClientId(id.uint32())).isEqualTo(1);
        venue.place(limitBuy("after-the-502")); // signed with the node's sequence again
        assertThat(fake.broadcasts()).hasSize(2);
    }

    @Test
    void afterARestartTheKeepersRestingOrdersKeepTheirClientIdsAndAreNotCancelledAsStrays() {
        OrderRequest request = limitBuy(ClientOrderId.of("vault-a/2026-11-24T02:00Z/hedge"));
        InMemoryHedgeJournal journal = new InMemoryHedgeJournal();
        journal.recordIntent(new HedgeIntent("0xvault", venue.name(), request, Instant.parse("2026-11-23T21:59:00Z")));
        journal.recordOrder(request.clientId(), venue.place(request));
        venue.close();

        venue = restarted(journal);
        assertThat(venue.openOrders())
                .singleElement()
                .satisfies(o -> assertThat(o.clientId()).isEqualTo(request.clientId()));
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T21:59:00Z"), ZoneOffset.UTC);
        RiskEngine risk = new RiskEngine(
                RiskLimits.withDefaults(
                        new BigDecimal("50000"),
                        new BigDecimal("200000"),
                        new BigDecimal("300000"),
                        new BigDecimal("5000")),
                clock,
                RiskEvents.NONE);
        HedgeReconciler reconciler =
                new HedgeReconciler(new VenueRouter(venue, null, FailoverSettings.NEVER, clock), journal, risk);
        assertThat(reconciler.reconcile("BTC").discrepancies()).isEmpty();
        assertThat(fake.broadcasts()).as("nothing cancelled").hasSize(1);
    }

    @Test
    void anIocStillInTheMempoolStaysInFlightInsteadOfCountingAsNeverPlaced() {
        OrderRequest ioc = marketBuy(ClientOrderId.of("vault-a/2026-11-24T03:00Z/hedge"));
        InMemoryHedgeJournal journal = journalOf(ioc);
        placeIntoTheMempoolAnswered502(ioc);

        // The indexer does not know the order yet, but a block can still place it: its outcome stays unknown.
        HedgeReconciler reconciler = reconciler(venue, journal);
        assertThat(reconciler.reconcile("BTC").discrepancies())
                .noneSatisfy(d -> assertThat(d.kind()).isEqualTo(Discrepancy.Kind.ORDER_NOT_FOUND));
        assertThat(journal.inFlight()).extracting(HedgeIntent::clientId).containsExactly(ioc.clientId());

        fake.commitMempool(); // the next block places it, and the IOC fills
        assertThat(reconciler.reconcile("BTC").discrepancies()).isEmpty();
        assertThat(journal.inFlight()).isEmpty();
        assertThat(venue.orderByClientId("BTC", ioc.clientId()))
                .get()
                .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.FILLED));
    }

    @Test
    void anIocEvictedFromTheMempoolIsNeverPlacedOnlyOnceNoBlockCanPlaceItEvenAfterARestart() {
        OrderRequest ioc = marketBuy(ClientOrderId.of("vault-a/2026-11-24T04:00Z/hedge"));
        InMemoryHedgeJournal journal = journalOf(ioc);
        placeIntoTheMempoolAnswered502(ioc);
        fake.dropMempool(); // it will never land, but nothing on chain says so yet
        venue.close();
        venue = restarted(journal); // only the journal remembers the order, not its good-til block

        HedgeReconciler reconciler = reconciler(venue, journal);
        assertThat(reconciler.reconcile("BTC").discrepancies())
                .noneSatisfy(d -> assertThat(d.kind()).isEqualTo(Discrepancy.Kind.ORDER_NOT_FOUND));
        fake.advanceBlocks(DydxOrderSigner.MAX_SHORT_TERM_BLOCKS);
        assertThatThrownBy(() -> venue.orderByClientId("BTC", ioc.clientId()))
                .isInstanceOf(UnknownOutcomeException.class);
        assertThat(journal.inFlight()).hasSize(1);

        fake.advanceBlocks(1); // past the last block any short-term order broadcast before can name
        assertThat(reconciler.reconcile("BTC").discrepancies())
                .singleElement()
                .satisfies(d -> assertThat(d.kind()).isEqualTo(Discrepancy.Kind.ORDER_NOT_FOUND));
        assertThat(journal.inFlight()).isEmpty();
        assertThat(fake.ordersWithClientId(ioc.clientId().uint32())).isZero();
    }

    /** The node takes the IOC into its mempool, but the keeper is answered 502: an unknown outcome. */
    private void placeIntoTheMempoolAnswered502(OrderRequest ioc) {
        fake.enqueue(FakeDydx.Fault.holdInMempoolThenRespond(
                new MockResponse.Builder().code(502).body("Bad Gateway").build()));
        assertThatThrownBy(() -> venue.place(ioc)).isInstanceOf(UnknownOutcomeException.class);
    }

    private static OrderRequest marketBuy(ClientOrderId id) {
        return new OrderRequest(
                "BTC", Side.BUY, new BigDecimal("0.001"), new BigDecimal("51000"), OrderType.MARKET_IOC, false, id);
    }

    private InMemoryHedgeJournal journalOf(OrderRequest request) {
        InMemoryHedgeJournal journal = new InMemoryHedgeJournal();
        journal.recordIntent(new HedgeIntent("0xvault", venue.name(), request, Instant.parse("2026-11-23T21:59:00Z")));
        return journal;
    }

    private static HedgeReconciler reconciler(HedgeVenue venue, HedgeJournal journal) {
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T21:59:00Z"), ZoneOffset.UTC);
        RiskEngine risk = new RiskEngine(
                RiskLimits.withDefaults(
                        new BigDecimal("50000"),
                        new BigDecimal("200000"),
                        new BigDecimal("300000"),
                        new BigDecimal("5000")),
                clock,
                RiskEvents.NONE);
        return new HedgeReconciler(new VenueRouter(venue, null, FailoverSettings.NEVER, clock), journal, risk);
    }

    @Test
    void previewIsTheSignedBroadcastTheNodeWouldAccept() throws Exception {
        OrderRequest request = limitBuy("preview");
        PreparedRequest preview = venue.previewOrder(request, 7);
        assertThat(preview.method()).isEqualTo("POST");
        assertThat(preview.url()).endsWith("/cosmos/tx/v1beta1/txs");
        assertThat(preview.signature())
                .containsEntry("sequence", "7")
                .containsEntry("account_number", "33")
                .containsEntry("chain_id", FakeDydx.CHAIN_ID)
                .containsEntry("signer", wallet.address())
                .containsEntry("client_id", Long.toString(request.clientId().uint32()));
        String txBytes = FakeDydx.JSON.readTree(preview.body()).path("tx_bytes").asText();
        TxRaw raw = TxRaw.parseFrom(Base64.getDecoder().decode(txBytes));
        Order order = MsgPlaceOrder.parseFrom(
                        TxBody.parseFrom(raw.getBodyBytes()).getMessages(0).getValue())
                .getOrder();
        assertThat(order.getQuantums()).isEqualTo(10_000_000L);
        assertThat(order.getSubticks()).isEqualTo(4_900_000_000L);
        assertThat(preview.toString()).doesNotContain(HexFormatHolder.privateKeyHex());
        assertThat(preview.signature().get("signature")).hasSize(128);
        assertThat(fake.broadcasts()).isEmpty();
        // the same bytes, sent as previewed, pass the node's signature and sequence checks (7 is the fake's sequence)
        try (okhttp3.Response sent = new OkHttpClient()
                .newCall(new okhttp3.Request.Builder()
                        .url(preview.url())
                        .post(okhttp3.RequestBody.create(preview.body(), okhttp3.MediaType.get("application/json")))
                        .build())
                .execute()) {
            assertThat(FakeDydx.JSON
                            .readTree(sent.body().string())
                            .path("tx_response")
                            .path("code")
                            .asInt())
                    .isZero();
        }
        assertThat(fake.broadcasts()).containsExactly("/dydxprotocol.clob.MsgPlaceOrder");
    }

    private static OrderRequest limitBuy(String decision) {
        return limitBuy(ClientOrderId.of(decision));
    }

    private static OrderRequest limitBuy(ClientOrderId id) {
        return new OrderRequest(
                "BTC", Side.BUY, new BigDecimal("0.001"), new BigDecimal("49000"), OrderType.LIMIT_GTC, false, id);
    }

    private void awaitEvent(String event) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            String seen = fake.wsEvents().poll(AWAIT_SECONDS, TimeUnit.SECONDS);
            if (event.equals(seen)) {
                return;
            }
        }
        throw new AssertionError("no WebSocket event " + event);
    }

    private static final class HexFormatHolder {
        static String privateKeyHex() {
            return java.util.HexFormat.of().formatHex(wallet.privateKeyBytes());
        }
    }
}
