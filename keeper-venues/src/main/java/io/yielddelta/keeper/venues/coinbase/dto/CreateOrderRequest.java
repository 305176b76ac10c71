package io.yielddelta.keeper.venues.coinbase.dto;

/** Body of {@code POST /api/v3/brokerage/orders}. {@code leverage} is a decimal string, {@code marginType} CROSS or ISOLATED. */
public record CreateOrderRequest(
        String clientOrderId,
        String productId,
        String side,
        OrderConfiguration orderConfiguration,
        String selfTradePreventionId,
        String marginType,
        String leverage,
        String retailPortfolioId) {}
