package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;

/** {@code szi} is signed (positive = long); {@code liquidationPx} is null when there is no liquidation price. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PositionData(
        String coin,
        BigDecimal szi,
        BigDecimal entryPx,
        BigDecimal positionValue,
        BigDecimal unrealizedPnl,
        BigDecimal returnOnEquity,
        BigDecimal liquidationPx,
        Leverage leverage,
        BigDecimal marginUsed,
        Integer maxLeverage) {}
