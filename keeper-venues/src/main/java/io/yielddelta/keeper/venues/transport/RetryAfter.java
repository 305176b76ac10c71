package io.yielddelta.keeper.venues.transport;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.UnaryOperator;

/**
 * How long a venue asked the keeper to wait after a 429: {@code Retry-After} as (decimal) seconds or an HTTP date,
 * else {@code x-ratelimit-reset} as epoch seconds or seconds from now, else one second. A wait that is already over
 * counts as the default, so a rate-limited keeper never retries at once.
 */
public final class RetryAfter {

    static final Duration DEFAULT = Duration.ofSeconds(1);
    private static final long EPOCH_SECONDS_FROM = 1_000_000_000L;

    private RetryAfter() {}

    /** @param headers the response's header values by name (null when absent) */
    public static Duration of(UnaryOperator<String> headers, Instant now) {
        String retryAfter = headers.apply("Retry-After");
        if (retryAfter != null && !retryAfter.isBlank()) {
            try {
                return positive(Duration.ofMillis(Math.round(Double.parseDouble(retryAfter.strip()) * 1000)));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(retryAfter.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                            .toInstant();
                    return positive(Duration.between(now, at));
                } catch (DateTimeParseException notDate) {
                    // the other header, or the default
                }
            }
        }
        String reset = headers.apply("x-ratelimit-reset");
        if (reset != null && !reset.isBlank()) {
            try {
                long value = Long.parseLong(reset.strip());
                return positive(
                        value > EPOCH_SECONDS_FROM
                                ? Duration.between(now, Instant.ofEpochSecond(value))
                                : Duration.ofSeconds(value));
            } catch (NumberFormatException ignored) {
                // the default
            }
        }
        return DEFAULT;
    }

    private static Duration positive(Duration wait) {
        return wait.isNegative() || wait.isZero() ? DEFAULT : wait;
    }
}
