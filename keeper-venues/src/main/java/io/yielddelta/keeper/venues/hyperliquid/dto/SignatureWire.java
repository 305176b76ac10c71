package io.yielddelta.keeper.venues.hyperliquid.dto;

/** The {@code signature} of an exchange request: r and s as 0x-hex, v as 27 or 28. */
public record SignatureWire(String r, String s, int v) {}
