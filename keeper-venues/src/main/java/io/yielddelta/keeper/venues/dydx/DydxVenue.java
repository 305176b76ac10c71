package io.yielddelta.keeper.venues.dydx;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.yielddelta.keeper.core.hedge.HedgeJournal;
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
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.core.venue.UnknownOutcomeException;
import io.yielddelta.keeper.core.venue.VenueOrder;
import io.yielddelta.keeper.core.venue.VenueUnavailableException;
import io.yielddelta.keeper.venues.FillFeed;
import io.yielddelta.keeper.venues.OrderPreview;
import io.yielddelta.keeper.venues.PreparedRequest;
import io.yielddelta.keeper.venues.dydx.DydxOrderSigner.Account;
import io.yielddelta.keeper.venues.dydx.DydxOrderSigner.SignedTx;
import io.yielddelta.keeper.venues.dydx.dto.AccountResponse;
import io.yielddelta.keeper.venues.dydx.dto.BroadcastTxResponse.TxResponse;
import io.yielddelta.keeper.venues.dydx.dto.FillsResponse;
import io.yielddelta.keeper.venues.dydx.dto.HistoricalFunding;
import io.yielddelta.keeper.venues.dydx.dto.HistoricalFundingResponse;
import io.yielddelta.keeper.venues.dydx.dto.IndexerFill;
import io.yielddelta.keeper.venues.dydx.dto.IndexerOrder;
import io.yielddelta.keeper.venues.dydx.dto.LatestBlockResponse;
import io.yielddelta.keeper.venues.dydx.dto.Orderbook;
import io.yielddelta.keeper.venues.dydx.dto.PerpetualMarket;
import io.yielddelta.keeper.venues.dydx.dto.PerpetualMarketsResponse;
import io.yielddelta.keeper.venues.dydx.dto.PerpetualPositionsResponse;
import io.yielddelta.keeper.venues.dydx.dto.Subaccount;
import io.yielddelta.keeper.venues.dydx.dto.SubaccountResponse;
import io.yielddelta.keeper.venues.dydx.proto.Order;
import io.yielddelta.keeper.venues.dydx.proto.OrderId;
import io.yielddelta.keeper.venues.transport.RetryPolicy;
import io.yielddelta.keeper.venues.transport.VenueHttp;
import java.math.BigDecimal;
import java.math.BigInteger;
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
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HedgeVenue} on dYdX v4: reads from the indexer (REST and the v4_subaccounts / v4_markets WebSocket), writes
 * by broadcasting signed Cosmos transactions carrying MsgPlaceOrder / MsgCancelOrder through a node's REST gateway.
 *
 * <p><b>Ids.</b> The chain knows an order by (subaccount, client id = {@link ClientOrderId#uint32()}, order flags,
 * clob pair); the venue order id used here is the indexer's UUID of that tuple, computed locally
 * ({@link DydxOrderIds}), so {@link #orderByClientId} is one GET per order kind and needs no listing.
 *
 * <p><b>Sequence.</b> Account number and sequence come from the node's auth module and are cached. A stateful order
 * or cancel that CheckTx accepts advances the cached sequence; short-term orders and cancels do not consume one on
 * dYdX. A sequence-mismatch answer (sdk code 32) means the transaction was refused, so the account is re-read and the
 * transaction signed again once; an unknown outcome drops the cache so the next transaction starts from the node.
 *
 * <p><b>CheckTx.</b> Code 0 → accepted; sdk 19 (the same bytes are already in the mempool) → accepted; sdk 20 (mempool
 * full) → {@link VenueUnavailableException}; any other code → {@link OrderRejectedException} with the raw log.
 */
public final class DydxVenue implements HedgeVenue, OrderPreview {

    static final String NAME = "dydx";
    private static final Logger log = LoggerFactory.getLogger(DydxVenue.class);
    private static final int FILLS_PAGE_LIMIT = 100;
    private static final Pattern SEQUENCE_MISMATCH = Pattern.compile("account sequence mismatch, expected (\\d+)");

    private final DydxConfig config;
    private final DydxOrderSigner signer;
    private final Clock clock;
    private final ObjectMapper json;
    private final DydxRestClient rest;
    private final HttpUrl indexer;
    private final HttpUrl node;
    private final DydxStream stream;
    private final FillFeed fillFeed;
    private final Object accountLock = new Object();
    private final Object fillSubscriptionLock = new Object();
    private final DydxClientIds clientIds;
    private volatile Map<String, DydxMarket> markets;
    private Account account;
    private Subscription fillSubscription;

    /** @param journal where the keeper's dYdX orders are found again after a restart (their full client ids) */
    public DydxVenue(DydxConfig config, DydxWallet wallet, OkHttpClient http, Clock clock, HedgeJournal journal) {
        this.config = config;
        this.signer = new DydxOrderSigner(wallet, config.chainId(), config.subaccountNumber(), config.feeDenom(),
                config.feeAmount(), config.gasLimit());
        this.clock = clock;
        this.json = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
        this.rest = new DydxRestClient(NAME, new VenueHttp(NAME, http, config.requestTimeout(), RetryPolicy.STANDARD, clock,
                text -> DydxRestClient.errorMessage(json, text)), json);
        this.indexer = HttpUrl.get(config.indexerUrl());
        this.node = HttpUrl.get(config.nodeRestUrl());
        this.stream = new DydxStream(http, config.indexerWsUrl(), config.reconnectDelay());
        this.fillFeed = new FillFeed(NAME, this::fillsSince, clock.instant());
        this.clientIds = new DydxClientIds(NAME, signer.address(), signer.subaccountNumber(), journal,
                market -> market(market).clobPairId());
        stream.onReconnect(fillFeed::reconcile);
    }

    @Override
    public String name() {
        return NAME;
    }

    public String address() {
        return signer.address();
    }

    // ---------------------------------------------------------------- market data

    @Override
    public List<Instrument> instruments() {
        return markets().values().stream().map(DydxMarket::instrument).toList();
    }

    @Override
    public Instrument instrument(String market) {
        return market(market).instrument();
    }

    /** dYdX marks positions to the oracle price, so mark and index are the same number. */
    @Override
    public MarkPrice markPrice(String market) {
        PerpetualMarket m = perpetualMarket(market);
        return new MarkPrice(market, m.oraclePrice(), m.oraclePrice(), clock.instant());
    }

    /** dYdX pays funding every hour; nextFundingRate is the predicted hourly rate. */
    @Override
    public FundingRate fundingRate(String market) {
        return new FundingRate(market, perpetualMarket(market).nextFundingRate(), clock.instant());
    }

    /** Hourly funding rates that took effect, newest first (indexer historicalFunding). */
    public List<FundingRate> fundingHistory(String market) {
        HttpUrl url = indexerUrl("historicalFunding", DydxAdapters.ticker(market)).build();
        List<FundingRate> rates = new ArrayList<>();
        for (HistoricalFunding f : rest.get(url, HistoricalFundingResponse.class).historicalFunding()) {
            rates.add(new FundingRate(market, f.rate(), Instant.parse(f.effectiveAt())));
        }
        return rates;
    }

    public Orderbook orderbook(String market) {
        return rest.get(indexerUrl("orderbooks", "perpetualMarket", DydxAdapters.ticker(market)).build(), Orderbook.class);
    }

    // ---------------------------------------------------------------- orders

    /**
     * Signs and broadcasts the order. Accepted by CheckTx means accepted into the mempool, not matched: the order is
     * returned as OPEN under its indexer id, and its fills arrive through {@link #subscribeFills} or the indexer.
     */
    @Override
    public VenueOrder place(OrderRequest request) {
        DydxMarket market = market(request.market());
        Order order = buildOrder(request, market);
        String id = DydxOrderIds.indexerOrderId(signer.address(), signer.subaccountNumber(), request.clientId().uint32(),
                market.clobPairId(), order.getOrderId().getOrderFlags());
        clientIds.remember(id, request.clientId());
        broadcast(request.clientId(), !DydxOrderSigner.isShortTerm(request.type()), acct -> signer.placeOrder(order, acct));
        return new VenueOrder(id, request.clientId(), request.market(), request.side(),
                market.quantizer().size(BigInteger.valueOf(order.getQuantums())), BigDecimal.ZERO, null,
                market.quantizer().price(new BigInteger(Long.toUnsignedString(order.getSubticks()))), OrderStatus.OPEN,
                request.reduceOnly());
    }

    /**
     * The broadcast the keeper would send, signed with {@code nonce} as the account sequence (the account number and,
     * for a short-term order, the block height are read from the node).
     */
    @Override
    public PreparedRequest previewOrder(OrderRequest request, long nonce) {
        DydxMarket market = market(request.market());
        Order order = buildOrder(request, market);
        Account acct = new Account(fetchAccount().accountNumber(), nonce);
        SignedTx tx = signer.placeOrder(order, acct);
        Map<String, String> signature = new LinkedHashMap<>();
        HexFormat hex = HexFormat.of();
        signature.put("signer", signer.address());
        signature.put("chain_id", config.chainId());
        signature.put("account_number", Long.toString(acct.accountNumber()));
        signature.put("sequence", Long.toString(acct.sequence()));
        signature.put("client_id", Long.toString(request.clientId().uint32()));
        signature.put("quantums", Long.toUnsignedString(order.getQuantums()));
        signature.put("subticks", Long.toUnsignedString(order.getSubticks()));
        signature.put(order.hasGoodTilBlock() ? "good_til_block" : "good_til_block_time",
                Integer.toUnsignedString(order.hasGoodTilBlock() ? order.getGoodTilBlock() : order.getGoodTilBlockTime()));
        signature.put("sign_doc", hex.formatHex(tx.signDocBytes()));
        signature.put("signature", hex.formatHex(tx.signature()));
        signature.put("tx_hash", tx.txHash());
        String body = json.createObjectNode().put("tx_bytes", tx.txBase64()).put("mode", "BROADCAST_MODE_SYNC").toString();
        return new PreparedRequest("POST", broadcastUrl().toString(), Map.of("Content-Type", "application/json"), body,
                signature);
    }

    @Override
    public void cancel(String market, String venueOrderId) {
        IndexerOrder order = rest.find(indexerUrl("orders", venueOrderId).build(), IndexerOrder.class)
                .orElseThrow(() -> new OrderRejectedException(NAME, "no order " + venueOrderId));
        cancel(order, clientIds.of(order.id()));
    }

    @Override
    public void cancelByClientId(String market, ClientOrderId clientId) {
        IndexerOrder order = indexerOrderByClientId(market, clientId)
                .orElseThrow(() -> new OrderRejectedException(NAME, "no order with client id " + clientId));
        cancel(order, clientId);
    }

    @Override
    public Optional<VenueOrder> orderByVenueId(String market, String venueOrderId) {
        return rest.find(indexerUrl("orders", venueOrderId).build(), IndexerOrder.class)
                .map(o -> DydxAdapters.order(o, clientIds.of(o.id())));
    }

    /** The indexer id of (subaccount, client id, clob pair, flags) is computed for short-term and long-term orders. */
    @Override
    public Optional<VenueOrder> orderByClientId(String market, ClientOrderId clientId) {
        return indexerOrderByClientId(market, clientId).map(o -> DydxAdapters.order(o, clientId));
    }

    @Override
    public List<VenueOrder> openOrders() {
        HttpUrl url = indexerUrl("orders").addQueryParameter("address", signer.address())
                .addQueryParameter("subaccountNumber", Integer.toString(signer.subaccountNumber()))
                .addQueryParameter("status", "OPEN")
                .build();
        return List.of(rest.get(url, IndexerOrder[].class)).stream()
                .map(o -> DydxAdapters.order(o, clientIds.of(o.id())))
                .toList();
    }

    @Override
    public List<Position> positions() {
        HttpUrl url = indexerUrl("perpetualPositions").addQueryParameter("address", signer.address())
                .addQueryParameter("subaccountNumber", Integer.toString(signer.subaccountNumber()))
                .addQueryParameter("status", "OPEN")
                .build();
        return rest.get(url, PerpetualPositionsResponse.class).positions().stream()
                .filter(p -> p.size().signum() != 0)
                .map(p -> DydxAdapters.position(p, maxLeverage(p.market())))
                .toList();
    }

    /** equity = collateral + unrealised P&amp;L; what is not free collateral is held as margin. */
    @Override
    public Margin margin() {
        HttpUrl url = indexerUrl("addresses", signer.address(), "subaccountNumber", Integer.toString(signer.subaccountNumber()))
                .build();
        Subaccount s = rest.get(url, SubaccountResponse.class).subaccount();
        return new Margin(s.equity(), s.equity().subtract(s.freeCollateral()), s.freeCollateral());
    }

    /**
     * dYdX v4 cross margin has no leverage setting: the limit is each market's initial margin fraction. A request
     * above it is refused so that the caller does not believe it holds.
     */
    @Override
    public void setLeverage(String market, int leverage) {
        int max = instrument(market).maxLeverage();
        if (leverage < 1 || leverage > max) {
            throw new OrderRejectedException(NAME, "leverage " + leverage + " outside 1.." + max + " for " + market);
        }
    }

    /** Own fills at or after {@code since}, oldest first: the indexer pages newest first, by createdBeforeOrAt. */
    @Override
    public List<Fill> fillsSince(Instant since) {
        List<Fill> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String before = null;
        while (true) {
            HttpUrl.Builder url = indexerUrl("fills").addQueryParameter("address", signer.address())
                    .addQueryParameter("subaccountNumber", Integer.toString(signer.subaccountNumber()))
                    .addQueryParameter("limit", Integer.toString(FILLS_PAGE_LIMIT));
            if (before != null) {
                url.addQueryParameter("createdBeforeOrAt", before);
            }
            List<IndexerFill> page = rest.get(url.build(), FillsResponse.class).fills();
            boolean reachedSince = page.size() < FILLS_PAGE_LIMIT;
            String oldest = before;
            for (IndexerFill f : page) {
                Instant time = Instant.parse(f.createdAt());
                if (time.isBefore(since)) {
                    reachedSince = true;
                } else if (seen.add(f.id())) {
                    all.add(DydxAdapters.fill(f, clientIds.of(f.orderId())));
                }
                oldest = f.createdAt();
            }
            if (reachedSince || oldest == null || oldest.equals(before)) {
                break;
            }
            before = oldest;
        }
        all.sort(Comparator.comparing(Fill::time));
        return all;
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
                fillSubscription = stream.subscribe("v4_subaccounts", signer.address() + "/" + signer.subaccountNumber(),
                        message -> {
                            if ("channel_data".equals(message.type()) && message.contents().has("fills")) {
                                List<Fill> fills = new ArrayList<>();
                                for (JsonNode f : message.contents().path("fills")) {
                                    IndexerFill fill = json.convertValue(f, IndexerFill.class);
                                    fills.add(DydxAdapters.fill(fill, clientIds.of(fill.orderId())));
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

    // ---------------------------------------------------------------- internals

    private Order buildOrder(OrderRequest request, DydxMarket market) {
        try {
            if (DydxOrderSigner.isShortTerm(request.type())) {
                long goodTilBlock = latestHeight() + config.shortTermBlocks();
                return signer.order(request, market, worstPrice(request), goodTilBlock, 0);
            }
            long goodTilBlockTime = clock.instant().plus(config.statefulOrderLifetime()).getEpochSecond();
            return signer.order(request, market, worstPrice(request), 0, goodTilBlockTime);
        } catch (IllegalArgumentException e) {
            throw new OrderRejectedException(NAME, e.getMessage());
        }
    }

    /** The limit price; for a market IOC without one, the oracle moved by the configured slippage (its bound). */
    private BigDecimal worstPrice(OrderRequest request) {
        if (request.limitPrice() != null) {
            return request.limitPrice();
        }
        BigDecimal oracle = perpetualMarket(request.market()).oraclePrice();
        BigDecimal factor = request.side() == Side.BUY
                ? BigDecimal.ONE.add(config.marketSlippage())
                : BigDecimal.ONE.subtract(config.marketSlippage());
        return oracle.multiply(factor);
    }

    private void cancel(IndexerOrder order, ClientOrderId clientId) {
        int flags = Integer.parseInt(order.orderFlags());
        OrderId id = signer.orderId(Long.parseLong(order.clientId()), flags, Integer.parseInt(order.clobPairId()));
        boolean shortTerm = flags == DydxOrderIds.SHORT_TERM;
        long goodTilBlock = shortTerm ? latestHeight() + config.shortTermBlocks() : 0;
        // A stateful cancel must be good till no earlier than the order itself, and within the chain's window.
        long goodTilBlockTime = shortTerm ? 0
                : order.goodTilBlockTime() != null
                        ? Instant.parse(order.goodTilBlockTime()).getEpochSecond()
                        : clock.instant().plus(config.statefulOrderLifetime()).getEpochSecond();
        broadcast(clientId, !shortTerm, acct -> signer.cancelOrder(id, goodTilBlock, goodTilBlockTime, acct));
    }

    private Optional<IndexerOrder> indexerOrderByClientId(String market, ClientOrderId clientId) {
        int clobPairId = market(market).clobPairId();
        for (int flags : new int[] {DydxOrderIds.SHORT_TERM, DydxOrderIds.LONG_TERM}) {
            String id = DydxOrderIds.indexerOrderId(signer.address(), signer.subaccountNumber(), clientId.uint32(), clobPairId, flags);
            Optional<IndexerOrder> order = rest.find(indexerUrl("orders", id).build(), IndexerOrder.class);
            if (order.isPresent()) {
                return order;
            }
        }
        return Optional.empty();
    }

    /**
     * Signs with the cached account and broadcasts; see the class comment for how sequence and CheckTx codes are
     * handled.
     *
     * @param stateful whether the transaction consumes a sequence number
     */
    private void broadcast(ClientOrderId clientId, boolean stateful, java.util.function.Function<Account, SignedTx> sign) {
        synchronized (accountLock) {
            for (int attempt = 0; ; attempt++) {
                Account acct = account != null ? account : (account = fetchAccount());
                SignedTx tx = sign.apply(acct);
                TxResponse response;
                try {
                    response = rest.broadcast(broadcastUrl(), tx.txBase64(), clientId).txResponse();
                } catch (UnknownOutcomeException e) {
                    account = null;
                    throw e;
                }
                boolean sdk = response.codespace() == null || response.codespace().isEmpty() || "sdk".equals(response.codespace());
                if (response.code() == 0 || sdk && response.code() == 19) {
                    if (stateful) {
                        account = new Account(acct.accountNumber(), acct.sequence() + 1);
                    }
                    log.info("dydx: broadcast {} accepted for order {}", tx.txHash(), clientId);
                    return;
                }
                if (sdk && response.code() == 32 && attempt == 0) {
                    account = refreshedAccount(response.rawLog());
                    continue;
                }
                if (sdk && response.code() == 20) {
                    throw new VenueUnavailableException(NAME, "mempool is full: " + response.rawLog(), null);
                }
                throw new OrderRejectedException(NAME, "CheckTx code " + response.code()
                        + (response.codespace() == null || response.codespace().isEmpty() ? "" : " (" + response.codespace() + ")")
                        + ": " + response.rawLog());
            }
        }
    }

    /** After a sequence mismatch: the node's own account, or the sequence its error names if that is newer. */
    private Account refreshedAccount(String rawLog) {
        Account fetched = fetchAccount();
        Matcher m = rawLog == null ? null : SEQUENCE_MISMATCH.matcher(rawLog);
        if (m != null && m.find()) {
            long expected = Long.parseLong(m.group(1));
            if (expected > fetched.sequence()) {
                return new Account(fetched.accountNumber(), expected);
            }
        }
        return fetched;
    }

    private Account fetchAccount() {
        HttpUrl url = node.newBuilder().addPathSegments("cosmos/auth/v1beta1/accounts").addPathSegment(signer.address()).build();
        AccountResponse.Account a = rest.get(url, AccountResponse.class).account();
        return new Account(Long.parseLong(a.accountNumber()), Long.parseLong(a.sequence()));
    }

    private long latestHeight() {
        HttpUrl url = node.newBuilder().addPathSegments("cosmos/base/tendermint/v1beta1/blocks/latest").build();
        return Long.parseLong(rest.get(url, LatestBlockResponse.class).block().header().height());
    }

    private HttpUrl broadcastUrl() {
        return node.newBuilder().addPathSegments("cosmos/tx/v1beta1/txs").build();
    }

    private int maxLeverage(String ticker) {
        DydxMarket m = markets().get(DydxAdapters.market(ticker));
        return m == null ? 1 : m.instrument().maxLeverage();
    }

    private PerpetualMarket perpetualMarket(String market) {
        String ticker = DydxAdapters.ticker(market);
        HttpUrl url = indexerUrl("perpetualMarkets").addQueryParameter("ticker", ticker).build();
        PerpetualMarket m = rest.get(url, PerpetualMarketsResponse.class).markets().get(ticker);
        if (m == null) {
            throw new OrderRejectedException(NAME, "unknown market " + market);
        }
        return m;
    }

    private DydxMarket market(String market) {
        DydxMarket m = markets().get(market);
        if (m == null) {
            markets = null; // listed since the last load?
            m = markets().get(market);
        }
        if (m == null) {
            throw new OrderRejectedException(NAME, "unknown market " + market);
        }
        return m;
    }

    private Map<String, DydxMarket> markets() {
        Map<String, DydxMarket> loaded = markets;
        if (loaded == null) {
            Map<String, DydxMarket> byName = new LinkedHashMap<>();
            rest.get(indexerUrl("perpetualMarkets").build(), PerpetualMarketsResponse.class).markets().values()
                    .forEach(m -> byName.put(DydxAdapters.market(m.ticker()), DydxAdapters.market(m)));
            loaded = java.util.Collections.unmodifiableMap(byName);
            markets = loaded;
        }
        return loaded;
    }

    private HttpUrl.Builder indexerUrl(String... segments) {
        HttpUrl.Builder b = indexer.newBuilder();
        for (String s : segments) {
            b.addPathSegment(s);
        }
        return b;
    }
}
