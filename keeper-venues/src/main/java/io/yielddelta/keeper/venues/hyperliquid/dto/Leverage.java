package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;

/** {@code type} is "cross" or "isolated"; {@code rawUsd} only for isolated. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Leverage(String type, int value, BigDecimal rawUsd) {}
