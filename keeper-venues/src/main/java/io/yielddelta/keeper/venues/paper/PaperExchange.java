package io.yielddelta.keeper.venues.paper;

import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.Fill;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderStatus;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.core.venue.VenueOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The paper venue's order book and matching: taking orders fill at once at the mark moved by the slippage against
 * the taker (never beyond their limit) and pay the taker fee; resting limit orders fill at their limit, as makers,
 * when a mark crosses them; reduce-only orders never fill past flat. Fills go to the account and to the listeners, on
 * the caller's thread. Not thread-safe: the venue holds its lock around every call.
 */
final class PaperExchange {

    private final String venue;
    private final PaperConfig config;
    private final PaperAccount account;
    private final Map<String, PaperOrder> ordersById = new LinkedHashMap<>();
    private final Map<ClientOrderId, PaperOrder> ordersByClientId = new LinkedHashMap<>();
    /** The orders not yet filled or canceled: what a mark can fill, kept apart so marks cost O(open) (backtests). */
    private final Map<String, PaperOrder> working = new LinkedHashMap<>();

    private final List<Fill> fills = new ArrayList<>();
    private final List<Consumer<Fill>> fillListeners = new CopyOnWriteArrayList<>();
    private long nextOrder = 1;
    private long nextFill = 1;

    PaperExchange(String venue, PaperConfig config, PaperAccount account) {
        this.venue = venue;
        this.config = config;
        this.account = account;
    }

    /** The order already placed under this client id, in any market (placing it again returns it). */
    Optional<VenueOrder> placed(ClientOrderId clientId) {
        return Optional.ofNullable(ordersByClientId.get(clientId)).map(PaperOrder::snapshot);
    }

    /** Places a new order at {@code now}, against the market's current {@code mark}. */
    VenueOrder place(OrderRequest request, Instrument instrument, BigDecimal mark, Instant now) {
        PaperPosition position = account.position(request.market());
        if (request.reduceOnly() && !reduces(position.size, request.side(), request.size())) {
            throw new OrderRejectedException(
                    venue,
                    "reduce-only " + request.side() + " " + request.size().toPlainString() + " " + request.market()
                            + " would not reduce the position of " + position.size.toPlainString());
        }
        boolean crosses = request.limitPrice() != null && crosses(request.side(), request.limitPrice(), mark);
        if (request.type() == OrderType.POST_ONLY && crosses) {
            throw new OrderRejectedException(
                    venue,
                    "post-only " + request.side() + " at "
                            + request.limitPrice().toPlainString() + " would cross the mark " + mark.toPlainString());
        }
        if (request.size().compareTo(instrument.lotSize()) < 0) {
            throw new OrderRejectedException(
                    venue,
                    "size " + request.size().toPlainString() + " is below the lot size "
                            + instrument.lotSize().toPlainString());
        }
        if (!request.reduceOnly()) {
            account.checkMargin(request, working.values());
        }

        PaperOrder order = new PaperOrder("paper-" + nextOrder++, request);
        ordersById.put(order.id, order);
        ordersByClientId.put(request.clientId(), order);
        if (request.type() == OrderType.MARKET_IOC || crosses) {
            BigDecimal price = takerPrice(request.side(), mark);
            if (request.limitPrice() != null && worse(request.side(), price, request.limitPrice())) {
                price = request.limitPrice(); // slippage never goes beyond the order's own limit
            }
            BigDecimal filledBefore = order.filled;
            execute(order, order.remaining(), price, config.takerFeeBps(), now);
            account.paySlippage(order.filled
                    .subtract(filledBefore)
                    .multiply(price.subtract(mark).abs()));
            if (request.type() == OrderType.MARKET_IOC && order.status != OrderStatus.FILLED) {
                order.status = OrderStatus.CANCELED;
            }
        }
        if (!order.status.isTerminal()) {
            working.put(order.id, order);
        }
        return order.snapshot();
    }

    /** The mark moved: resting buys at or above it and sells at or below it fill at their limit, as makers. */
    void matchResting(String market, BigDecimal mark, Instant now) {
        for (PaperOrder order : List.copyOf(working.values())) {
            if (order.request.market().equals(market)
                    && !order.status.isTerminal()
                    && crosses(order.request.side(), order.request.limitPrice(), mark)) {
                execute(order, order.remaining(), order.request.limitPrice(), config.makerFeeBps(), now);
            }
        }
    }

    void cancel(String market, String venueOrderId) {
        PaperOrder order = ordersById.get(venueOrderId);
        if (order == null || !order.request.market().equals(market)) {
            throw new OrderRejectedException(venue, "no " + market + " order " + venueOrderId);
        }
        if (order.status.isTerminal()) {
            throw new OrderRejectedException(venue, "order " + venueOrderId + " is already " + order.status);
        }
        order.status = OrderStatus.CANCELED;
        working.remove(order.id);
    }

    void cancelByClientId(String market, ClientOrderId clientId) {
        PaperOrder order = ordersByClientId.get(clientId);
        if (order == null) {
            throw new OrderRejectedException(venue, "no " + market + " order with client id " + clientId);
        }
        cancel(market, order.id);
    }

    Optional<VenueOrder> orderByVenueId(String market, String venueOrderId) {
        return Optional.ofNullable(ordersById.get(venueOrderId))
                .filter(o -> o.request.market().equals(market))
                .map(PaperOrder::snapshot);
    }

    Optional<VenueOrder> orderByClientId(String market, ClientOrderId clientId) {
        return Optional.ofNullable(ordersByClientId.get(clientId))
                .filter(o -> o.request.market().equals(market))
                .map(PaperOrder::snapshot);
    }

    List<VenueOrder> openOrders() {
        return working.values().stream().map(PaperOrder::snapshot).toList();
    }

    List<Fill> fillsSince(Instant since) {
        return fills.stream().filter(f -> !f.time().isBefore(since)).toList();
    }

    HedgeVenue.Subscription subscribeFills(Consumer<Fill> listener) {
        fillListeners.add(listener);
        return () -> fillListeners.remove(listener);
    }

    private void execute(PaperOrder order, BigDecimal size, BigDecimal price, BigDecimal feeBps, Instant now) {
        PaperPosition position = account.position(order.request.market());
        if (order.request.reduceOnly()) {
            // Never past flat: a resting reduce-only order shrinks with the position it reduces.
            boolean opposite = position.size.signum()
                    == -HedgeVenue.signed(order.request.side(), BigDecimal.ONE).signum();
            BigDecimal reducible = opposite ? size.min(position.size.abs()) : BigDecimal.ZERO;
            if (reducible.signum() == 0) {
                order.status = OrderStatus.CANCELED;
                working.remove(order.id);
                return;
            }
            size = reducible;
        }
        BigDecimal fee = account.trade(order.request.market(), order.request.side(), size, price, feeBps);
        order.fill(size, price);
        Fill fill = new Fill(
                "paper-fill-" + nextFill++,
                order.id,
                order.request.clientId(),
                order.request.market(),
                order.request.side(),
                size,
                price,
                fee,
                now);
        fills.add(fill);
        fillListeners.forEach(l -> l.accept(fill));
        if (order.request.reduceOnly() && order.status != OrderStatus.FILLED && position.size.signum() == 0) {
            order.status = OrderStatus.CANCELED;
        }
        if (order.status.isTerminal()) {
            working.remove(order.id);
        }
    }

    private BigDecimal takerPrice(Side side, BigDecimal mark) {
        BigDecimal slip = config.slippageBps().multiply(PaperAccount.BPS);
        return mark.multiply(side == Side.BUY ? BigDecimal.ONE.add(slip) : BigDecimal.ONE.subtract(slip));
    }

    /** A buy at {@code limit} crosses a {@code price} at or below it; a sell one at or above it. */
    private static boolean crosses(Side side, BigDecimal limit, BigDecimal price) {
        return side == Side.BUY ? limit.compareTo(price) >= 0 : limit.compareTo(price) <= 0;
    }

    /** For a buy, a price above the limit; for a sell, below it. */
    private static boolean worse(Side side, BigDecimal price, BigDecimal limit) {
        return side == Side.BUY ? price.compareTo(limit) > 0 : price.compareTo(limit) < 0;
    }

    private static boolean reduces(BigDecimal position, Side side, BigDecimal size) {
        BigDecimal signed = HedgeVenue.signed(side, size);
        return position.signum() != 0 && signed.signum() == -position.signum() && size.compareTo(position.abs()) <= 0;
    }
}
