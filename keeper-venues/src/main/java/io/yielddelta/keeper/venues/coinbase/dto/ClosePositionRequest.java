package io.yielddelta.keeper.venues.coinbase.dto;

/** Body of {@code POST /orders/close_position}: a market order that can only shrink the position. */
public record ClosePositionRequest(String clientOrderId, String productId, String size) {}
