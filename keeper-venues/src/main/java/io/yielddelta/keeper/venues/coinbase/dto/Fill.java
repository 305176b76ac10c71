package io.yielddelta.keeper.venues.coinbase.dto;

/** One execution, from {@code GET /orders/historical/fills}. {@code commission} is the fee paid in quote currency. */
public record Fill(
        String entryId,
        String tradeId,
        String orderId,
        String tradeTime,
        String tradeType,
        String price,
        String size,
        String commission,
        String productId,
        String sequenceTimestamp,
        String liquidityIndicator,
        Boolean sizeInQuote,
        String userId,
        String side) {}
