package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Always emitted as isMarket, triggerPx, tpsl (the hashed key order), whatever order a caller used. */
@JsonPropertyOrder({"isMarket", "triggerPx", "tpsl"})
public record TriggerOrderType(boolean isMarket, String triggerPx, String tpsl) {}
