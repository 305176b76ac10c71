package io.yielddelta.keeper.venues.hyperliquid;

import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.Fill;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.Margin;
import io.yielddelta.keeper.core.venue.OrderStatus;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.core.venue.VenueOrder;
import io.yielddelta.keeper.venues.hyperliquid.dto.AssetMeta;
import io.yielddelta.keeper.venues.hyperliquid.dto.ClearinghouseState;
import io.yielddelta.keeper.venues.hyperliquid.dto.OpenOrder;
import io.yielddelta.keeper.venues.hyperliquid.dto.OrderWithStatus;
import io.yielddelta.keeper.venues.hyperliquid.dto.PositionData;
import io.yielddelta.keeper.venues.hyperliquid.dto.UserFill;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HexFormat;

/** Maps Hyperliquid's raw DTOs onto the core's venue types. */
final class HyperliquidAdapters {

    /** Hyperliquid refuses orders worth less than $10. */
    static final BigDecimal MIN_ORDER_VALUE = BigDecimal.TEN;

    private HyperliquidAdapters() {}

    /**
     * Hyperliquid has no fixed tick: prices are limited to 5 significant figures and {@code 6 - szDecimals} decimals,
     * so the tick depends on the price. The tick reported is the one at {@code referencePrice} (the current mark);
     * orders are rounded by {@link HyperliquidNumbers#roundPrice} at their own price.
     */
    static Instrument instrument(AssetMeta meta, BigDecimal referencePrice) {
        return new Instrument(
                meta.name(),
                tickAt(referencePrice, meta.szDecimals()),
                BigDecimal.ONE.movePointLeft(meta.szDecimals()),
                MIN_ORDER_VALUE,
                meta.maxLeverage());
    }

    /** The price step at a price: its 5th significant figure, but no finer than {@code 6 - szDecimals} decimals. */
    static BigDecimal tickAt(BigDecimal price, int szDecimals) {
        int finest = 6 - szDecimals;
        if (price == null || price.signum() <= 0) {
            return BigDecimal.ONE.movePointLeft(finest);
        }
        int magnitude = price.precision() - price.scale() - 1;
        return BigDecimal.ONE.movePointLeft(Math.max(0, Math.min(finest, 4 - magnitude)));
    }

    static Side side(String side) {
        return switch (side) {
            case "B" -> Side.BUY;
            case "A" -> Side.SELL;
            default -> throw new IllegalArgumentException("unknown Hyperliquid side " + side);
        };
    }

    static Position position(PositionData p) {
        return new Position(
                p.coin(),
                p.szi(),
                p.entryPx(),
                p.liquidationPx(),
                p.unrealizedPnl(),
                p.leverage() == null ? 0 : p.leverage().value());
    }

    static Margin margin(ClearinghouseState state) {
        return new Margin(
                state.marginSummary().accountValue(), state.marginSummary().totalMarginUsed(), state.withdrawable());
    }

    static Fill fill(UserFill f) {
        return new Fill(
                String.valueOf(f.tid()),
                String.valueOf(f.oid()),
                clientId(f.cloid()),
                f.coin(),
                side(f.side()),
                f.sz(),
                f.px(),
                f.fee(),
                Instant.ofEpochMilli(f.time()));
    }

    /** An open order: partly filled when what remains is less than what was placed. */
    static VenueOrder openOrder(OpenOrder o) {
        BigDecimal size = o.origSz() != null ? o.origSz() : o.sz();
        OrderStatus status = o.sz().compareTo(size) < 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.OPEN;
        return venueOrder(o, size, status);
    }

    static VenueOrder order(OrderWithStatus o) {
        OpenOrder order = o.order();
        BigDecimal size = order.origSz() != null ? order.origSz() : order.sz();
        OrderStatus status = status(o.status());
        if (status == OrderStatus.OPEN && order.sz().compareTo(size) < 0) {
            status = OrderStatus.PARTIALLY_FILLED;
        }
        return venueOrder(order, size, status);
    }

    /**
     * "open" and "triggered" are live; "filled" is done; "rejected" and every "…Rejected" refused; "canceled", every
     * "…Canceled" and "scheduledCancel" cancelled.
     */
    static OrderStatus status(String status) {
        if (status.equals("open") || status.equals("triggered")) {
            return OrderStatus.OPEN;
        }
        if (status.equals("filled")) {
            return OrderStatus.FILLED;
        }
        if (status.equals("rejected") || status.endsWith("Rejected")) {
            return OrderStatus.REJECTED;
        }
        if (status.equals("canceled") || status.endsWith("Canceled") || status.equals("scheduledCancel")) {
            return OrderStatus.CANCELED;
        }
        throw new IllegalArgumentException("unknown Hyperliquid order status " + status);
    }

    /** A cloid as the core's client id; the decision id is not known from the venue, so the cloid stands in for it. */
    static ClientOrderId clientId(String cloid) {
        if (cloid == null) {
            return null;
        }
        return new ClientOrderId(cloid, HexFormat.of().parseHex(cloid.substring(2)));
    }

    private static VenueOrder venueOrder(OpenOrder o, BigDecimal size, OrderStatus status) {
        BigDecimal filled = status == OrderStatus.FILLED ? size : size.subtract(o.sz());
        return new VenueOrder(
                String.valueOf(o.oid()),
                clientId(o.cloid()),
                o.coin(),
                side(o.side()),
                size,
                filled,
                null,
                o.limitPx(),
                status,
                Boolean.TRUE.equals(o.reduceOnly()));
    }
}
