package io.yielddelta.keeper.venues.hyperliquid.dto;

/** Cancel by venue order id: asset index {@code a}, order id {@code o}. */
public record CancelWire(int a, long o) {}
