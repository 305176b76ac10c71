package io.yielddelta.keeper.venues.coinbase.dto;

import java.util.List;

public record ListOrdersResponse(List<Order> orders, String sequence, Boolean hasNext, String cursor) {}
