package io.yielddelta.keeper.venues.hyperliquid;

import java.time.Duration;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Client-side budget for Hyperliquid's REST limit of 1,200 weight per minute per IP, so the keeper slows itself down
 * instead of collecting 429s. A token bucket holding a minute's weight, refilled continuously.
 *
 * <p>Documented weights: an exchange action weighs {@code 1 + floor(batchLength / 40)}; an info request weighs 2 for
 * l2Book, allMids, clearinghouseState, orderStatus, spotClearinghouseState and exchangeStatus, 60 for userRole and 20
 * for every other type. Responses listing fills, funding and the like weigh 1 more per 20 items returned; that extra is
 * charged after the response through {@link #charge(int)}.
 */
public final class HyperliquidRateLimiter {

    private static final int WEIGHT_PER_MINUTE = 1200;

    private static final Set<String> LIGHT_INFO_TYPES = Set.of(
            "l2Book", "allMids", "clearinghouseState", "orderStatus", "spotClearinghouseState", "exchangeStatus");
    private static final Set<String> ITEM_WEIGHTED_INFO_TYPES = Set.of(
            "recentTrades",
            "historicalOrders",
            "userFills",
            "userFillsByTime",
            "fundingHistory",
            "userFunding",
            "nonUserFundingUpdates",
            "twapHistory",
            "userTwapSliceFills",
            "userTwapSliceFillsByTime");
    private static final long NANOS_PER_MINUTE = Duration.ofMinutes(1).toNanos();

    /** Waits; a test passes one that advances its fake clock. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final double capacity;
    private double available;
    private long lastRefill;

    HyperliquidRateLimiter(int weightPerMinute, LongSupplier nanoTime, Sleeper sleeper) {
        this.capacity = weightPerMinute;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.available = weightPerMinute;
        this.lastRefill = nanoTime.getAsLong();
    }

    public static HyperliquidRateLimiter standard() {
        return new HyperliquidRateLimiter(WEIGHT_PER_MINUTE, System::nanoTime, d -> Thread.sleep(d));
    }

    static int exchangeWeight(int batchLength) {
        return 1 + batchLength / 40;
    }

    static int infoWeight(String type) {
        if (LIGHT_INFO_TYPES.contains(type)) {
            return 2;
        }
        return "userRole".equals(type) ? 60 : 20;
    }

    /** Extra weight of an info response with {@code items} entries (1 per 20 items for list-type requests). */
    static int infoResponseWeight(String type, int items) {
        return ITEM_WEIGHTED_INFO_TYPES.contains(type) ? items / 20 : 0;
    }

    /** Blocks until {@code weight} is available, then takes it. */
    void acquire(int weight) {
        while (true) {
            Duration wait;
            synchronized (this) {
                refill();
                if (available >= weight || available >= capacity) {
                    available -= weight;
                    return;
                }
                wait = Duration.ofNanos((long) Math.ceil((weight - available) * NANOS_PER_MINUTE / capacity));
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Hyperliquid rate-limit budget", e);
            }
        }
    }

    /** Takes weight without waiting (the budget may go negative), for weight known only after a response. */
    synchronized void charge(int weight) {
        refill();
        available -= weight;
    }

    /** How long a request of this weight would wait now; zero if it would pass. */
    synchronized Duration waitFor(int weight) {
        refill();
        return available >= weight
                ? Duration.ZERO
                : Duration.ofNanos((long) Math.ceil((weight - available) * NANOS_PER_MINUTE / capacity));
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        available = Math.min(capacity, available + (now - lastRefill) * capacity / NANOS_PER_MINUTE);
        lastRefill = now;
    }
}
