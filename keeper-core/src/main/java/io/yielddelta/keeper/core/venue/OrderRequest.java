package io.yielddelta.keeper.core.venue;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order as the keeper means it. {@code limitPrice} is required for limit orders and, for market orders, is the
 * worst acceptable price (venues without true market orders use it as the IOC limit); it may be null for a market
 * order on a venue that has native market orders.
 */
public record OrderRequest(
        String market,
        Side side,
        BigDecimal size,
        BigDecimal limitPrice,
        OrderType type,
        boolean reduceOnly,
        ClientOrderId clientId) {

    public OrderRequest {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(clientId, "clientId");
        if (size == null || size.signum() <= 0) {
            throw new IllegalArgumentException("order size must be positive, was " + size);
        }
        if (type != OrderType.MARKET_IOC && limitPrice == null) {
            throw new IllegalArgumentException(type + " order needs a limit price");
        }
        if (limitPrice != null && limitPrice.signum() <= 0) {
            throw new IllegalArgumentException("limit price must be positive, was " + limitPrice);
        }
    }
}
