package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;

/** One entry of info fundingHistory; Hyperliquid funds hourly, so {@code fundingRate} is per hour. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FundingHistoryEntry(String coin, BigDecimal fundingRate, BigDecimal premium, long time) {}
