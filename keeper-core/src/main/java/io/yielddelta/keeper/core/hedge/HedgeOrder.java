package io.yielddelta.keeper.core.hedge;

import io.yielddelta.keeper.core.venue.OrderRequest;
import java.util.Objects;

/** One leg of a hedge plan: an order and the venue it goes to. */
public record HedgeOrder(String venue, OrderRequest request) {
    public HedgeOrder {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(request, "request");
    }
}
