package io.yielddelta.keeper.venues.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.Fill;
import io.yielddelta.keeper.core.venue.FundingRate;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.Margin;
import io.yielddelta.keeper.core.venue.MarkPrice;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.UnknownOutcomeException;
import io.yielddelta.keeper.core.venue.VenueOrder;
import io.yielddelta.keeper.venues.FillFeed;
import io.yielddelta.keeper.venues.OrderPreview;
import io.yielddelta.keeper.venues.PreparedRequest;
import io.yielddelta.keeper.venues.coinbase.dto.CancelOrdersResponse;
import io.yielddelta.keeper.venues.coinbase.dto.CreateOrderResponse;
import io.yielddelta.keeper.venues.coinbase.dto.FcmBalanceSummary;
import io.yielddelta.keeper.venues.coinbase.dto.FcmBalanceSummaryResponse;
import io.yielddelta.keeper.venues.coinbase.dto.FcmPosition;
import io.yielddelta.keeper.venues.coinbase.dto.FcmPositionsResponse;
import io.yielddelta.keeper.venues.coinbase.dto.GetOrderResponse;
import io.yielddelta.keeper.venues.coinbase.dto.IntxPortfolioSummary;
import io.yielddelta.keeper.venues.coinbase.dto.IntxPosition;
import io.yielddelta.keeper.venues.coinbase.dto.IntxPositionsResponse;
import io.yielddelta.keeper.venues.coinbase.dto.ListFillsResponse;
import io.yielddelta.keeper.venues.coinbase.dto.ListOrdersResponse;
import io.yielddelta.keeper.venues.coinbase.dto.ListProductsResponse;
import io.yielddelta.keeper.venues.coinbase.dto.Order;
import io.yielddelta.keeper.venues.coinbase.dto.Product;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * Coinbase Advanced Trade behind {@link HedgeVenue}: perpetual-style futures on the US derivatives book (CFM) or
 * perpetuals on Coinbase International (INTX), chosen by {@link CoinbaseConfig#derivatives()}.
 *
 * <p>Venue facts this adapter relies on: an order's {@code client_order_id} is unique per account, so re-sending one
 * returns the existing order instead of a second; leverage and margin type travel with each order (there is no separate
 * set-leverage call); the create-order body has no reduce-only flag, so a reduce-only order is checked against the
 * position first and, when it is a market order, sent through {@code close_position}, which can only shrink it.
 */
public final class CoinbaseVenue implements HedgeVenue, OrderPreview {

    private static final int MAX_PAGES = 10;
    private static final int PAGE_SIZE = 250;

    private final CoinbaseConfig config;
    private final CoinbaseRestClient rest;
    private final CoinbaseStream stream;
    private final CdpJwtSigner signer;
    private final OkHttpClient http;
    private final Clock clock;
    private final Map<String, Product> products = new ConcurrentHashMap<>();
    private final Map<String, Integer> leverage = new ConcurrentHashMap<>();
    private final Set<String> reduceOnlyClientIds = ConcurrentHashMap.newKeySet();
    /** Fills name only their order: the keeper's client id comes from the orders it has seen. */
    private final Map<String, ClientOrderId> clientIdsByOrderId = new ConcurrentHashMap<>();
    private FillFeed fillFeed;

    public CoinbaseVenue(CoinbaseConfig config, CdpKey key, Clock clock) {
        this(config, key, new OkHttpClient(), clock);
    }

    public CoinbaseVenue(CoinbaseConfig config, CdpKey key, OkHttpClient http, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.signer = new CdpJwtSigner(key, clock);
        this.http = http;
        this.rest = new CoinbaseRestClient(http, config.requestTimeout(), config.restUrl(), config.jwtHost(), signer, clock);
        this.stream = new CoinbaseStream(http, config.wsUrl(), signer, config.reconnectDelay(), config.staleAfter());
    }

    @Override
    public String name() {
        return CoinbaseRestClient.VENUE;
    }

    @Override
    public List<Instrument> instruments() {
        ListProductsResponse listed = rest.send(CoinbaseRequests.listPerpetualProducts(), ListProductsResponse.class);
        List<Instrument> instruments = new ArrayList<>();
        for (Product product : listed.products() == null ? List.<Product>of() : listed.products()) {
            String market = config.market(product.productId());
            if (market != null) {
                products.put(market, product);
                instruments.add(CoinbaseAdapters.instrument(market, product, config.derivatives()));
            }
        }
        return instruments;
    }

    @Override
    public Instrument instrument(String market) {
        return CoinbaseAdapters.instrument(market, product(market, false), config.derivatives());
    }

    @Override
    public MarkPrice markPrice(String market) {
        Product product = product(market, true);
        return new MarkPrice(market, CoinbaseAdapters.decimal(product.price()), null, clock.instant());
    }

    /** Coinbase's perpetuals fund hourly, so the published rate is already per hour. */
    @Override
    public FundingRate fundingRate(String market) {
        Product product = product(market, true);
        var details = product.futureProductDetails() == null ? null : product.futureProductDetails().perpetualDetails();
        if (details == null || details.fundingRate() == null) {
            throw new OrderRejectedException(name(), product.productId() + " publishes no funding rate");
        }
        Instant time = details.fundingTime() == null ? clock.instant() : Instant.parse(details.fundingTime());
        return new FundingRate(market, new BigDecimal(details.fundingRate()), time);
    }

    @Override
    public VenueOrder place(OrderRequest request) {
        Product product = product(request.market(), false);
        BigDecimal contract = CoinbaseAdapters.contractSize(product, config.derivatives());
        if (request.reduceOnly()) {
            checkReducesPosition(request);
            reduceOnlyClientIds.add(request.clientId().uuid());
        }
        CoinbaseRequest call = orderCall(request, product, contract);
        CreateOrderResponse response;
        try {
            response = rest.act(call, CreateOrderResponse.class, request.clientId());
        } catch (UnknownOutcomeException lost) {
            // The order may stand: look it up by client id once, never send it again blindly.
            Optional<VenueOrder> found;
            try {
                found = orderByClientId(request.market(), request.clientId());
            } catch (RuntimeException lookupFailed) {
                lost.addSuppressed(lookupFailed);
                throw lost;
            }
            return found.orElseThrow(() -> lost);
        }
        if (!Boolean.TRUE.equals(response.success())) {
            throw new OrderRejectedException(name(), rejection(response));
        }
        String orderId = response.successResponse() != null ? response.successResponse().orderId() : response.orderId();
        return orderByVenueId(request.market(), orderId).orElseGet(() -> new VenueOrder(orderId, request.clientId(),
                request.market(), request.side(), request.size(), BigDecimal.ZERO, null, request.limitPrice(),
                io.yielddelta.keeper.core.venue.OrderStatus.OPEN, request.reduceOnly()));
    }

    /** The request {@link #place} sends, with the market's current leverage and the configured margin type. */
    private CoinbaseRequest orderCall(OrderRequest request, Product product, BigDecimal contract) {
        return CoinbaseOrders.orderCall(request, product, contract, config.marginType(), leverage(request.market()));
    }

    private void checkReducesPosition(OrderRequest request) {
        BigDecimal current = positions().stream()
                .filter(p -> p.market().equals(request.market()))
                .map(Position::size)
                .findFirst()
                .orElse(BigDecimal.ZERO);
        BigDecimal after = current.add(HedgeVenue.signed(request.side(), request.size()));
        boolean shrinks = current.signum() != 0 && after.abs().compareTo(current.abs()) < 0
                && after.signum() != -current.signum();
        if (!shrinks) {
            throw new OrderRejectedException(name(), "reduce-only " + request.side() + " "
                    + request.size().toPlainString() + " " + request.market() + " would not reduce the position of "
                    + current.toPlainString());
        }
    }

    private static String rejection(CreateOrderResponse response) {
        var error = response.errorResponse();
        if (error == null) {
            return response.failureReason() != null ? response.failureReason() : "order not accepted";
        }
        StringBuilder reason = new StringBuilder(error.error() != null ? error.error() : "UNKNOWN_FAILURE_REASON");
        if (error.message() != null) reason.append(": ").append(error.message());
        if (error.previewFailureReason() != null) reason.append(" (").append(error.previewFailureReason()).append(')');
        if (error.newOrderFailureReason() != null) reason.append(" (").append(error.newOrderFailureReason()).append(')');
        return reason.toString();
    }

    @Override
    public void cancel(String market, String venueOrderId) {
        CancelOrdersResponse response =
                rest.act(CoinbaseRequests.cancelOrders(List.of(venueOrderId)), CancelOrdersResponse.class, null);
        for (CancelOrdersResponse.Result result : response.results() == null
                ? List.<CancelOrdersResponse.Result>of() : response.results()) {
            if (venueOrderId.equals(result.orderId()) && !Boolean.TRUE.equals(result.success())) {
                throw new OrderRejectedException(name(), "cancel " + venueOrderId + ": " + result.failureReason());
            }
        }
    }

    @Override
    public void cancelByClientId(String market, ClientOrderId clientId) {
        VenueOrder order = orderByClientId(market, clientId).orElseThrow(
                () -> new OrderRejectedException(name(), "no " + market + " order with client id " + clientId));
        cancel(market, order.venueOrderId());
    }

    @Override
    public Optional<VenueOrder> orderByVenueId(String market, String venueOrderId) {
        GetOrderResponse response = rest.sendOrNull(CoinbaseRequests.getOrder(venueOrderId), GetOrderResponse.class);
        if (response == null || response.order() == null) {
            return Optional.empty();
        }
        return Optional.of(toVenueOrder(market, response.order()));
    }

    /** Coinbase cannot filter orders by client id: pages through the market's orders, newest first. */
    @Override
    public Optional<VenueOrder> orderByClientId(String market, ClientOrderId clientId) {
        String wanted = clientId.uuid();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ListOrdersResponse response = rest.send(CoinbaseRequests.listOrders(
                    List.of(productId(market)), null, PAGE_SIZE, null, cursor), ListOrdersResponse.class);
            for (Order order : orders(response)) {
                if (wanted.equals(order.clientOrderId())) {
                    return Optional.of(toVenueOrder(market, order));
                }
            }
            if (!Boolean.TRUE.equals(response.hasNext()) || response.cursor() == null || response.cursor().isEmpty()) {
                break;
            }
            cursor = response.cursor();
        }
        return Optional.empty();
    }

    @Override
    public List<VenueOrder> openOrders() {
        List<VenueOrder> open = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ListOrdersResponse response = rest.send(CoinbaseRequests.listOrders(
                    List.copyOf(config.products().values()), "OPEN", PAGE_SIZE, null, cursor), ListOrdersResponse.class);
            for (Order order : orders(response)) {
                String market = config.market(order.productId());
                if (market != null) {
                    open.add(toVenueOrder(market, order));
                }
            }
            if (!Boolean.TRUE.equals(response.hasNext()) || response.cursor() == null || response.cursor().isEmpty()) {
                break;
            }
            cursor = response.cursor();
        }
        return open;
    }

    @Override
    public List<Position> positions() {
        List<Position> positions = new ArrayList<>();
        if (config.derivatives() == CoinbaseConfig.Derivatives.CFM) {
            FcmPositionsResponse response = rest.send(CoinbaseRequests.listFuturesPositions(), FcmPositionsResponse.class);
            for (FcmPosition p : response.positions() == null ? List.<FcmPosition>of() : response.positions()) {
                String market = config.market(p.productId());
                if (market != null) {
                    positions.add(CoinbaseAdapters.position(market, p, contractSize(market), leverage(market)));
                }
            }
        } else {
            IntxPositionsResponse response = rest.send(
                    CoinbaseRequests.perpetualsPositions(config.portfolioUuid()), IntxPositionsResponse.class);
            for (IntxPosition p : response.positions() == null ? List.<IntxPosition>of() : response.positions()) {
                // INTX names the product in symbol; product_id may be absent or a UUID-like id
                String market = Optional.ofNullable(config.market(p.symbol()))
                        .orElseGet(() -> config.market(p.productId()));
                if (market != null) {
                    positions.add(CoinbaseAdapters.position(market, p, leverage(market)));
                }
            }
        }
        return positions.stream().filter(p -> p.size().signum() != 0).toList();
    }

    @Override
    public Margin margin() {
        if (config.derivatives() == CoinbaseConfig.Derivatives.CFM) {
            FcmBalanceSummary summary = rest.send(CoinbaseRequests.futuresBalanceSummary(),
                    FcmBalanceSummaryResponse.class).balanceSummary();
            return margin(summary);
        }
        IntxPortfolioSummary summary = rest.send(
                CoinbaseRequests.perpetualsPortfolioSummary(config.portfolioUuid()), IntxPortfolioSummary.class);
        BigDecimal used = summary.portfolios() == null || summary.portfolios().isEmpty() ? BigDecimal.ZERO
                : orZero(CoinbaseAdapters.value(summary.portfolios().get(0).portfolioImNotional()));
        return new Margin(orZero(CoinbaseAdapters.value(summary.summary().totalBalance())), used,
                orZero(CoinbaseAdapters.value(summary.summary().maxWithdrawalAmount())));
    }

    /** CFM: the futures account's cash plus unrealised P&L; initial margin held; margin still available. */
    static Margin margin(FcmBalanceSummary s) {
        BigDecimal value = orZero(CoinbaseAdapters.value(s.cfmUsdBalance()))
                .add(orZero(CoinbaseAdapters.value(s.unrealizedPnl())));
        return new Margin(value, orZero(CoinbaseAdapters.value(s.initialMargin())),
                orZero(CoinbaseAdapters.value(s.availableMargin())));
    }

    /** Remembered and sent with each later order of the market; Coinbase has no separate leverage setting. */
    @Override
    public void setLeverage(String market, int newLeverage) {
        int max = instrument(market).maxLeverage();
        if (newLeverage < 1 || newLeverage > max) {
            throw new OrderRejectedException(name(), "leverage " + newLeverage + " for " + market
                    + " is outside 1.." + max);
        }
        leverage.put(market, newLeverage);
    }

    @Override
    public List<Fill> fillsSince(Instant since) {
        List<Fill> fills = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ListFillsResponse response = rest.send(CoinbaseRequests.listFills(null,
                    List.copyOf(config.products().values()), since.toString(), null, PAGE_SIZE, cursor),
                    ListFillsResponse.class);
            for (var fill : response.fills() == null ? List.<io.yielddelta.keeper.venues.coinbase.dto.Fill>of()
                    : response.fills()) {
                String market = config.market(fill.productId());
                Instant time = Instant.parse(fill.tradeTime());
                if (market != null && !time.isBefore(since)) {
                    fills.add(CoinbaseAdapters.fill(
                            market, fill, contractSize(market), clientIdsByOrderId.get(fill.orderId())));
                }
            }
            if (response.cursor() == null || response.cursor().isEmpty()) {
                break;
            }
            cursor = response.cursor();
        }
        fills.sort(java.util.Comparator.comparing(Fill::time));
        return fills;
    }

    @Override
    public Subscription subscribeMarkPrices(String market, Consumer<MarkPrice> listener) {
        String productId = productId(market);
        return stream.subscribe("ticker", List.of(productId), message -> {
            Instant time = message.hasNonNull("timestamp") ? Instant.parse(message.get("timestamp").asText())
                    : clock.instant();
            for (JsonNode event : message.path("events")) {
                for (JsonNode ticker : event.path("tickers")) {
                    if (productId.equals(ticker.path("product_id").asText()) && ticker.hasNonNull("price")) {
                        listener.accept(new MarkPrice(market, new BigDecimal(ticker.get("price").asText()), null, time));
                    }
                }
            }
        });
    }

    /**
     * Own fills from the user channel: an order update whose filled quantity grew triggers a REST read of the fills
     * since the last one delivered, and so does every reconnection, so fills made while the stream was down arrive too.
     */
    @Override
    public synchronized Subscription subscribeFills(Consumer<Fill> listener) {
        if (fillFeed == null) {
            fillFeed = new FillFeed(name(), this::fillsSince, clock.instant());
            FillFeed feed = fillFeed;
            Map<String, BigDecimal> filledByOrder = new ConcurrentHashMap<>();
            stream.onReconnect(feed::reconcile);
            stream.subscribe("user", List.of(), message -> {
                boolean moved = false;
                for (JsonNode event : message.path("events")) {
                    for (JsonNode order : event.path("orders")) {
                        BigDecimal cumulative = new BigDecimal(order.path("cumulative_quantity").asText("0"));
                        String orderId = order.path("order_id").asText();
                        BigDecimal before = cumulative.signum() > 0 && isDone(order) ? filledByOrder.remove(orderId)
                                : filledByOrder.put(orderId, cumulative);
                        if (cumulative.signum() > 0 && (before == null || cumulative.compareTo(before) > 0)) {
                            moved = true;
                        }
                    }
                }
                if (moved) {
                    feed.reconcile();
                }
            });
        }
        return fillFeed.add(listener);
    }

    /** A finished order's filled quantity cannot grow again: it is forgotten, so the map stays as small as the book. */
    private static boolean isDone(JsonNode order) {
        String status = order.path("status").asText();
        return status.equals("FILLED") || status.equals("CANCELLED") || status.equals("EXPIRED") || status.equals("FAILED");
    }

    /** One price level change of the order book, from the level2 channel ({@code side} is bid or offer). */
    public record BookUpdate(String market, String side, BigDecimal price, BigDecimal quantity, boolean snapshot) {}

    /** Streams order-book changes (a snapshot first, then updates); quantity 0 removes the level. */
    public Subscription subscribeOrderBook(String market, Consumer<List<BookUpdate>> listener) {
        String productId = productId(market);
        return stream.subscribe("level2", List.of(productId), message -> {
            for (JsonNode event : message.path("events")) {
                if (!productId.equals(event.path("product_id").asText())) {
                    continue;
                }
                boolean snapshot = "snapshot".equals(event.path("type").asText());
                List<BookUpdate> updates = new ArrayList<>();
                for (JsonNode u : event.path("updates")) {
                    updates.add(new BookUpdate(market, u.path("side").asText(),
                            new BigDecimal(u.path("price_level").asText()),
                            new BigDecimal(u.path("new_quantity").asText()), snapshot));
                }
                listener.accept(updates);
            }
        });
    }

    /** Streams the US derivatives (CFM) balance summary whenever it changes. */
    public Subscription subscribeFuturesBalance(Consumer<Margin> listener) {
        return stream.subscribe("futures_balance_summary", List.of(), message -> {
            for (JsonNode event : message.path("events")) {
                JsonNode summary = event.path("fcm_balance_summary");
                if (summary.isObject()) {
                    listener.accept(futuresBalance(summary));
                }
            }
        });
    }

    /** The channel sends the summary's amounts as plain decimal strings. */
    private static Margin futuresBalance(JsonNode s) {
        BigDecimal value = number(s, "cfm_usd_balance").add(number(s, "unrealized_pnl"));
        return new Margin(value, number(s, "initial_margin"), number(s, "available_margin"));
    }

    private static BigDecimal number(JsonNode node, String field) {
        JsonNode v = node.path(field);
        String text = v.isObject() ? v.path("value").asText("0") : v.asText("0");
        return text.isEmpty() ? BigDecimal.ZERO : new BigDecimal(text);
    }

    /**
     * The exact request {@link #place} would send, signed with {@code nonce} as the token's {@code nbf} (and its
     * header nonce derived from it, so the output is reproducible). The bearer token itself is masked: it is a
     * credential for two minutes.
     */
    @Override
    public PreparedRequest previewOrder(OrderRequest request, long nonce) {
        Product product = product(request.market(), false);
        CoinbaseRequest call = orderCall(request, product, CoinbaseAdapters.contractSize(product, config.derivatives()));
        String uri = call.method() + " " + config.jwtHost() + call.path();
        String jwtNonce = previewNonce(nonce);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer ***");
        headers.put("Content-Type", "application/json");
        Map<String, String> signature = new LinkedHashMap<>();
        signature.put("alg", signer.key().algorithm().name());
        signature.put("jwt.header", signer.headerJson(jwtNonce));
        signature.put("jwt.claims", signer.claimsJson(nonce, uri));
        return new PreparedRequest(call.method(), rest.url(call).toString(), headers, call.body(), signature);
    }

    private static String previewNonce(long nonce) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("preview-" + nonce).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present in the JDK", e);
        }
    }

    @Override
    public void close() {
        stream.close();
    }

    private VenueOrder toVenueOrder(String market, Order order) {
        ClientOrderId clientId = CoinbaseAdapters.clientId(order.clientOrderId());
        if (clientId != null && order.orderId() != null) {
            clientIdsByOrderId.put(order.orderId(), clientId);
        }
        return CoinbaseAdapters.order(market, order, contractSize(market),
                order.clientOrderId() != null && reduceOnlyClientIds.contains(order.clientOrderId()));
    }

    private static List<Order> orders(ListOrdersResponse response) {
        return response.orders() == null ? List.of() : response.orders();
    }

    private String productId(String market) {
        try {
            return config.productId(market);
        } catch (IllegalArgumentException e) {
            throw new OrderRejectedException(name(), e.getMessage());
        }
    }

    private BigDecimal contractSize(String market) {
        return CoinbaseAdapters.contractSize(product(market, false), config.derivatives());
    }

    private int leverage(String market) {
        return leverage.getOrDefault(market, config.defaultLeverage());
    }

    /** Product details; increments and contract size are cached, prices are read fresh when asked. */
    private Product product(String market, boolean fresh) {
        String productId = productId(market);
        if (!fresh) {
            Product cached = products.get(market);
            if (cached != null) {
                return cached;
            }
        }
        Product product = rest.sendOrNull(CoinbaseRequests.getProduct(productId), Product.class);
        if (product == null) {
            throw new OrderRejectedException(name(), "Coinbase does not list " + productId);
        }
        products.put(market, product);
        return product;
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
