package io.yielddelta.keeper.core.venue;

/**
 * The few kinds of venue failure the keeper reacts to differently. Messages name the venue and what it said; they
 * never carry keys, signatures or authorisation headers.
 */
public sealed class VenueException extends RuntimeException
        permits OrderRejectedException, RateLimitedException, VenueUnavailableException, UnknownOutcomeException {

    private final String venue;

    protected VenueException(String venue, String message, Throwable cause) {
        super(venue + ": " + message, cause);
        this.venue = venue;
    }

    public String venue() {
        return venue;
    }
}
