package io.yielddelta.keeper.core.venue;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** What a venue accepts for one perpetual market. */
public record Instrument(
        String market, BigDecimal tickSize, BigDecimal lotSize, BigDecimal minNotional, int maxLeverage) {

    /** Rounds a size down to the lot size, so an order never exceeds what was intended. */
    public BigDecimal roundSizeDown(BigDecimal size) {
        return size.divide(lotSize, 0, RoundingMode.DOWN).multiply(lotSize).stripTrailingZeros();
    }

    /** Rounds a price to the tick, in the direction that does not cross the keeper's intent. */
    public BigDecimal roundPrice(BigDecimal price, RoundingMode mode) {
        return price.divide(tickSize, 0, mode).multiply(tickSize).stripTrailingZeros();
    }
}
