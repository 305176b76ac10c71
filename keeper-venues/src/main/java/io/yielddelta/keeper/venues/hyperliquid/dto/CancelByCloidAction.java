package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

@JsonPropertyOrder({"type", "cancels"})
public record CancelByCloidAction(String type, List<CancelByCloidWire> cancels) {

    public static CancelByCloidAction of(List<CancelByCloidWire> cancels) {
        return new CancelByCloidAction("cancelByCloid", cancels);
    }
}
