package io.yielddelta.keeper.venues.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HyperliquidRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final List<Duration> sleeps = new ArrayList<>();
    private final HyperliquidRateLimiter limiter = new HyperliquidRateLimiter(1200, nanos::get, d -> {
        sleeps.add(d);
        nanos.addAndGet(d.toNanos());
    });

    @Test
    void documentedWeights() {
        assertThat(HyperliquidRateLimiter.exchangeWeight(1)).isEqualTo(1);
        assertThat(HyperliquidRateLimiter.exchangeWeight(39)).isEqualTo(1);
        assertThat(HyperliquidRateLimiter.exchangeWeight(40)).isEqualTo(2);
        assertThat(HyperliquidRateLimiter.exchangeWeight(79)).isEqualTo(2);
        assertThat(HyperliquidRateLimiter.infoWeight("l2Book")).isEqualTo(2);
        assertThat(HyperliquidRateLimiter.infoWeight("orderStatus")).isEqualTo(2);
        assertThat(HyperliquidRateLimiter.infoWeight("clearinghouseState")).isEqualTo(2);
        assertThat(HyperliquidRateLimiter.infoWeight("meta")).isEqualTo(20);
        assertThat(HyperliquidRateLimiter.infoWeight("userFillsByTime")).isEqualTo(20);
        assertThat(HyperliquidRateLimiter.infoWeight("userRole")).isEqualTo(60);
        assertThat(HyperliquidRateLimiter.infoResponseWeight("userFills", 45)).isEqualTo(2);
        assertThat(HyperliquidRateLimiter.infoResponseWeight("meta", 45)).isZero();
    }

    @Test
    void aMinutesBudgetPassesThenRequestsWaitForTheRefill() {
        for (int i = 0; i < 60; i++) {
            limiter.acquire(20); // 60 × 20 = 1,200: the whole minute's budget
        }
        assertThat(sleeps).isEmpty();
        limiter.acquire(20); // refills at 20 per second
        assertThat(sleeps).hasSize(1);
        assertThat(sleeps.getFirst()).isEqualTo(Duration.ofSeconds(1));
        assertThat(limiter.waitFor(2)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void chargedResponseWeightDelaysTheNextRequest() {
        limiter.acquire(1200);
        nanos.addAndGet(Duration.ofSeconds(60).toNanos());
        limiter.charge(600);
        assertThat(limiter.waitFor(1200)).isEqualTo(Duration.ofSeconds(30));
    }
}
