package io.yielddelta.keeper.core.hedge;

import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.OrderRequest;
import java.time.Instant;
import java.util.Objects;

/** A hedge order as journaled before it is sent. */
public record HedgeIntent(String vault, String venue, OrderRequest request, Instant decidedAt) {
    public HedgeIntent {
        Objects.requireNonNull(vault, "vault");
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }

    public ClientOrderId clientId() {
        return request.clientId();
    }
}
