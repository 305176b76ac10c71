package io.yielddelta.keeper.venues.dydx.dto;

import java.util.List;

/** Indexer GET /v4/perpetualPositions. */
public record PerpetualPositionsResponse(List<PerpetualPosition> positions) {}
