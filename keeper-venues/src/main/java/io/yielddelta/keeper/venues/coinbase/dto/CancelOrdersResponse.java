package io.yielddelta.keeper.venues.coinbase.dto;

import java.util.List;

public record CancelOrdersResponse(List<Result> results) {

    public record Result(Boolean success, String failureReason, String orderId) {}
}
