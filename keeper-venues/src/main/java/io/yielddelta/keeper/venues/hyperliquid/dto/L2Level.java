package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;

/** One price level: price, total size, number of orders. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record L2Level(BigDecimal px, BigDecimal sz, int n) {}
