package io.yielddelta.keeper.venues.dydx;

import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.Fill;
import io.yielddelta.keeper.core.venue.OrderStatus;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.core.venue.VenueOrder;
import io.yielddelta.keeper.venues.dydx.dto.IndexerFill;
import io.yielddelta.keeper.venues.dydx.dto.IndexerOrder;
import io.yielddelta.keeper.venues.dydx.dto.PerpetualMarket;
import io.yielddelta.keeper.venues.dydx.dto.PerpetualPosition;
import java.math.BigDecimal;
import java.time.Instant;

/** Maps the indexer's shapes onto the core's venue types. Markets: the keeper's {@code ETH} is dYdX's {@code ETH-USD}. */
final class DydxAdapters {

    private static final String QUOTE_SUFFIX = "-USD";

    private DydxAdapters() {}

    static String ticker(String market) {
        return market + QUOTE_SUFFIX;
    }

    static String market(String ticker) {
        return ticker.endsWith(QUOTE_SUFFIX) ? ticker.substring(0, ticker.length() - QUOTE_SUFFIX.length()) : ticker;
    }

    static DydxMarket market(PerpetualMarket m) {
        return new DydxMarket(
                market(m.ticker()),
                m.ticker(),
                Integer.parseInt(m.clobPairId()),
                new DydxQuantizer(
                        m.atomicResolution(), m.quantumConversionExponent(), m.stepBaseQuantums(), m.subticksPerTick()),
                m.initialMarginFraction());
    }

    /** @param clientId the keeper's id for it where known (the indexer only has its uint32), else null */
    static VenueOrder order(IndexerOrder o, ClientOrderId clientId) {
        BigDecimal filled = o.totalFilled() == null ? BigDecimal.ZERO : o.totalFilled();
        return new VenueOrder(
                o.id(),
                clientId,
                market(o.ticker()),
                side(o.side()),
                o.size(),
                filled,
                null,
                o.price(),
                status(o.status(), filled),
                o.reduceOnly());
    }

    /** OPEN, BEST_EFFORT_OPENED and UNTRIGGERED are live; BEST_EFFORT_CANCELED is cancelled as far as anyone knows. */
    static OrderStatus status(String status, BigDecimal filled) {
        return switch (status) {
            case "FILLED" -> OrderStatus.FILLED;
            case "CANCELED", "BEST_EFFORT_CANCELED" -> OrderStatus.CANCELED;
            default -> filled.signum() > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.OPEN;
        };
    }

    static Fill fill(IndexerFill f, ClientOrderId clientId) {
        return new Fill(
                f.id(),
                f.orderId(),
                clientId,
                market(f.marketTicker()),
                side(f.side()),
                f.size(),
                f.price(),
                f.fee(),
                Instant.parse(f.createdAt()));
    }

    /**
     * dYdX margins every position of a subaccount together (cross margin) and has no per-market leverage setting, so
     * the leverage reported is the market's maximum.
     */
    static Position position(PerpetualPosition p, int maxLeverage) {
        BigDecimal size =
                "SHORT".equals(p.side()) ? p.size().abs().negate() : p.size().abs();
        return new Position(market(p.market()), size, p.entryPrice(), null, p.unrealizedPnl(), maxLeverage);
    }

    static Side side(String side) {
        return "BUY".equals(side) ? Side.BUY : Side.SELL;
    }
}
