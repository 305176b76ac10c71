package io.yielddelta.keeper.core.market;

import java.math.BigDecimal;
import java.time.Instant;

/** One bar of market history: open time and prices in quote units per base unit, volume in base units. */
public record HourlyBar(
        Instant openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume) {}
