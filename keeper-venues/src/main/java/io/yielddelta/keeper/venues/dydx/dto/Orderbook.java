package io.yielddelta.keeper.venues.dydx.dto;

import java.math.BigDecimal;
import java.util.List;

/** Indexer GET /v4/orderbooks/perpetualMarket/{ticker}: bids best first, asks best first. */
public record Orderbook(List<Level> bids, List<Level> asks) {

    public record Level(BigDecimal price, BigDecimal size) {}
}
