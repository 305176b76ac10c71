package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.List;

/** Response of info {@code {"type":"clearinghouseState","user":…}}: perpetual positions and margin. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClearinghouseState(
        List<AssetPosition> assetPositions,
        BigDecimal crossMaintenanceMarginUsed,
        MarginSummary crossMarginSummary,
        MarginSummary marginSummary,
        long time,
        BigDecimal withdrawable) {}
