package io.yielddelta.keeper.venues.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with jitter: before try {@code n + 1} after {@code n} failures in a row, wait
 * {@code first · 2^(n-1)} capped at {@code max}, of which a random half is dropped ("equal jitter"), so that keepers
 * hitting the same outage do not come back in step. Used for read retries and stream reconnects alike.
 */
public record Backoff(Duration first, Duration max) {

    public Backoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= first (" + first + ") <= max (" + max + ")");
        }
    }

    /** The wait after {@code failures} failures in a row (1 for the first). */
    public Duration after(int failures) {
        long capped = Math.min(max.toMillis(), first.toMillis() << Math.min(Math.max(failures - 1, 0), 20));
        long half = capped / 2;
        return Duration.ofMillis(capped - half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
