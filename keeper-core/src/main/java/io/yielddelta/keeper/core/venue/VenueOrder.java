package io.yielddelta.keeper.core.venue;

import java.math.BigDecimal;

/**
 * An order as the venue reports it. {@code clientId} is null for an order the keeper did not place (or whose client
 * id the venue does not echo); {@code averageFillPrice} is null until something fills.
 */
public record VenueOrder(
        String venueOrderId,
        ClientOrderId clientId,
        String market,
        Side side,
        BigDecimal size,
        BigDecimal filledSize,
        BigDecimal averageFillPrice,
        BigDecimal limitPrice,
        OrderStatus status,
        boolean reduceOnly) {

    public BigDecimal remainingSize() {
        return size.subtract(filledSize);
    }
}
