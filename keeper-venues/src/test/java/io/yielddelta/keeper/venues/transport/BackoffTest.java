package io.yielddelta.keeper.venues.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    @RepeatedTest(20)
    void growsExponentiallyWithJitterUpToTheCap() {
        for (int failures = 1; failures <= 8; failures++) {
            long full = Math.min(2_000, 100L << (failures - 1));
            assertThat(backoff.after(failures).toMillis()).isBetween(full - full / 2, full);
        }
        assertThat(backoff.after(1_000).toMillis()).isBetween(1_000L, 2_000L);
    }

    @Test
    void jitterSpreadsTheWaits() {
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToLong(i -> backoff.after(5).toMillis())
                .distinct()
                .count();
        assertThat(distinct).isGreaterThan(1);
    }

    @Test
    void refusesACapBelowTheFirstWait() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryAfterReadsSecondsDatesAndTheResetHeader() {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");
        assertThat(RetryAfter.of(Map.of("Retry-After", "7")::get, now)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.of(Map.of("Retry-After", "0.5")::get, now)).isEqualTo(Duration.ofMillis(500));
        assertThat(RetryAfter.of(Map.of("Retry-After", "Mon, 23 Nov 2026 12:00:30 GMT")::get, now))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.of(Map.of("x-ratelimit-reset", Long.toString(now.getEpochSecond() + 9))::get, now))
                .isEqualTo(Duration.ofSeconds(9));
        assertThat(RetryAfter.of(Map.of("x-ratelimit-reset", "4")::get, now)).isEqualTo(Duration.ofSeconds(4));
        assertThat(RetryAfter.of(Map.<String, String>of()::get, now))
                .as("nothing said")
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryAfter.of(Map.of("Retry-After", "Mon, 23 Nov 2026 11:00:00 GMT")::get, now))
                .as("already over")
                .isEqualTo(Duration.ofSeconds(1));
    }
}
