package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** {@code {"type":"order","orders":[…],"grouping":"na"}}. */
@JsonPropertyOrder({"type", "orders", "grouping"})
public record OrderAction(String type, List<OrderWire> orders, String grouping) {

    public static OrderAction of(List<OrderWire> orders) {
        return new OrderAction("order", orders, "na");
    }
}
