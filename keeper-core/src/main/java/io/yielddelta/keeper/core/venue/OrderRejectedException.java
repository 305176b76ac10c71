package io.yielddelta.keeper.core.venue;

/** The venue understood the request and refused it; {@code reason} is the venue's own words. Not retried as is. */
public final class OrderRejectedException extends VenueException {
    private final String reason;

    public OrderRejectedException(String venue, String reason) {
        super(venue, "rejected: " + reason, null);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
