package io.yielddelta.keeper.venues.dydx.dto;

import java.util.Map;

/** Indexer GET /v4/perpetualMarkets: markets by ticker. */
public record PerpetualMarketsResponse(Map<String, PerpetualMarket> markets) {}
