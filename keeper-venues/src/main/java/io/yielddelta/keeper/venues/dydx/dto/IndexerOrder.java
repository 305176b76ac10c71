package io.yielddelta.keeper.venues.dydx.dto;

import java.math.BigDecimal;

/**
 * An order as indexer GET /v4/orders and /v4/orders/{orderId} report it. Integers of the chain order id come as
 * strings; {@code goodTilBlock} or {@code goodTilBlockTime} (ISO-8601) is set, the other null.
 */
public record IndexerOrder(
        String id,
        String subaccountId,
        String clientId,
        String clobPairId,
        String side,
        BigDecimal size,
        BigDecimal totalFilled,
        BigDecimal price,
        String type,
        String status,
        String timeInForce,
        boolean reduceOnly,
        String orderFlags,
        String goodTilBlock,
        String goodTilBlockTime,
        String ticker,
        boolean postOnly,
        Integer subaccountNumber) {}
