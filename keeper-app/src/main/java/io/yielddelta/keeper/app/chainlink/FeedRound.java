package io.yielddelta.keeper.app.chainlink;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

/**
 * A feed's latest round as {@code AggregatorV3Interface.latestRoundData()} and {@code decimals()} report it, and the
 * time of the block it was read at (staleness is measured in chain time).
 */
public record FeedRound(
        String feed, BigInteger roundId, BigInteger answer, Instant updatedAt, int decimals, Instant blockTime) {

    /** The answer as a price: {@code answer / 10^decimals}. */
    public BigDecimal price() {
        return new BigDecimal(answer, decimals);
    }
}
