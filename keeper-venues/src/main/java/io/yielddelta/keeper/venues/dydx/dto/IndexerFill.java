package io.yielddelta.keeper.venues.dydx.dto;

import java.math.BigDecimal;

/**
 * A fill as indexer GET /v4/fills (market) and the v4_subaccounts channel (ticker) report it. {@code fee} is
 * positive when paid, negative for a rebate.
 */
public record IndexerFill(
        String id,
        String side,
        String liquidity,
        String type,
        String market,
        String ticker,
        String marketType,
        BigDecimal price,
        BigDecimal size,
        BigDecimal fee,
        String createdAt,
        String createdAtHeight,
        String orderId,
        String clientMetadata) {

    /** REST names the market {@code market}, the WebSocket {@code ticker}. */
    public String marketTicker() {
        return market != null ? market : ticker;
    }
}
