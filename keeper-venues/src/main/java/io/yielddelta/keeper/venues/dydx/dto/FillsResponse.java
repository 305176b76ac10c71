package io.yielddelta.keeper.venues.dydx.dto;

import java.util.List;

/** Indexer GET /v4/fills, newest first. */
public record FillsResponse(List<IndexerFill> fills) {}
