package io.yielddelta.keeper.venues.coinbase.dto;

/** An international perpetuals (INTX) position; {@code netSize} is signed, in base units. */
public record IntxPosition(
        String productId,
        String productUuid,
        String portfolioUuid,
        String symbol,
        Amount vwap,
        Amount entryVwap,
        String positionSide,
        String marginType,
        String netSize,
        String buyOrderSize,
        String sellOrderSize,
        String imContribution,
        Amount unrealizedPnl,
        Amount markPrice,
        Amount liquidationPrice,
        String leverage,
        Amount imNotional,
        Amount mmNotional,
        Amount positionNotional,
        Amount aggregatedPnl) {}
