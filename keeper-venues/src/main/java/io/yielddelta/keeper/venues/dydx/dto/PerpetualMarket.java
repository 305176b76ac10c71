package io.yielddelta.keeper.venues.dydx.dto;

import java.math.BigDecimal;

/** One market of indexer GET /v4/perpetualMarkets (fields the keeper reads; the rest are ignored). */
public record PerpetualMarket(
        String clobPairId,
        String ticker,
        String status,
        BigDecimal oraclePrice,
        BigDecimal nextFundingRate,
        BigDecimal initialMarginFraction,
        BigDecimal maintenanceMarginFraction,
        int atomicResolution,
        int quantumConversionExponent,
        BigDecimal tickSize,
        BigDecimal stepSize,
        long stepBaseQuantums,
        long subticksPerTick) {}
