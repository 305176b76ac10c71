package io.yielddelta.keeper.venues;

import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.VenueOrder;
import java.util.List;
import java.util.Optional;

/**
 * The front of a venue reached over the wire: {@link HedgeVenue}'s order methods go to the venue's
 * {@link VenueOrders}; market data, account state and streams are the venue's own.
 */
public abstract class VenueFront implements HedgeVenue, OrderPreview {

    /** The venue's order side. */
    protected abstract VenueOrders orders();

    @Override
    public final VenueOrder place(OrderRequest request) {
        return orders().place(request);
    }

    @Override
    public final PreparedRequest previewOrder(OrderRequest request, long nonce) {
        return orders().preview(request, nonce);
    }

    @Override
    public final void cancel(String market, String venueOrderId) {
        orders().cancel(market, venueOrderId);
    }

    @Override
    public final void cancelByClientId(String market, ClientOrderId clientId) {
        orders().cancelByClientId(market, clientId);
    }

    @Override
    public final Optional<VenueOrder> orderByVenueId(String market, String venueOrderId) {
        return orders().orderByVenueId(market, venueOrderId);
    }

    @Override
    public final Optional<VenueOrder> orderByClientId(String market, ClientOrderId clientId) {
        return orders().orderByClientId(market, clientId);
    }

    @Override
    public final List<VenueOrder> openOrders() {
        return orders().openOrders();
    }

    @Override
    public final void setLeverage(String market, int leverage) {
        orders().setLeverage(market, leverage);
    }
}
