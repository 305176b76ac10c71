package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;

/** One fill in userFills / userFillsByTime and the userFills stream; {@code tid} identifies it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserFill(
        String coin,
        BigDecimal px,
        BigDecimal sz,
        String side,
        long time,
        BigDecimal startPosition,
        String dir,
        BigDecimal closedPnl,
        String hash,
        long oid,
        boolean crossed,
        BigDecimal fee,
        long tid,
        String feeToken,
        String cloid) {}
