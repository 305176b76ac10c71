package io.yielddelta.keeper.venues.dydx;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.yielddelta.keeper.core.hedge.HedgeJournal;
import io.yielddelta.keeper.core.venue.Fill;
import io.yielddelta.keeper.core.venue.FundingRate;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.Margin;
import io.yielddelta.keeper.core.venue.MarkPrice;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.venues.FillFeed;
import io.yielddelta.keeper.venues.MarketListing;
import io.yielddelta.keeper.venues.VenueFront;
import io.yielddelta.keeper.venues.VenueOrders;
import io.yielddelta.keeper.venues.dydx.dto.IndexerFill;
import io.yielddelta.keeper.venues.dydx.dto.PerpetualMarket;
import io.yielddelta.keeper.venues.dydx.dto.Subaccount;
import io.yielddelta.keeper.venues.transport.RetryPolicy;
import io.yielddelta.keeper.venues.transport.VenueHttp;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * {@link HedgeVenue} on dYdX v4: reads from the indexer ({@link DydxIndexer} over REST, {@link DydxStream} over the
 * v4_subaccounts / v4_markets WebSocket), writes through {@link DydxTrading}, which broadcasts signed Cosmos
 * transactions carrying MsgPlaceOrder / MsgCancelOrder through a node's REST gateway ({@link DydxNode}). The keeper's
 * full client ids come back through {@link DydxClientIds}, since the chain keeps only their uint32.
 */
public final class DydxVenue extends VenueFront {

    static final String NAME = "dydx";

    private final Clock clock;
    private final ObjectMapper json;
    private final DydxIndexer indexer;
    private final MarketListing<DydxMarket> markets;
    private final DydxClientIds clientIds;
    private final DydxTrading trading;
    private final DydxStream stream;
    private final FillFeed fillFeed;
    private final String subaccountChannelId;
    private final Object fillSubscriptionLock = new Object();
    private Subscription fillSubscription;

    /** @param journal where the keeper's dYdX orders are found again after a restart (their full client ids) */
    public DydxVenue(DydxConfig config, DydxWallet wallet, OkHttpClient http, Clock clock, HedgeJournal journal) {
        DydxOrderSigner signer = new DydxOrderSigner(
                wallet,
                config.chainId(),
                config.subaccountNumber(),
                config.feeDenom(),
                config.feeAmount(),
                config.gasLimit());
        this.clock = clock;
        this.json = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
        DydxRestClient rest = new DydxRestClient(
                new VenueHttp(
                        NAME,
                        http,
                        config.requestTimeout(),
                        RetryPolicy.STANDARD,
                        clock,
                        text -> DydxRestClient.errorMessage(json, text)),
                json);
        this.indexer =
                new DydxIndexer(rest, HttpUrl.get(config.indexerUrl()), signer.address(), signer.subaccountNumber());
        DydxNode node = new DydxNode(rest, HttpUrl.get(config.nodeRestUrl()), signer.address());
        this.markets = new MarketListing<>(NAME, this::readMarkets);
        this.clientIds = new DydxClientIds(
                NAME,
                signer.address(),
                signer.subaccountNumber(),
                journal,
                market -> markets.get(market).clobPairId());
        this.trading = new DydxTrading(
                config,
                signer,
                indexer,
                node,
                markets,
                clientIds,
                new DydxPendingOrders(journal, indexer, node),
                clock);
        this.stream = new DydxStream(http, config.indexerWsUrl(), config.reconnectDelay());
        this.fillFeed = new FillFeed(NAME, this::fillsSince, clock.instant());
        this.subaccountChannelId = signer.address() + "/" + signer.subaccountNumber();
        stream.onReconnect(fillFeed::reconcile);
    }

    @Override
    public String name() {
        return NAME;
    }

    // ---------------------------------------------------------------- market data

    @Override
    public List<Instrument> instruments() {
        return markets.all().values().stream().map(DydxMarket::instrument).toList();
    }

    @Override
    public Instrument instrument(String market) {
        return markets.get(market).instrument();
    }

    /** dYdX marks positions to the oracle price, so mark and index are the same number. */
    @Override
    public MarkPrice markPrice(String market) {
        PerpetualMarket m = indexer.perpetualMarket(market);
        return new MarkPrice(market, m.oraclePrice(), m.oraclePrice(), clock.instant());
    }

    /** dYdX pays funding every hour; nextFundingRate is the predicted hourly rate. */
    @Override
    public FundingRate fundingRate(String market) {
        return new FundingRate(market, indexer.perpetualMarket(market).nextFundingRate(), clock.instant());
    }

    @Override
    protected VenueOrders orders() {
        return trading;
    }

    // ---------------------------------------------------------------- account

    @Override
    public List<Position> positions() {
        return indexer.openPositions().stream()
                .filter(p -> p.size().signum() != 0)
                .map(p -> DydxAdapters.position(p, maxLeverage(p.market())))
                .toList();
    }

    /** equity = collateral + unrealised P&amp;L; what is not free collateral is held as margin. */
    @Override
    public Margin margin() {
        Subaccount s = indexer.subaccount();
        return new Margin(s.equity(), s.equity().subtract(s.freeCollateral()), s.freeCollateral());
    }

    /** Own fills at or after {@code since}, oldest first. */
    @Override
    public List<Fill> fillsSince(Instant since) {
        return indexer.fillsSince(since).stream().map(this::fill).toList();
    }

    // ---------------------------------------------------------------- streams

    /** Oracle prices (v4_markets channel_data {@code oraclePrices}). */
    @Override
    public Subscription subscribeMarkPrices(String market, Consumer<MarkPrice> listener) {
        String ticker = DydxAdapters.ticker(market);
        return stream.subscribe("v4_markets", null, message -> {
            JsonNode price = message.contents().path("oraclePrices").path(ticker);
            if (price.hasNonNull("oraclePrice")) {
                BigDecimal oracle = new BigDecimal(price.path("oraclePrice").asText());
                listener.accept(new MarkPrice(market, oracle, oracle, clock.instant()));
            }
        });
    }

    /**
     * Own fills from v4_subaccounts, each once; after a reconnect the fills made while the stream was down are read
     * through REST and delivered too.
     */
    @Override
    public Subscription subscribeFills(Consumer<Fill> listener) {
        Subscription handle = fillFeed.add(listener);
        synchronized (fillSubscriptionLock) {
            if (fillSubscription == null) {
                fillSubscription = stream.subscribe("v4_subaccounts", subaccountChannelId, message -> {
                    if ("channel_data".equals(message.type())
                            && message.contents().has("fills")) {
                        List<Fill> fills = new ArrayList<>();
                        for (JsonNode f : message.contents().path("fills")) {
                            fills.add(fill(json.convertValue(f, IndexerFill.class)));
                        }
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

    private Fill fill(IndexerFill fill) {
        return DydxAdapters.fill(fill, clientIds.of(fill.orderId()));
    }

    private int maxLeverage(String ticker) {
        DydxMarket m = markets.all().get(DydxAdapters.market(ticker));
        return m == null ? 1 : m.instrument().maxLeverage();
    }

    private Map<String, DydxMarket> readMarkets() {
        Map<String, DydxMarket> byName = new LinkedHashMap<>();
        indexer.perpetualMarkets().forEach(m -> byName.put(DydxAdapters.market(m.ticker()), DydxAdapters.market(m)));
        return byName;
    }
}
