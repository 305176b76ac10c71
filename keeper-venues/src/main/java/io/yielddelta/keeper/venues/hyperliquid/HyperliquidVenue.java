package io.yielddelta.keeper.venues.hyperliquid;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.Fill;
import io.yielddelta.keeper.core.venue.FundingRate;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.Margin;
import io.yielddelta.keeper.core.venue.MarkPrice;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.UnknownOutcomeException;
import io.yielddelta.keeper.venues.FillFeed;
import io.yielddelta.keeper.venues.VenueFront;
import io.yielddelta.keeper.venues.VenueOrders;
import io.yielddelta.keeper.venues.hyperliquid.dto.AssetCtx;
import io.yielddelta.keeper.venues.hyperliquid.dto.WsActiveAssetCtx;
import io.yielddelta.keeper.venues.hyperliquid.dto.WsUserFills;
import io.yielddelta.keeper.venues.transport.RetryPolicy;
import io.yielddelta.keeper.venues.transport.VenueHttp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * {@link HedgeVenue} on Hyperliquid perpetuals: market data through {@link HyperliquidMarkets}, orders through
 * {@link HyperliquidTrading}, account state and fills read from the raw {@link HyperliquidRestClient}, and one
 * WebSocket ({@link HyperliquidStream}) for mark prices and fills.
 *
 * <p>Orders carry the keeper's client id as cloid ({@link ClientOrderId#hex128()}); a placement whose response is
 * lost raises {@link UnknownOutcomeException} and is resolved with {@link #orderByClientId}.
 */
public final class HyperliquidVenue extends VenueFront {

    static final String NAME = "hyperliquid";

    private final Clock clock;
    private final ObjectMapper json;
    private final String user;
    private final HyperliquidRestClient rest;
    private final HyperliquidMarkets markets;
    private final HyperliquidTrading trading;
    private final HyperliquidStream stream;
    private final FillFeed fillFeed;
    private final Object fillSubscriptionLock = new Object();
    private final AtomicBoolean fillHistorySeen = new AtomicBoolean();
    private Subscription fillSubscription;

    public HyperliquidVenue(
            HyperliquidConfig config,
            HyperliquidSigner signer,
            OkHttpClient http,
            Clock clock,
            HyperliquidRateLimiter limiter) {
        HyperliquidRequestSigner requests =
                new HyperliquidRequestSigner(signer, config.vaultAddress(), config.mainnet());
        this.clock = clock;
        this.json = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
        // The account whose state is read: the vault if trading for one, else the configured account, else the signer.
        this.user = config.vaultAddress() != null
                ? config.vaultAddress()
                : config.accountAddress() != null ? config.accountAddress() : signer.address();
        VenueHttp transport =
                new VenueHttp(NAME, http, config.requestTimeout(), RetryPolicy.STANDARD, clock, text -> text);
        this.rest = new HyperliquidRestClient(HttpUrl.get(config.restUrl()), transport, json, limiter);
        this.markets = new HyperliquidMarkets(rest);
        this.trading = new HyperliquidTrading(config, requests, rest, markets, clock, user);
        this.stream = new HyperliquidStream(http, config.wsUrl(), json, config.pingInterval(), config.reconnectDelay());
        this.fillFeed = new FillFeed(NAME, this::fillsSince, clock.instant());
        stream.onReconnect(fillFeed::reconcile);
    }

    @Override
    public String name() {
        return NAME;
    }

    // ---------------------------------------------------------------- market data

    @Override
    public List<Instrument> instruments() {
        return markets.instruments();
    }

    @Override
    public Instrument instrument(String market) {
        return markets.instrument(market);
    }

    @Override
    public MarkPrice markPrice(String market) {
        AssetCtx ctx = markets.assetCtx(market);
        return new MarkPrice(market, ctx.markPx(), ctx.oraclePx(), clock.instant());
    }

    /** Hyperliquid funds every hour, so its {@code funding} is already the hourly rate. */
    @Override
    public FundingRate fundingRate(String market) {
        return new FundingRate(market, markets.assetCtx(market).funding(), clock.instant());
    }

    @Override
    protected VenueOrders orders() {
        return trading;
    }

    // ---------------------------------------------------------------- account

    @Override
    public List<Position> positions() {
        return rest.clearinghouseState(user).assetPositions().stream()
                .map(p -> HyperliquidAdapters.position(p.position()))
                .filter(p -> p.size().signum() != 0)
                .toList();
    }

    @Override
    public Margin margin() {
        return HyperliquidAdapters.margin(rest.clearinghouseState(user));
    }

    /** The account's fills at or after {@code since}, oldest first, through userFillsByTime (paged by 2,000). */
    @Override
    public List<Fill> fillsSince(Instant since) {
        return rest.userFillsSince(user, since).stream()
                .map(HyperliquidAdapters::fill)
                .toList();
    }

    // ---------------------------------------------------------------- streams

    /** Mark (and oracle, as index) prices from the activeAssetCtx channel. */
    @Override
    public Subscription subscribeMarkPrices(String market, Consumer<MarkPrice> listener) {
        return stream.subscribe(subscription("activeAssetCtx", "coin", market), "activeAssetCtx", market, data -> {
            WsActiveAssetCtx ctx = json.convertValue(data, WsActiveAssetCtx.class);
            listener.accept(new MarkPrice(market, ctx.ctx().markPx(), ctx.ctx().oraclePx(), clock.instant()));
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
                fillSubscription =
                        stream.subscribe(subscription("userFills", "user", user), "userFills", null, data -> {
                            WsUserFills message = json.convertValue(data, WsUserFills.class);
                            List<Fill> fills = message.fills() == null
                                    ? List.of()
                                    : message.fills().stream()
                                            .map(HyperliquidAdapters::fill)
                                            .toList();
                            // The first snapshot is history, not news: it only marks those fills as seen.
                            if (Boolean.TRUE.equals(message.isSnapshot())
                                    && fillHistorySeen.compareAndSet(false, true)) {
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

    private static Map<String, Object> subscription(String type, String key, String value) {
        Map<String, Object> subscription = new LinkedHashMap<>();
        subscription.put("type", type);
        subscription.put(key, value);
        return subscription;
    }
}
