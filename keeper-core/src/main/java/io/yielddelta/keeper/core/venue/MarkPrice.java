package io.yielddelta.keeper.core.venue;

import java.math.BigDecimal;
import java.time.Instant;

/** Mark (and, where the venue publishes one, index) price of a market at a moment. {@code index} may be null. */
public record MarkPrice(String market, BigDecimal mark, BigDecimal index, Instant time) {}
