package io.yielddelta.keeper.venues.coinbase.dto;

import java.util.List;

/** {@code GET /cfm/positions}. */
public record FcmPositionsResponse(List<FcmPosition> positions) {}
