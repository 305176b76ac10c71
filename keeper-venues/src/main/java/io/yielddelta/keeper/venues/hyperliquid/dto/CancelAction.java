package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

@JsonPropertyOrder({"type", "cancels"})
public record CancelAction(String type, List<CancelWire> cancels) {

    public static CancelAction of(List<CancelWire> cancels) {
        return new CancelAction("cancel", cancels);
    }
}
