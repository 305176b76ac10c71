package io.yielddelta.keeper.core.venue;

/**
 * A request may or may not have taken effect (for example the connection dropped after the order was sent). Never
 * retried blindly: the order is looked up by its client id until the outcome is known.
 */
public final class UnknownOutcomeException extends VenueException {
    private final ClientOrderId clientId;

    public UnknownOutcomeException(String venue, ClientOrderId clientId, Throwable cause) {
        super(venue, "outcome unknown for order " + clientId, cause);
        this.clientId = clientId;
    }

    public ClientOrderId clientId() {
        return clientId;
    }
}
