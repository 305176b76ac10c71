package io.yielddelta.keeper.ml.range;

/**
 * A concentrated position in log-price terms: half-width w and centre offset δ (the price sits at δ·w above the
 * centre... below it when negative: centre = ln p − δ·w), so the range is [ln p − w(1+δ), ln p + w(1−δ)] and the
 * price is inside for |δ| &lt; 1. Values per unit of liquidity with s = √p, a = √pa, b = √pb:
 * V = 2s − p/b − a (in range), and a full-range position of the same liquidity is worth 2s. Its ratio is the
 * concentration c = 2s / V, which multiplies both the fee income and the LVR (σ²/8 per unit of time) of the position
 * relative to full range.
 */
public final class RangeGeometry {
    private RangeGeometry() {}

    /** The concentration of a range of half-width {@code w} with the price at offset {@code delta} (|δ| &lt; 1). */
    public static double concentration(double w, double delta) {
        requireRange(w, delta);
        return 2 / (2 - Math.exp(-w * (1 - delta) / 2) - Math.exp(-w * (1 + delta) / 2));
    }

    /**
     * Value per unit of liquidity of the range [lnLower, lnUpper] at log price {@code lnPrice}, in quote units:
     * below the range all base, above all quote, in between both.
     */
    public static double value(double lnPrice, double lnLower, double lnUpper) {
        double s = Math.exp(lnPrice / 2);
        double a = Math.exp(lnLower / 2);
        double b = Math.exp(lnUpper / 2);
        if (s <= a) {
            return s * s * (1 / a - 1 / b);
        }
        if (s >= b) {
            return b - a;
        }
        return 2 * s - s * s / b - a;
    }

    /** Base units per unit of liquidity held at {@code lnPrice}: the position's delta. */
    public static double amountBase(double lnPrice, double lnLower, double lnUpper) {
        double s = Math.exp(lnPrice / 2);
        double a = Math.exp(lnLower / 2);
        double b = Math.exp(lnUpper / 2);
        return 1 / Math.max(a, Math.min(s, b)) - 1 / b;
    }

    static void requireRange(double w, double delta) {
        if (!(w > 0) || Double.isInfinite(w) || !(Math.abs(delta) < 1)) {
            throw new IllegalArgumentException("need half-width > 0 and |offset| < 1, was " + w + ", " + delta);
        }
    }
}
