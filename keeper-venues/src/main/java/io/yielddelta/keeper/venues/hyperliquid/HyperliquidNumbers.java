package io.yielddelta.keeper.venues.hyperliquid;

import io.yielddelta.keeper.core.venue.Side;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Hyperliquid's number rules for perpetuals, on exact decimals:
 *
 * <ul>
 *   <li>a price has at most 5 significant figures and at most {@code 6 - szDecimals} decimals; an integer price is
 *       always accepted, whatever its number of figures;
 *   <li>a size has at most {@code szDecimals} decimals;
 *   <li>both travel as the SDK's {@code float_to_wire} string: at most 8 decimals, trailing zeros stripped, never an
 *       exponent.
 * </ul>
 *
 * Rounding always goes the way that keeps within the keeper's intent: sizes down, and prices toward the less
 * aggressive side (a buy never pays more, a sell never receives less, than asked).
 */
final class HyperliquidNumbers {

    private static final int MAX_PERP_DECIMALS = 6;
    private static final int MAX_SIGNIFICANT_FIGURES = 5;
    private static final int WIRE_DECIMALS = 8;
    private static final BigDecimal HASHING_TOLERANCE = new BigDecimal("0.001");

    private HyperliquidNumbers() {}

    /**
     * Rounds a price to what the venue accepts, down for a buy and up for a sell.
     *
     * @throws IllegalArgumentException if a buy price is below the smallest price the decimals allow (it would round
     *                                  to zero)
     */
    static BigDecimal roundPrice(BigDecimal price, int szDecimals, Side side) {
        if (price.signum() <= 0) {
            throw new IllegalArgumentException("price must be positive, was " + price);
        }
        RoundingMode mode = side == Side.BUY ? RoundingMode.FLOOR : RoundingMode.CEILING;
        BigDecimal rounded = price.setScale(allowedPriceDecimals(price, szDecimals), mode);
        if (rounded.signum() == 0) {
            throw new IllegalArgumentException("price " + price.toPlainString() + " is below the smallest price with "
                    + (MAX_PERP_DECIMALS - szDecimals) + " decimals");
        }
        // Rounding up can carry into a new digit (99999.5 -> 100000): still valid, fewer figures after the carry.
        return rounded.stripTrailingZeros();
    }

    /** Whether the venue accepts this price as it is. */
    static boolean isValidPrice(BigDecimal price, int szDecimals) {
        BigDecimal stripped = price.stripTrailingZeros();
        return price.signum() > 0
                && (stripped.scale() <= 0 || stripped.scale() <= allowedPriceDecimals(stripped, szDecimals));
    }

    /** Rounds a size down to {@code szDecimals} decimals; may give zero, which the caller must refuse. */
    static BigDecimal roundSizeDown(BigDecimal size, int szDecimals) {
        return size.setScale(szDecimals, RoundingMode.DOWN).stripTrailingZeros();
    }

    /**
     * The SDK's {@code float_to_wire}: the number with at most 8 decimals, trailing zeros stripped, in plain notation.
     *
     * @throws IllegalArgumentException if it would need rounding at 8 decimals
     */
    static String toWire(BigDecimal value) {
        BigDecimal eight;
        try {
            eight = value.setScale(WIRE_DECIMALS, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("float_to_wire causes rounding: " + value, e);
        }
        if (eight.signum() == 0) {
            return "0";
        }
        return eight.stripTrailingZeros().toPlainString();
    }

    /**
     * The SDK's {@code float_to_int_for_hashing}: {@code x·10^8} as an integer.
     *
     * @throws IllegalArgumentException if that is not within 1e-3 of an integer
     */
    static BigInteger toIntForHashing(BigDecimal value) {
        BigDecimal scaled = value.movePointRight(WIRE_DECIMALS);
        BigDecimal nearest = scaled.setScale(0, RoundingMode.HALF_EVEN);
        if (scaled.subtract(nearest).abs().compareTo(HASHING_TOLERANCE) >= 0) {
            throw new IllegalArgumentException("float_to_int_for_hashing causes rounding: " + value);
        }
        return nearest.toBigIntegerExact();
    }

    /** min(6 − szDecimals, decimals that keep 5 significant figures), never below 0 (integers are always valid). */
    private static int allowedPriceDecimals(BigDecimal price, int szDecimals) {
        int magnitude = price.precision() - price.scale() - 1; // floor(log10(price))
        int forSignificantFigures = MAX_SIGNIFICANT_FIGURES - 1 - magnitude;
        return Math.max(0, Math.min(MAX_PERP_DECIMALS - szDecimals, forSignificantFigures));
    }
}
