package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One order in an order action, keys in the hashed order: asset index, is-buy, price string, size string,
 * reduce-only, order type, and the optional cloid (0x + 32 hex digits), left out when absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"a", "b", "p", "s", "r", "t", "c"})
public record OrderWire(int a, boolean b, String p, String s, boolean r, OrderTypeWire t, String c) {}
