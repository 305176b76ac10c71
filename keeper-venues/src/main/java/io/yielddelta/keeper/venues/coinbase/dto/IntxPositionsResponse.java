package io.yielddelta.keeper.venues.coinbase.dto;

import java.util.List;

/** {@code GET /intx/positions/{portfolio_uuid}}. */
public record IntxPositionsResponse(List<IntxPosition> positions, IntxPortfolioSummary.Summary summary) {}
