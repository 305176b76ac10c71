package io.yielddelta.keeper.venues.dydx.dto;

import java.math.BigDecimal;

/** One entry of indexer GET /v4/historicalFunding/{ticker}: the hourly rate that took effect at a time. */
public record HistoricalFunding(String ticker, BigDecimal rate, BigDecimal price, String effectiveAt, String effectiveAtHeight) {}
