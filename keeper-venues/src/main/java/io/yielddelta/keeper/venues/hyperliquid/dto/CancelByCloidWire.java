package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

@JsonPropertyOrder({"asset", "cloid"})
public record CancelByCloidWire(int asset, String cloid) {}
