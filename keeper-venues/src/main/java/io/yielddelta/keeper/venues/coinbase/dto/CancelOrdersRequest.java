package io.yielddelta.keeper.venues.coinbase.dto;

import java.util.List;

/** Body of {@code POST /orders/batch_cancel}. */
public record CancelOrdersRequest(List<String> orderIds) {}
