package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One perpetual in {@code meta.universe}; its index in the list is the asset id orders use. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AssetMeta(String name, int szDecimals, int maxLeverage, Boolean onlyIsolated, Boolean isDelisted) {}
