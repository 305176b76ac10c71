package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.List;

/** Per-asset market context, the second element of {@code metaAndAssetCtxs}; {@code funding} is the hourly rate. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AssetCtx(
        BigDecimal dayNtlVlm,
        BigDecimal funding,
        List<BigDecimal> impactPxs,
        BigDecimal markPx,
        BigDecimal midPx,
        BigDecimal openInterest,
        BigDecimal oraclePx,
        BigDecimal premium,
        BigDecimal prevDayPx) {}
