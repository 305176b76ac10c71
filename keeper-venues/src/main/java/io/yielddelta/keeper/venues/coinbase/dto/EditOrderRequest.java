package io.yielddelta.keeper.venues.coinbase.dto;

/** Body of {@code POST /orders/edit} and {@code /orders/edit_preview}. */
public record EditOrderRequest(String orderId, String size, String price) {}
