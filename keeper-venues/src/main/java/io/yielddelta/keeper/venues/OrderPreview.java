package io.yielddelta.keeper.venues;

import io.yielddelta.keeper.core.venue.OrderRequest;

/** A venue client that can show the exact order request it would send, without sending it. */
public interface OrderPreview {

    /** @param nonce the venue's nonce or timestamp to sign with, so the output is reproducible */
    PreparedRequest previewOrder(OrderRequest request, long nonce);
}
