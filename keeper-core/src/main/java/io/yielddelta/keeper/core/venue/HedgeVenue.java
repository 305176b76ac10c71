package io.yielddelta.keeper.core.venue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A perpetual-futures venue the keeper hedges on. Every implementation (Hyperliquid, dYdX v4, Coinbase, paper) speaks
 * the venue's own API underneath and maps its errors onto the {@link VenueException} family, so the hedging and risk
 * code above never sees a venue-specific type.
 *
 * <p>Markets are named the keeper's way ({@code "ETH"}, {@code "BTC"}); the adapter maps them to the venue's symbols.
 * Sizes are in base-asset units, signed only in {@link Position#size()} (positive = long).
 */
public interface HedgeVenue extends AutoCloseable {

    /** Short lower-case venue name used in configuration, logs and metric tags, e.g. {@code hyperliquid}. */
    String name();

    List<Instrument> instruments();

    /** @throws OrderRejectedException if the venue does not list the market */
    Instrument instrument(String market);

    MarkPrice markPrice(String market);

    /** The venue's current (predicted or last) funding rate for the market. */
    FundingRate fundingRate(String market);

    /**
     * Places an order. A response that is lost on the way back raises {@link UnknownOutcomeException}: the caller must
     * then look the order up by {@link OrderRequest#clientId()}, never place it again blindly.
     */
    VenueOrder place(OrderRequest request);

    void cancel(String market, String venueOrderId);

    void cancelByClientId(String market, ClientOrderId clientId);

    Optional<VenueOrder> orderByVenueId(String market, String venueOrderId);

    Optional<VenueOrder> orderByClientId(String market, ClientOrderId clientId);

    List<VenueOrder> openOrders();

    List<Position> positions();

    Margin margin();

    void setLeverage(String market, int leverage);

    /** The account's own fills at or after {@code since}, oldest first. */
    List<Fill> fillsSince(Instant since);

    /** Streams mark prices for a market until the subscription is closed. */
    Subscription subscribeMarkPrices(String market, Consumer<MarkPrice> listener);

    /**
     * Streams the account's own fills. A stream that drops and reconnects must reconcile through REST, so that fills
     * made while it was down still reach the listener (once each).
     */
    Subscription subscribeFills(Consumer<Fill> listener);

    @Override
    void close();

    /** A live stream; closing it unsubscribes. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** Signed position size helper: {@code BUY} adds, {@code SELL} subtracts. */
    static BigDecimal signed(Side side, BigDecimal size) {
        return side == Side.BUY ? size : size.negate();
    }
}
