package io.yielddelta.keeper.core.venue;

/** The venue could not be reached or answered 5xx before acting: safe to retry or to fail over. */
public final class VenueUnavailableException extends VenueException {
    public VenueUnavailableException(String venue, String message, Throwable cause) {
        super(venue, "unavailable: " + message, cause);
    }
}
