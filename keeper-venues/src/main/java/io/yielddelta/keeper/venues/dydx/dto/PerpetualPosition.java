package io.yielddelta.keeper.venues.dydx.dto;

import java.math.BigDecimal;

/** A position as the indexer reports it; {@code size} is signed (negative when SHORT). */
public record PerpetualPosition(
        String market,
        String status,
        String side,
        BigDecimal size,
        BigDecimal entryPrice,
        BigDecimal realizedPnl,
        BigDecimal unrealizedPnl,
        String createdAt,
        Integer subaccountNumber) {}
