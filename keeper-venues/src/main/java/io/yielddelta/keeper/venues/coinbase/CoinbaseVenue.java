package io.yielddelta.keeper.venues.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import io.yielddelta.keeper.core.venue.Fill;
import io.yielddelta.keeper.core.venue.FundingRate;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.Margin;
import io.yielddelta.keeper.core.venue.MarkPrice;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.venues.FillFeed;
import io.yielddelta.keeper.venues.VenueFront;
import io.yielddelta.keeper.venues.VenueOrders;
import io.yielddelta.keeper.venues.coinbase.dto.Product;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * Coinbase Advanced Trade behind {@link HedgeVenue}: perpetual-style futures on the US derivatives book (CFM) or
 * perpetuals on Coinbase International (INTX), chosen by {@link CoinbaseConfig#derivatives()}. The front over
 * {@link CoinbaseProducts} (market data), {@link CoinbaseTrading} (orders) and {@link CoinbaseAccount} (positions,
 * margin, fills, leverage), all speaking the raw API through {@link CoinbaseRestClient} and {@link CoinbaseRequests};
 * one WebSocket ({@link CoinbaseStream}) carries prices and the account's order updates.
 */
public final class CoinbaseVenue extends VenueFront {

    private final CoinbaseStream stream;
    private final Clock clock;
    private final CoinbaseProducts products;
    private final CoinbaseAccount account;
    private final CoinbaseTrading trading;
    private FillFeed fillFeed;

    public CoinbaseVenue(CoinbaseConfig config, CdpKey key, OkHttpClient http, Clock clock) {
        this.clock = clock;
        CdpJwtSigner signer = new CdpJwtSigner(key, clock);
        CoinbaseRestClient rest = new CoinbaseRestClient(
                http, config.requestTimeout(), config.restUrl(), config.jwtHost(), signer, clock);
        this.stream = new CoinbaseStream(http, config.wsUrl(), signer, config.reconnectDelay(), config.staleAfter());
        this.products = new CoinbaseProducts(config, rest);
        this.account = new CoinbaseAccount(config, rest, products);
        this.trading = new CoinbaseTrading(config, rest, signer, products, account);
    }

    @Override
    public String name() {
        return CoinbaseRestClient.VENUE;
    }

    @Override
    public List<Instrument> instruments() {
        return products.instruments();
    }

    @Override
    public Instrument instrument(String market) {
        return products.instrument(market);
    }

    @Override
    public MarkPrice markPrice(String market) {
        Product product = products.product(market, true);
        return new MarkPrice(market, CoinbaseAdapters.decimal(product.price()), null, clock.instant());
    }

    /** Coinbase's perpetuals fund hourly, so the published rate is already per hour. */
    @Override
    public FundingRate fundingRate(String market) {
        Product product = products.product(market, true);
        var details = product.futureProductDetails() == null
                ? null
                : product.futureProductDetails().perpetualDetails();
        if (details == null || details.fundingRate() == null) {
            throw new OrderRejectedException(name(), product.productId() + " publishes no funding rate");
        }
        Instant time = details.fundingTime() == null ? clock.instant() : Instant.parse(details.fundingTime());
        return new FundingRate(market, new BigDecimal(details.fundingRate()), time);
    }

    @Override
    protected VenueOrders orders() {
        return trading;
    }

    @Override
    public List<Position> positions() {
        return account.positions();
    }

    @Override
    public Margin margin() {
        return account.margin();
    }

    @Override
    public List<Fill> fillsSince(Instant since) {
        return account.fillsSince(since);
    }

    @Override
    public Subscription subscribeMarkPrices(String market, Consumer<MarkPrice> listener) {
        String productId = products.productId(market);
        return stream.subscribe("ticker", List.of(productId), message -> {
            Instant time = message.hasNonNull("timestamp")
                    ? Instant.parse(message.get("timestamp").asText())
                    : clock.instant();
            for (JsonNode event : message.path("events")) {
                for (JsonNode ticker : event.path("tickers")) {
                    if (productId.equals(ticker.path("product_id").asText()) && ticker.hasNonNull("price")) {
                        listener.accept(new MarkPrice(
                                market, new BigDecimal(ticker.get("price").asText()), null, time));
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
                        BigDecimal cumulative =
                                new BigDecimal(order.path("cumulative_quantity").asText("0"));
                        String orderId = order.path("order_id").asText();
                        BigDecimal before = cumulative.signum() > 0 && isDone(order)
                                ? filledByOrder.remove(orderId)
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
        return status.equals("FILLED")
                || status.equals("CANCELLED")
                || status.equals("EXPIRED")
                || status.equals("FAILED");
    }

    @Override
    public void close() {
        stream.close();
    }
}
