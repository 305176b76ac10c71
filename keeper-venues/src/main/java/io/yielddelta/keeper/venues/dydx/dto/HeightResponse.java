package io.yielddelta.keeper.venues.dydx.dto;

/** Indexer GET /v4/height: the last block the indexer has processed, height as a string. */
public record HeightResponse(String height, String time) {}
