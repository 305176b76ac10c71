package io.yielddelta.keeper.core.hedge;

import java.time.Duration;

/**
 * When the router leaves the primary venue and when it tries it again.
 *
 * @param unavailableFor      the primary has failed (unreachable, 5xx, rate limited) without a success for this long
 * @param maxConsecutiveRejects the primary refused this many orders in a row
 * @param probeInterval       while on the secondary, how often the primary is tried again
 */
public record FailoverSettings(Duration unavailableFor, int maxConsecutiveRejects, Duration probeInterval) {
    /** For a router without a secondary, or whose venues are never down (backtests). */
    public static final FailoverSettings NEVER =
            new FailoverSettings(Duration.ofDays(3650), Integer.MAX_VALUE, Duration.ofDays(3650));

    public FailoverSettings {
        if (unavailableFor == null
                || unavailableFor.isNegative()
                || probeInterval == null
                || probeInterval.isNegative()) {
            throw new IllegalArgumentException("unavailableFor and probeInterval must not be negative");
        }
        if (maxConsecutiveRejects < 1) {
            throw new IllegalArgumentException("maxConsecutiveRejects must be at least 1");
        }
    }
}
