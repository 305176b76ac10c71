package io.yielddelta.keeper.venues.paper;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The hourly funding rate series the paper venue charges: for a market and a funding time (a whole hour), the rate for
 * that hour. Positive: longs pay shorts. A backtest reads it from historical files; a sandbox may use a constant.
 */
@FunctionalInterface
public interface FundingRates {

    /** @return the rate per hour applying at {@code hour}; zero when the series has none */
    BigDecimal hourlyRate(String market, Instant hour);

    static FundingRates constant(BigDecimal ratePerHour) {
        return (market, hour) -> ratePerHour;
    }
}
