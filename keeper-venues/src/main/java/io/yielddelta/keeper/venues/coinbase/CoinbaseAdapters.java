package io.yielddelta.keeper.venues.coinbase;

import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.Fill;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.Margin;
import io.yielddelta.keeper.core.venue.OrderStatus;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.core.venue.VenueOrder;
import io.yielddelta.keeper.venues.coinbase.dto.Amount;
import io.yielddelta.keeper.venues.coinbase.dto.FcmBalanceSummary;
import io.yielddelta.keeper.venues.coinbase.dto.FcmPosition;
import io.yielddelta.keeper.venues.coinbase.dto.IntxPortfolioSummary;
import io.yielddelta.keeper.venues.coinbase.dto.IntxPosition;
import io.yielddelta.keeper.venues.coinbase.dto.Order;
import io.yielddelta.keeper.venues.coinbase.dto.Product;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Maps Coinbase's raw DTOs onto the core's venue types. Sizes become base units: CFM counts contracts. */
final class CoinbaseAdapters {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private CoinbaseAdapters() {}

    /** Base units per unit of order size: the contract size for CFM futures, 1 for INTX perpetuals. */
    static BigDecimal contractSize(Product product, CoinbaseConfig.Derivatives derivatives) {
        if (derivatives == CoinbaseConfig.Derivatives.CFM && product.futureProductDetails() != null) {
            BigDecimal size = decimal(product.futureProductDetails().contractSize());
            if (size != null && size.signum() > 0) {
                return size;
            }
        }
        return BigDecimal.ONE;
    }

    static Instrument instrument(String market, Product product, CoinbaseConfig.Derivatives derivatives) {
        BigDecimal contract = contractSize(product, derivatives);
        BigDecimal tick = firstPositive(decimal(product.priceIncrement()), decimal(product.quoteIncrement()));
        BigDecimal lot = decimal(product.baseIncrement()).multiply(contract).stripTrailingZeros();
        BigDecimal minNotional = decimal(product.quoteMinSize());
        BigDecimal price = decimal(product.price());
        if ((minNotional == null || minNotional.signum() == 0) && price != null && product.baseMinSize() != null) {
            minNotional = decimal(product.baseMinSize()).multiply(contract).multiply(price);
        }
        int maxLeverage = 1;
        if (product.futureProductDetails() != null
                && product.futureProductDetails().perpetualDetails() != null) {
            BigDecimal max =
                    decimal(product.futureProductDetails().perpetualDetails().maxLeverage());
            if (max != null && max.signum() > 0) {
                maxLeverage = max.setScale(0, RoundingMode.DOWN).intValueExact();
            }
        }
        return new Instrument(market, tick, lot, minNotional == null ? BigDecimal.ZERO : minNotional, maxLeverage);
    }

    static VenueOrder order(String market, Order order, BigDecimal contractSize, boolean reduceOnly) {
        BigDecimal size = times(
                decimal(
                        order.orderConfiguration() == null
                                ? null
                                : order.orderConfiguration().baseSize()),
                contractSize);
        BigDecimal filled = times(decimal(order.filledSize()), contractSize);
        if (filled == null) {
            filled = BigDecimal.ZERO;
        }
        if (size == null) {
            size = filled;
        }
        BigDecimal average = decimal(order.averageFilledPrice());
        if (average != null && (average.signum() == 0 || filled.signum() == 0)) {
            average = null;
        }
        BigDecimal limit = order.orderConfiguration() == null
                ? null
                : decimal(order.orderConfiguration().limitPrice());
        return new VenueOrder(
                order.orderId(),
                clientId(order.clientOrderId()),
                market,
                side(order.side()),
                size,
                filled,
                average,
                limit,
                status(order.status(), filled),
                reduceOnly);
    }

    static OrderStatus status(String status, BigDecimal filled) {
        boolean partly = filled != null && filled.signum() > 0;
        return switch (status == null ? "" : status) {
            case "FILLED" -> OrderStatus.FILLED;
            case "CANCELLED", "EXPIRED" -> OrderStatus.CANCELED;
            case "FAILED" -> OrderStatus.REJECTED;
            // OPEN, PENDING, QUEUED, CANCEL_QUEUED, EDIT_QUEUED: still working at the venue
            default -> partly ? OrderStatus.PARTIALLY_FILLED : OrderStatus.OPEN;
        };
    }

    static Fill fill(
            String market,
            io.yielddelta.keeper.venues.coinbase.dto.Fill fill,
            BigDecimal contractSize,
            ClientOrderId clientId) {
        return new Fill(
                fillId(fill),
                fill.orderId(),
                clientId,
                market,
                side(fill.side()),
                times(decimal(fill.size()), contractSize),
                decimal(fill.price()),
                fill.commission() == null ? BigDecimal.ZERO : decimal(fill.commission()),
                Instant.parse(fill.tradeTime()));
    }

    /** {@code entry_id} identifies one fill; {@code trade_id} is shared by the two sides of a trade. */
    static String fillId(io.yielddelta.keeper.venues.coinbase.dto.Fill fill) {
        return fill.entryId() != null ? fill.entryId() : fill.tradeId();
    }

    static Position position(String market, FcmPosition p, BigDecimal contractSize, int leverage) {
        BigDecimal size = decimal(p.numberOfContracts()).multiply(contractSize);
        return new Position(
                market,
                "SHORT".equals(p.side()) ? size.negate() : size,
                decimal(p.avgEntryPrice()),
                null,
                decimal(p.unrealizedPnl()),
                leverage);
    }

    static Position position(String market, IntxPosition p, int fallbackLeverage) {
        BigDecimal size = decimal(p.netSize()).abs();
        if ("POSITION_SIDE_SHORT".equals(p.positionSide())) {
            size = size.negate();
        }
        BigDecimal entry = value(p.entryVwap() != null ? p.entryVwap() : p.vwap());
        BigDecimal liquidation = value(p.liquidationPrice());
        if (liquidation != null && liquidation.signum() == 0) {
            liquidation = null;
        }
        BigDecimal leverage = decimal(p.leverage());
        return new Position(
                market,
                size,
                entry,
                liquidation,
                value(p.unrealizedPnl()),
                leverage == null
                        ? fallbackLeverage
                        : leverage.setScale(0, RoundingMode.HALF_UP).intValue());
    }

    /** CFM: the futures account's cash plus unrealised P&amp;L; initial margin held; margin still available. */
    static Margin margin(FcmBalanceSummary s) {
        BigDecimal value = orZero(value(s.cfmUsdBalance())).add(orZero(value(s.unrealizedPnl())));
        return new Margin(value, orZero(value(s.initialMargin())), orZero(value(s.availableMargin())));
    }

    /** INTX: the portfolio's balance, its initial margin notional held, and what may be withdrawn. */
    static Margin margin(IntxPortfolioSummary summary) {
        BigDecimal used = summary.portfolios() == null || summary.portfolios().isEmpty()
                ? BigDecimal.ZERO
                : orZero(value(summary.portfolios().get(0).portfolioImNotional()));
        return new Margin(
                orZero(value(summary.summary().totalBalance())),
                used,
                orZero(value(summary.summary().maxWithdrawalAmount())));
    }

    /** The keeper's client ids are UUID-shaped 16-byte digests; anything else was not placed by the keeper. */
    static ClientOrderId clientId(String clientOrderId) {
        if (clientOrderId == null || !UUID.matcher(clientOrderId).matches()) {
            return null;
        }
        return new ClientOrderId(clientOrderId, HexFormat.of().parseHex(clientOrderId.replace("-", "")));
    }

    static Side side(String side) {
        return "SELL".equals(side) ? Side.SELL : Side.BUY;
    }

    static BigDecimal value(Amount amount) {
        return amount == null ? null : decimal(amount.value());
    }

    static BigDecimal decimal(String text) {
        return text == null || text.isBlank() ? null : new BigDecimal(text.strip());
    }

    private static BigDecimal times(BigDecimal a, BigDecimal b) {
        return a == null ? null : a.multiply(b).stripTrailingZeros();
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static BigDecimal firstPositive(BigDecimal a, BigDecimal b) {
        return a != null && a.signum() > 0 ? a : b;
    }
}
