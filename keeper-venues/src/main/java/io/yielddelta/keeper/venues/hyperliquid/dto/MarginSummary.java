package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;

@JsonIgnoreProperties(ignoreUnknown = true)
public record MarginSummary(
        BigDecimal accountValue, BigDecimal totalMarginUsed, BigDecimal totalNtlPos, BigDecimal totalRawUsd) {}
