package io.yielddelta.keeper.core.venue;

import java.time.Duration;

/** The venue asked the keeper to slow down; retry after {@code retryAfter}. */
public final class RateLimitedException extends VenueException {
    private final Duration retryAfter;

    public RateLimitedException(String venue, Duration retryAfter) {
        super(venue, "rate limited, retry after " + retryAfter.toMillis() + " ms", null);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
