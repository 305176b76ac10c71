package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Exactly one of {@code limit} or {@code trigger} is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderTypeWire(LimitOrderType limit, TriggerOrderType trigger) {

    public static OrderTypeWire limit(String tif) {
        return new OrderTypeWire(new LimitOrderType(tif), null);
    }
}
