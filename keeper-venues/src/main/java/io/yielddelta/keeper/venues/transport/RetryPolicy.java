package io.yielddelta.keeper.venues.transport;

import java.util.Objects;

/**
 * The venues' one retry policy. A read (market data, account state, an order looked up) that finds the venue
 * unavailable is tried again, up to {@code readAttempts} tries in all, after the {@link Backoff}. An action (order,
 * cancel, broadcast) is never retried here: once it may have reached the venue its outcome is settled by looking the
 * order up, never by sending it again. With {@code holdAfterRateLimit} nothing is sent after a 429 until the venue's
 * Retry-After has passed (Coinbase counts refused calls against the limit).
 */
public record RetryPolicy(int readAttempts, Backoff backoff, boolean holdAfterRateLimit) {

    public static final RetryPolicy STANDARD =
            new RetryPolicy(3, new Backoff(java.time.Duration.ofMillis(100), java.time.Duration.ofSeconds(2)), false);

    public RetryPolicy {
        Objects.requireNonNull(backoff, "backoff");
        if (readAttempts < 1) {
            throw new IllegalArgumentException("readAttempts must be at least 1, was " + readAttempts);
        }
    }

    public RetryPolicy holdingAfterRateLimit() {
        return new RetryPolicy(readAttempts, backoff, true);
    }
}
