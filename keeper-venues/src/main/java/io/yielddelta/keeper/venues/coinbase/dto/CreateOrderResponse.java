package io.yielddelta.keeper.venues.coinbase.dto;

/**
 * Answer to a create order: HTTP 200 either way; {@code success} false carries the reason in {@code errorResponse}.
 */
public record CreateOrderResponse(
        Boolean success,
        String failureReason,
        String orderId,
        SuccessResponse successResponse,
        ErrorResponse errorResponse,
        OrderConfiguration orderConfiguration) {

    public record SuccessResponse(String orderId, String productId, String side, String clientOrderId) {}

    public record ErrorResponse(
            String error,
            String message,
            String errorDetails,
            String previewFailureReason,
            String newOrderFailureReason) {}
}
