package io.yielddelta.keeper.venues.coinbase.dto;

/** A US derivatives (CFM) position: sized in contracts, {@code side} LONG or SHORT. */
public record FcmPosition(
        String productId,
        String expirationTime,
        String side,
        String numberOfContracts,
        String currentPrice,
        String avgEntryPrice,
        String unrealizedPnl,
        String dailyRealizedPnl) {}
