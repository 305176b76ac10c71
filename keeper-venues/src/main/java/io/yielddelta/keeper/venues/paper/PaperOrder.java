package io.yielddelta.keeper.venues.paper;

import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderStatus;
import io.yielddelta.keeper.core.venue.VenueOrder;
import java.math.BigDecimal;

/** An order on the paper venue: its request, what has filled and at what notional, and its status. */
final class PaperOrder {

    final String id;
    final OrderRequest request;
    BigDecimal filled = BigDecimal.ZERO;
    BigDecimal notional = BigDecimal.ZERO;
    OrderStatus status = OrderStatus.OPEN;

    PaperOrder(String id, OrderRequest request) {
        this.id = id;
        this.request = request;
    }

    BigDecimal remaining() {
        return request.size().subtract(filled);
    }

    void fill(BigDecimal size, BigDecimal price) {
        filled = filled.add(size);
        notional = notional.add(size.multiply(price));
        status = filled.compareTo(request.size()) >= 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
    }

    VenueOrder snapshot() {
        BigDecimal average = filled.signum() == 0 ? null : notional.divide(filled, PaperAccount.PRICE_MATH);
        return new VenueOrder(
                id,
                request.clientId(),
                request.market(),
                request.side(),
                request.size(),
                filled,
                average,
                request.limitPrice(),
                status,
                request.reduceOnly());
    }
}
