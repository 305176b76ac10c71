package io.yielddelta.keeper.venues.dydx.dto;

import java.util.List;

/** Indexer GET /v4/historicalFunding/{ticker}, newest first. */
public record HistoricalFundingResponse(List<HistoricalFunding> historicalFunding) {}
