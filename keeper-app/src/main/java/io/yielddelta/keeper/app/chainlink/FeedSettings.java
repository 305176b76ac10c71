package io.yielddelta.keeper.app.chainlink;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A vault's Chainlink feed: the independent price its pool is checked against before a rebalance is signed.
 *
 * @param feed            the {@code AggregatorV3Interface} contract, lower-case {@code 0x} hex
 * @param baseIsToken0    whether the feed prices the pool's token0 (in the other token's currency, USD taken as the
 *                        stablecoin's); false when it prices token1
 * @param token0Decimals  the pool's token0 decimals
 * @param token1Decimals  the pool's token1 decimals
 * @param maxAge          an answer updated longer ago than this (in chain time) is stale
 * @param maxDeviationBps the most the pool's TWAP price, the feed and the hedge venue's mark may spread, in basis points
 *                        of the lowest
 */
public record FeedSettings(
        String feed,
        boolean baseIsToken0,
        int token0Decimals,
        int token1Decimals,
        Duration maxAge,
        int maxDeviationBps) {

    public FeedSettings {
        feed = Objects.requireNonNull(feed, "feed").toLowerCase(Locale.ROOT);
        Objects.requireNonNull(maxAge, "maxAge");
        if (!maxAge.isPositive() || maxDeviationBps <= 0 || token0Decimals < 0 || token1Decimals < 0) {
            throw new IllegalArgumentException("maxAge and maxDeviationBps must be positive, decimals not negative");
        }
    }
}
