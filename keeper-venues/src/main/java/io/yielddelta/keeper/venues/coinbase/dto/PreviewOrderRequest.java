package io.yielddelta.keeper.venues.coinbase.dto;

/** Body of {@code POST /api/v3/brokerage/orders/preview}: a create-order body without a client order id. */
public record PreviewOrderRequest(
        String productId,
        String side,
        OrderConfiguration orderConfiguration,
        String leverage,
        String marginType,
        String retailPortfolioId) {}
