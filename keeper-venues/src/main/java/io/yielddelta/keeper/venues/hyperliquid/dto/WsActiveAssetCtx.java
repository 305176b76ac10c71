package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Data of the activeAssetCtx stream (mark and oracle price of one perpetual). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WsActiveAssetCtx(String coin, AssetCtx ctx) {}
