package io.yielddelta.keeper.venues.hyperliquid;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.Fill;
import io.yielddelta.keeper.core.venue.FundingRate;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.Margin;
import io.yielddelta.keeper.core.venue.MarkPrice;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderStatus;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.core.venue.UnknownOutcomeException;
import io.yielddelta.keeper.core.venue.VenueOrder;
import io.yielddelta.keeper.venues.FillFeed;
import io.yielddelta.keeper.venues.OrderPreview;
import io.yielddelta.keeper.venues.PreparedRequest;
import io.yielddelta.keeper.venues.hyperliquid.HyperliquidRequestSigner.SignedRequest;
import io.yielddelta.keeper.venues.hyperliquid.dto.AssetCtx;
import io.yielddelta.keeper.venues.hyperliquid.dto.AssetMeta;
import io.yielddelta.keeper.venues.hyperliquid.dto.CancelAction;
import io.yielddelta.keeper.venues.hyperliquid.dto.CancelByCloidAction;
import io.yielddelta.keeper.venues.hyperliquid.dto.CancelByCloidWire;
import io.yielddelta.keeper.venues.hyperliquid.dto.CancelWire;
import io.yielddelta.keeper.venues.hyperliquid.dto.ClearinghouseState;
import io.yielddelta.keeper.venues.hyperliquid.dto.FundingHistoryEntry;
import io.yielddelta.keeper.venues.hyperliquid.dto.L2Book;
import io.yielddelta.keeper.venues.hyperliquid.dto.Meta;
import io.yielddelta.keeper.venues.hyperliquid.dto.OpenOrder;
import io.yielddelta.keeper.venues.hyperliquid.dto.OrderAction;
import io.yielddelta.keeper.venues.hyperliquid.dto.OrderStatusResponse;
import io.yielddelta.keeper.venues.hyperliquid.dto.OrderWire;
import io.yielddelta.keeper.venues.hyperliquid.dto.OrderWithStatus;
import io.yielddelta.keeper.venues.hyperliquid.dto.UpdateLeverageAction;
import io.yielddelta.keeper.venues.hyperliquid.dto.UserFill;
import io.yielddelta.keeper.venues.hyperliquid.dto.WsActiveAssetCtx;
import io.yielddelta.keeper.venues.hyperliquid.dto.WsUserFills;
import io.yielddelta.keeper.venues.transport.RetryPolicy;
import io.yielddelta.keeper.venues.transport.VenueHttp;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * {@link HedgeVenue} on Hyperliquid perpetuals: REST /info and /exchange with L1-action signing, user-signed USDC
 * transfers, and one WebSocket for prices, books, order updates and fills.
 *
 * <p>Orders carry the keeper's client id as cloid ({@link ClientOrderId#hex128()}); a placement whose response is
 * lost raises {@link UnknownOutcomeException} and is resolved with {@link #orderByClientId}. Nonces are the clock's
 * milliseconds, forced strictly increasing (the venue refuses a reused nonce, which also stops a replayed request).
 */
public final class HyperliquidVenue implements HedgeVenue, OrderPreview {

    static final String NAME = "hyperliquid";
    private static final int FILLS_PAGE_LIMIT = 2000;

    private final HyperliquidConfig config;
    private final HyperliquidRequestSigner requests;
    private final Clock clock;
    private final ObjectMapper json;
    private final HyperliquidRestClient rest;
    private final HyperliquidStream stream;
    private final FillFeed fillFeed;
    private final AtomicLong lastNonce = new AtomicLong();
    private final Object fillSubscriptionLock = new Object();
    private final AtomicBoolean fillHistorySeen = new AtomicBoolean();
    private volatile Map<String, Asset> assets;
    private Subscription fillSubscription;

    /** A perpetual's asset index (its position in meta's universe) and metadata. */
    private record Asset(int index, AssetMeta meta) {}

    public HyperliquidVenue(
            HyperliquidConfig config, HyperliquidSigner signer, OkHttpClient http, Clock clock, HyperliquidRateLimiter limiter) {
        this.config = config;
        this.requests = new HyperliquidRequestSigner(signer, config.vaultAddress(), config.mainnet());
        this.clock = clock;
        this.json = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
        VenueHttp transport = new VenueHttp(NAME, http, config.requestTimeout(), RetryPolicy.STANDARD, clock, text -> text);
        this.rest = new HyperliquidRestClient(NAME, HttpUrl.get(config.restUrl()), transport, json, limiter);
        this.stream = new HyperliquidStream(http, config.wsUrl(), json, config.pingInterval(), config.reconnectDelay());
        this.fillFeed = new FillFeed(NAME, this::fillsSince, clock.instant());
        stream.onReconnect(fillFeed::reconcile);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The account whose state is read: the vault if trading for one, else the configured account, else the signer. */
    public String user() {
        if (config.vaultAddress() != null) {
            return config.vaultAddress();
        }
        return config.accountAddress() != null ? config.accountAddress() : requests.signerAddress();
    }

    // ---------------------------------------------------------------- market data

    @Override
    public List<Instrument> instruments() {
        JsonNode reply = rest.info(request("metaAndAssetCtxs"));
        Meta meta = json.convertValue(reply.path(0), Meta.class);
        List<Instrument> instruments = new ArrayList<>();
        for (int i = 0; i < meta.universe().size(); i++) {
            AssetMeta asset = meta.universe().get(i);
            if (!Boolean.TRUE.equals(asset.isDelisted())) {
                instruments.add(HyperliquidAdapters.instrument(asset, json.convertValue(reply.path(1).path(i), AssetCtx.class).markPx()));
            }
        }
        return instruments;
    }

    @Override
    public Instrument instrument(String market) {
        return HyperliquidAdapters.instrument(asset(market).meta(), assetCtx(market).markPx());
    }

    @Override
    public MarkPrice markPrice(String market) {
        AssetCtx ctx = assetCtx(market);
        return new MarkPrice(market, ctx.markPx(), ctx.oraclePx(), clock.instant());
    }

    /** Hyperliquid funds every hour, so its {@code funding} is already the hourly rate. */
    @Override
    public FundingRate fundingRate(String market) {
        return new FundingRate(market, assetCtx(market).funding(), clock.instant());
    }

    public List<FundingRate> fundingHistory(String market, Instant start, Instant end) {
        Map<String, Object> request = request("fundingHistory");
        request.put("coin", market);
        request.put("startTime", start.toEpochMilli());
        request.put("endTime", end.toEpochMilli());
        FundingHistoryEntry[] entries = rest.info(request, FundingHistoryEntry[].class);
        List<FundingRate> rates = new ArrayList<>(entries.length);
        for (FundingHistoryEntry e : entries) {
            rates.add(new FundingRate(e.coin(), e.fundingRate(), Instant.ofEpochMilli(e.time())));
        }
        return rates;
    }

    public L2Book l2Book(String market) {
        Map<String, Object> request = request("l2Book");
        request.put("coin", market);
        return rest.info(request, L2Book.class);
    }

    // ---------------------------------------------------------------- orders

    @Override
    public VenueOrder place(OrderRequest request) {
        SignedRequest signed = signOrder(request, nextNonce());
        OrderWire wire = ((OrderAction) signed.action()).orders().getFirst();
        JsonNode response = rest.exchange(signed.body(), 1, request.clientId());
        JsonNode status = response.path("data").path("statuses").path(0);
        if (status.has("error")) {
            throw new OrderRejectedException(NAME, status.path("error").asText());
        }
        BigDecimal size = new BigDecimal(wire.s());
        BigDecimal price = new BigDecimal(wire.p());
        if (status.has("resting")) {
            return new VenueOrder(status.path("resting").path("oid").asText(), request.clientId(), request.market(),
                    request.side(), size, BigDecimal.ZERO, null, price, OrderStatus.OPEN, request.reduceOnly());
        }
        if (status.has("filled")) {
            JsonNode filled = status.path("filled");
            BigDecimal filledSize = new BigDecimal(filled.path("totalSz").asText());
            // An IOC that did not fill completely has had its remainder cancelled.
            OrderStatus outcome = filledSize.compareTo(size) >= 0 ? OrderStatus.FILLED : OrderStatus.CANCELED;
            return new VenueOrder(filled.path("oid").asText(), request.clientId(), request.market(), request.side(),
                    size, filledSize, new BigDecimal(filled.path("avgPx").asText()), price, outcome, request.reduceOnly());
        }
        // Any other answer (e.g. "waitingForFill") says nothing certain: ask the venue by cloid.
        return orderByClientId(request.market(), request.clientId())
                .orElseThrow(() -> new UnknownOutcomeException(NAME, request.clientId(), null));
    }

    @Override
    public PreparedRequest previewOrder(OrderRequest request, long nonce) {
        SignedRequest signed = signOrder(request, nonce);
        Map<String, String> signature = new LinkedHashMap<>();
        signature.put("r", signed.signature().rHex());
        signature.put("s", signed.signature().sHex());
        signature.put("v", String.valueOf(signed.signature().v()));
        signature.put("signer", requests.signerAddress());
        signature.put("nonce", String.valueOf(nonce));
        signature.put("connectionId", "0x" + HexFormat.of().formatHex(signed.connectionId()));
        return new PreparedRequest("POST", rest.exchangeUrl().toString(), Map.of("Content-Type", "application/json"),
                signed.body(), signature);
    }

    @Override
    public void cancel(String market, String venueOrderId) {
        CancelAction action = CancelAction.of(List.of(new CancelWire(asset(market).index(), Long.parseLong(venueOrderId))));
        expectSuccess(sendL1(action, 1, null));
    }

    @Override
    public void cancelByClientId(String market, ClientOrderId clientId) {
        CancelByCloidAction action = CancelByCloidAction.of(
                List.of(new CancelByCloidWire(asset(market).index(), clientId.hex128())));
        expectSuccess(sendL1(action, 1, clientId));
    }

    @Override
    public Optional<VenueOrder> orderByVenueId(String market, String venueOrderId) {
        return orderStatus(Long.parseLong(venueOrderId));
    }

    @Override
    public Optional<VenueOrder> orderByClientId(String market, ClientOrderId clientId) {
        return orderStatus(clientId.hex128());
    }

    /**
     * Open orders, read through frontendOpenOrders: the same list as openOrders plus each order's cloid, original size
     * and reduce-only flag, which reconciliation by client id needs.
     */
    @Override
    public List<VenueOrder> openOrders() {
        Map<String, Object> request = request("frontendOpenOrders");
        request.put("user", user());
        return List.of(rest.info(request, OpenOrder[].class)).stream().map(HyperliquidAdapters::openOrder).toList();
    }

    @Override
    public List<Position> positions() {
        return clearinghouseState().assetPositions().stream()
                .map(p -> HyperliquidAdapters.position(p.position()))
                .filter(p -> p.size().signum() != 0)
                .toList();
    }

    @Override
    public Margin margin() {
        return HyperliquidAdapters.margin(clearinghouseState());
    }

    @Override
    public void setLeverage(String market, int leverage) {
        sendL1(UpdateLeverageAction.of(asset(market).index(), config.crossMargin(), leverage), 1, null);
    }

    /** The account's fills at or after {@code since}, oldest first, through userFillsByTime (paged by 2,000). */
    @Override
    public List<Fill> fillsSince(Instant since) {
        return userFillsSince(since).stream().map(HyperliquidAdapters::fill).toList();
    }

    /** The account's most recent fills (info userFills), as the venue lists them. */
    public List<Fill> recentFills() {
        Map<String, Object> request = request("userFills");
        request.put("user", user());
        return List.of(rest.info(request, UserFill[].class)).stream().map(HyperliquidAdapters::fill).toList();
    }

    // ---------------------------------------------------------------- collateral (user-signed actions)

    /** Sends USDC to another Hyperliquid account (action usdSend). */
    public void usdSend(String destination, BigDecimal amount) {
        sendTransfer("usdSend", destination, amount);
    }

    /** Withdraws USDC to {@code destination} on Arbitrum through the bridge (action withdraw3). */
    public void withdraw(String destination, BigDecimal amount) {
        sendTransfer("withdraw3", destination, amount);
    }

    // ---------------------------------------------------------------- streams

    /** Mark (and oracle, as index) prices from the activeAssetCtx channel. */
    @Override
    public Subscription subscribeMarkPrices(String market, Consumer<MarkPrice> listener) {
        Map<String, Object> subscription = subscription("activeAssetCtx");
        subscription.put("coin", market);
        return stream.subscribe(subscription, "activeAssetCtx", market, data -> {
            WsActiveAssetCtx ctx = json.convertValue(data, WsActiveAssetCtx.class);
            listener.accept(new MarkPrice(market, ctx.ctx().markPx(), ctx.ctx().oraclePx(), clock.instant()));
        });
    }

    /** Mid prices of every market (allMids channel). */
    public Subscription subscribeMids(Consumer<Map<String, BigDecimal>> listener) {
        return stream.subscribe(subscription("allMids"), "allMids", null, data -> {
            Map<String, BigDecimal> mids = new LinkedHashMap<>();
            data.path("mids").properties().forEach(e -> mids.put(e.getKey(), new BigDecimal(e.getValue().asText())));
            listener.accept(mids);
        });
    }

    /** Order book snapshots of one market (l2Book channel). */
    public Subscription subscribeBook(String market, Consumer<L2Book> listener) {
        Map<String, Object> subscription = subscription("l2Book");
        subscription.put("coin", market);
        return stream.subscribe(subscription, "l2Book", market, data -> listener.accept(json.convertValue(data, L2Book.class)));
    }

    /** Changes to the account's orders (orderUpdates channel). */
    public Subscription subscribeOrderUpdates(Consumer<VenueOrder> listener) {
        Map<String, Object> subscription = subscription("orderUpdates");
        subscription.put("user", user());
        return stream.subscribe(subscription, "orderUpdates", null, data -> {
            for (JsonNode update : data) {
                listener.accept(HyperliquidAdapters.order(json.convertValue(update, OrderWithStatus.class)));
            }
        });
    }

    /**
     * The account's fills (userFills channel), each once; after a reconnect the fills made while the stream was down
     * are fetched through REST (userFillsByTime) and delivered too.
     */
    @Override
    public Subscription subscribeFills(Consumer<Fill> listener) {
        Subscription handle = fillFeed.add(listener);
        synchronized (fillSubscriptionLock) {
            if (fillSubscription == null) {
                Map<String, Object> subscription = subscription("userFills");
                subscription.put("user", user());
                fillSubscription = stream.subscribe(subscription, "userFills", null, data -> {
                    WsUserFills message = json.convertValue(data, WsUserFills.class);
                    List<Fill> fills = message.fills() == null ? List.of()
                            : message.fills().stream().map(HyperliquidAdapters::fill).toList();
                    // The first snapshot is history, not news: it only marks those fills as seen.
                    if (Boolean.TRUE.equals(message.isSnapshot()) && fillHistorySeen.compareAndSet(false, true)) {
                        fillFeed.markSeen(fills);
                    } else {
                        fillHistorySeen.set(true);
                        fillFeed.onStream(fills);
                    }
                });
            }
        }
        return handle;
    }

    @Override
    public void close() {
        stream.close();
    }

    // ---------------------------------------------------------------- internals

    private SignedRequest signOrder(OrderRequest request, long nonce) {
        Asset asset = asset(request.market());
        if (Boolean.TRUE.equals(asset.meta().isDelisted())) {
            throw new OrderRejectedException(NAME, request.market() + " is delisted");
        }
        try {
            return requests.signOrder(asset.index(), asset.meta().szDecimals(), request, worstPrice(request), nonce);
        } catch (IllegalArgumentException e) {
            throw new OrderRejectedException(NAME, e.getMessage());
        }
    }

    /** The limit price, or for a market order without one the mark moved by the configured slippage. */
    private BigDecimal worstPrice(OrderRequest request) {
        if (request.limitPrice() != null) {
            return request.limitPrice();
        }
        if (request.type() != OrderType.MARKET_IOC) {
            throw new IllegalArgumentException(request.type() + " order needs a limit price");
        }
        BigDecimal mark = assetCtx(request.market()).markPx();
        BigDecimal factor = request.side() == Side.BUY
                ? BigDecimal.ONE.add(config.marketSlippage())
                : BigDecimal.ONE.subtract(config.marketSlippage());
        return mark.multiply(factor);
    }

    private JsonNode sendL1(Object action, int batchLength, ClientOrderId clientId) {
        return rest.exchange(requests.signL1(action, nextNonce()).body(), batchLength, clientId);
    }

    private void sendTransfer(String type, String destination, BigDecimal amount) {
        rest.exchange(requests.signTransfer(type, destination, amount, nextNonce()).body(), 1, null);
    }

    /** A cancel answers one status per cancel: "success" or {"error": reason}. */
    private static void expectSuccess(JsonNode response) {
        JsonNode status = response.path("data").path("statuses").path(0);
        if (status.has("error")) {
            throw new OrderRejectedException(NAME, status.path("error").asText());
        }
    }

    private Optional<VenueOrder> orderStatus(Object oidOrCloid) {
        Map<String, Object> request = request("orderStatus");
        request.put("user", user());
        request.put("oid", oidOrCloid);
        OrderStatusResponse response = rest.info(request, OrderStatusResponse.class);
        if (!"order".equals(response.status()) || response.order() == null) {
            return Optional.empty();
        }
        return Optional.of(HyperliquidAdapters.order(response.order()));
    }

    private ClearinghouseState clearinghouseState() {
        Map<String, Object> request = request("clearinghouseState");
        request.put("user", user());
        return rest.info(request, ClearinghouseState.class);
    }

    /** userFillsByTime returns at most 2,000 fills per call: page on from the last time seen, dropping repeats. */
    private List<UserFill> userFillsSince(Instant since) {
        List<UserFill> all = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        long start = since.toEpochMilli();
        while (true) {
            Map<String, Object> request = request("userFillsByTime");
            request.put("user", user());
            request.put("startTime", start);
            request.put("aggregateByTime", false);
            UserFill[] page = rest.info(request, UserFill[].class);
            long latest = start;
            for (UserFill fill : page) {
                if (seen.add(fill.tid())) {
                    all.add(fill);
                }
                latest = Math.max(latest, fill.time());
            }
            if (page.length < FILLS_PAGE_LIMIT || latest == start) {
                break;
            }
            start = latest;
        }
        all.sort(Comparator.comparingLong(UserFill::time));
        return all;
    }

    private AssetCtx assetCtx(String market) {
        JsonNode reply = rest.info(request("metaAndAssetCtxs"));
        Meta meta = json.convertValue(reply.path(0), Meta.class);
        for (int i = 0; i < meta.universe().size(); i++) {
            if (meta.universe().get(i).name().equals(market)) {
                return json.convertValue(reply.path(1).path(i), AssetCtx.class);
            }
        }
        throw new OrderRejectedException(NAME, "unknown market " + market);
    }

    private Asset asset(String market) {
        Asset asset = assets().get(market);
        if (asset == null) {
            assets = null; // listed since the last load?
            asset = assets().get(market);
        }
        if (asset == null) {
            throw new OrderRejectedException(NAME, "unknown market " + market);
        }
        return asset;
    }

    private Map<String, Asset> assets() {
        Map<String, Asset> loaded = assets;
        if (loaded == null) {
            Meta meta = rest.info(request("meta"), Meta.class);
            Map<String, Asset> byName = new LinkedHashMap<>();
            for (int i = 0; i < meta.universe().size(); i++) {
                byName.put(meta.universe().get(i).name(), new Asset(i, meta.universe().get(i)));
            }
            loaded = java.util.Collections.unmodifiableMap(byName);
            assets = loaded;
        }
        return loaded;
    }

    private long nextNonce() {
        long now = clock.millis();
        return lastNonce.updateAndGet(last -> Math.max(now, last + 1));
    }

    private static Map<String, Object> request(String type) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", type);
        return request;
    }

    private static Map<String, Object> subscription(String type) {
        return request(type);
    }
}
