package io.yielddelta.keeper.venues.coinbase.dto;

public record GetOrderResponse(Order order) {}
