package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

@JsonPropertyOrder({"type", "asset", "isCross", "leverage"})
public record UpdateLeverageAction(String type, int asset, boolean isCross, int leverage) {

    public static UpdateLeverageAction of(int asset, boolean isCross, int leverage) {
        return new UpdateLeverageAction("updateLeverage", asset, isCross, leverage);
    }
}
