package io.yielddelta.keeper.core.venue;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A funding rate normalised to one hour, whatever the venue's own period. Positive: longs pay shorts.
 */
public record FundingRate(String market, BigDecimal ratePerHour, Instant time) {}
