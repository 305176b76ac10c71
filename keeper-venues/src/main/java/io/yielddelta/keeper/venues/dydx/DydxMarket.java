package io.yielddelta.keeper.venues.dydx;

import io.yielddelta.keeper.core.venue.Instrument;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The trading rules of one dYdX perpetual as the keeper needs them.
 *
 * @param market                 the keeper's name ({@code ETH})
 * @param ticker                 dYdX's name ({@code ETH-USD})
 * @param clobPairId             the order book the orders go to
 * @param quantizer              size/price ↔ quantums/subticks
 * @param initialMarginFraction  1 / maximum leverage
 */
record DydxMarket(
        String market, String ticker, int clobPairId, DydxQuantizer quantizer, BigDecimal initialMarginFraction) {

    /** dYdX has no minimum notional: one step is the smallest order. */
    Instrument instrument() {
        int maxLeverage = initialMarginFraction.signum() > 0
                ? BigDecimal.ONE
                        .divide(initialMarginFraction, 0, RoundingMode.FLOOR)
                        .intValueExact()
                : 1;
        return new Instrument(market, quantizer.tickSize(), quantizer.stepSize(), BigDecimal.ZERO, maxLeverage);
    }
}
