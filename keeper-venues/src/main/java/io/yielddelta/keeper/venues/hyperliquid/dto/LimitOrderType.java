package io.yielddelta.keeper.venues.hyperliquid.dto;

/** {@code tif}: "Gtc", "Ioc" or "Alo" (add liquidity only, i.e. post-only). */
public record LimitOrderType(String tif) {}
