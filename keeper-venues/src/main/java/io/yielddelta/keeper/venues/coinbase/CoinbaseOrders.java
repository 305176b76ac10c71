package io.yielddelta.keeper.venues.coinbase;

import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.venues.coinbase.dto.ClosePositionRequest;
import io.yielddelta.keeper.venues.coinbase.dto.CreateOrderRequest;
import io.yielddelta.keeper.venues.coinbase.dto.OrderConfiguration;
import io.yielddelta.keeper.venues.coinbase.dto.Product;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Turns the keeper's {@link OrderRequest} into the Coinbase request that carries it. Pure (no I/O, no clock), shared by
 * the venue, its preview and the benchmark.
 *
 * <p>MARKET_IOC → {@code market_market_ioc} by base size (Coinbase has native market orders, so the request's
 * protective price is not sent); LIMIT_GTC / POST_ONLY → {@code limit_limit_gtc} with {@code post_only} false / true;
 * a reduce-only market order → {@code close_position}, which can only shrink the position.
 */
final class CoinbaseOrders {

    private CoinbaseOrders() {}

    /**
     * @param contractSize base units per unit of venue size (CFM contract size, 1 on INTX)
     * @param marginType   CROSS or ISOLATED
     */
    static CoinbaseRequest orderCall(
            OrderRequest request, Product product, BigDecimal contractSize, String marginType, int leverage) {
        String size = venueSize(request, product, contractSize);
        if (request.reduceOnly() && request.type() == OrderType.MARKET_IOC) {
            return CoinbaseRequests.closePosition(
                    new ClosePositionRequest(request.clientId().uuid(), product.productId(), size));
        }
        OrderConfiguration configuration = switch (request.type()) {
            case MARKET_IOC -> OrderConfiguration.marketIoc(null, size);
            case LIMIT_GTC -> OrderConfiguration.limitGtc(size, venuePrice(request, product), false);
            case POST_ONLY -> OrderConfiguration.limitGtc(size, venuePrice(request, product), true);
        };
        return CoinbaseRequests.createOrder(new CreateOrderRequest(
                request.clientId().uuid(),
                product.productId(),
                request.side().name(),
                configuration,
                null,
                marginType,
                Integer.toString(leverage),
                null));
    }

    /** Base units → the venue's unit, rounded down to the increment so the order never grows. */
    static String venueSize(OrderRequest request, Product product, BigDecimal contractSize) {
        BigDecimal increment = CoinbaseAdapters.decimal(product.baseIncrement());
        BigDecimal units = request.size().divide(contractSize, 18, RoundingMode.DOWN);
        BigDecimal rounded = units.divide(increment, 0, RoundingMode.DOWN).multiply(increment);
        if (rounded.signum() <= 0) {
            throw new OrderRejectedException(
                    CoinbaseRestClient.VENUE,
                    "size " + request.size().toPlainString()
                            + " of " + request.market() + " is below one increment ("
                            + increment
                                    .multiply(contractSize)
                                    .stripTrailingZeros()
                                    .toPlainString() + ")");
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    /** Rounded to the tick away from crossing: buys down, sells up. */
    static String venuePrice(OrderRequest request, Product product) {
        BigDecimal tick = CoinbaseAdapters.decimal(
                product.priceIncrement() != null ? product.priceIncrement() : product.quoteIncrement());
        RoundingMode mode = request.side() == Side.BUY ? RoundingMode.DOWN : RoundingMode.UP;
        return request.limitPrice()
                .divide(tick, 0, mode)
                .multiply(tick)
                .stripTrailingZeros()
                .toPlainString();
    }
}
