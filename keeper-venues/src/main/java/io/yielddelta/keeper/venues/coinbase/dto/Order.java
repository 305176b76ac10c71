package io.yielddelta.keeper.venues.coinbase.dto;

/** An order as {@code GET /orders/historical/{order_id}} and the batch listing return it. */
public record Order(
        String orderId,
        String productId,
        String side,
        String clientOrderId,
        String status,
        String timeInForce,
        String createdTime,
        String completionPercentage,
        String filledSize,
        String averageFilledPrice,
        String numberOfFills,
        String filledValue,
        Boolean pendingCancel,
        String totalFees,
        String orderType,
        String rejectReason,
        String rejectMessage,
        String cancelMessage,
        String productType,
        String lastFillTime,
        String leverage,
        String marginType,
        String retailPortfolioId,
        OrderConfiguration orderConfiguration) {}
