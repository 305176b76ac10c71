package io.yielddelta.keeper.venues;

import io.yielddelta.keeper.core.venue.Side;
import java.math.BigDecimal;

/**
 * The limit a venue without native market orders puts on a market order sent without a price: the reference (mark
 * or oracle) moved against the taker by the configured slippage, so that the order fills at once but never beyond it.
 */
public final class ProtectiveLimit {

    private ProtectiveLimit() {}

    /** @param slippage a fraction in [0, 1): a buy may pay reference × (1 + slippage), a sell receive × (1 − slippage) */
    public static BigDecimal of(Side side, BigDecimal reference, BigDecimal slippage) {
        return reference.multiply(side == Side.BUY ? BigDecimal.ONE.add(slippage) : BigDecimal.ONE.subtract(slippage));
    }
}
