package io.yielddelta.keeper.venues;

import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.VenueOrder;
import java.util.List;
import java.util.Optional;

/**
 * A venue's order side (XChange's trade service): placing, previewing, cancelling and finding orders, and the
 * leverage orders are placed with. A {@link VenueFront} answers {@link HedgeVenue}'s order methods with it.
 */
public interface VenueOrders {

    /** @see HedgeVenue#place */
    VenueOrder place(OrderRequest request);

    /** @see OrderPreview#previewOrder */
    PreparedRequest preview(OrderRequest request, long nonce);

    void cancel(String market, String venueOrderId);

    void cancelByClientId(String market, ClientOrderId clientId);

    Optional<VenueOrder> orderByVenueId(String market, String venueOrderId);

    Optional<VenueOrder> orderByClientId(String market, ClientOrderId clientId);

    List<VenueOrder> openOrders();

    void setLeverage(String market, int leverage);
}
