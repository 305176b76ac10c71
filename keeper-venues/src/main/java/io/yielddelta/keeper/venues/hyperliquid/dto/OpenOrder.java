package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;

/**
 * An order as info openOrders / frontendOpenOrders / orderStatus and the orderUpdates stream show it. {@code side} is
 * "B" (bid, buy) or "A" (ask, sell); {@code sz} is what remains, {@code origSz} what was placed. openOrders carries only
 * the first six fields; the others come with frontendOpenOrders, orderStatus and orderUpdates.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpenOrder(
        String coin,
        BigDecimal limitPx,
        long oid,
        String side,
        BigDecimal sz,
        long timestamp,
        BigDecimal origSz,
        String cloid,
        Boolean reduceOnly,
        String orderType,
        String tif) {}
