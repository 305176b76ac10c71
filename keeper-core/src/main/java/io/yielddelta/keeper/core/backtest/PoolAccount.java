package io.yielddelta.keeper.core.backtest;

/**
 * The pool side of one run in quote units, as it moves along the price path: a liquidity position (liquidity and the
 * square roots of its range's prices, in whole-token units; none for HODL), idle tokens and fees held. Each move of
 * the price splits the value change into HODL, direction (holding another delta than HODL) and LVR; each fee is
 * valued when it accrues, paid half in each token (swaps come both ways), and earned only while the price is in range
 * (Uniswap's rule: lower ≤ price &lt; upper). Statistics, not amounts sent anywhere: doubles, set from the exact vault after each
 * rebalance.
 *
 * <p>LVR of a move from p to p' = x(p)·(p' − p) − (V(p') − V(p)), with x the base the position holds and V its value:
 * what a portfolio holding the position's delta made, less what the position made (never negative: V is concave).
 */
final class PoolAccount {
    private final Ledger ledger;
    private final double hodlBase;
    private double liquidity;
    private double sqrtLower;
    private double sqrtUpper = Double.POSITIVE_INFINITY;
    private double idleBase;
    private double idleQuote;
    private double feesBase;
    private double feesQuote;
    /** Fees of the current hour not yet credited to the vault. */
    private double accruedBase;

    private double accruedQuote;
    private double price;
    private double inversePrice;
    private double inverseLower;
    private double inverseUpper;
    private double positionBase;
    private double positionValue;

    /** @param hodlBase the base the starting tokens held: HODL's delta */
    PoolAccount(Ledger ledger, double price, double hodlBase, double idleBase, double idleQuote) {
        this.ledger = ledger;
        this.hodlBase = hodlBase;
        this.price = price;
        this.inversePrice = 1 / price;
        this.idleBase = idleBase;
        this.idleQuote = idleQuote;
    }

    Ledger ledger() {
        return ledger;
    }

    /**
     * Walks the points {@code from} (inclusive) to {@code to} of the hour's path: at each the price moves there, a
     * position in range earns {@code fee}, and |delta| in % of the value goes to {@code meter} (when not null) with the
     * weight {@code hours}. The loop keeps the account in locals: it runs for every vault at every point.
     */
    void walk(PricePath path, int from, int to, double fee, DeltaMeter meter, double hours, double bandPct) {
        double[] prices = path.prices();
        double[] roots = path.roots();
        double[] inverseRoots = path.inverseRoots();
        double l = liquidity;
        double lower = sqrtLower;
        double upper = sqrtUpper;
        double heldBase = idleBase + feesBase;
        double heldQuote = idleQuote + feesQuote;
        double accBase = accruedBase;
        double accQuote = accruedQuote;
        double x = positionBase;
        double v = positionValue;
        double last = price;
        double hodl = 0;
        double direction = 0;
        double lvr = 0;
        double fees = 0;
        double inverse = inversePrice;
        for (int i = from; i < to; i++) {
            double p = prices[i];
            double s = roots[i];
            double dp = p - last;
            double delta = x + heldBase + accBase;
            double base = x;
            double before = v;
            if (l == 0) {
                x = 0;
                v = 0;
            } else if (s < lower) {
                x = l * (inverseLower - inverseUpper);
                v = x * p;
            } else if (s < upper) {
                x = l * (inverseRoots[i] - inverseUpper);
                v = x * p + l * (s - lower);
            } else {
                x = 0;
                v = l * (upper - lower);
            }
            hodl += hodlBase * dp;
            direction += (delta - hodlBase) * dp;
            lvr += base * dp - (v - before);
            last = p;
            inverse = inverseRoots[i] * inverseRoots[i];
            if (fee > 0 && l > 0 && s >= lower && s < upper) {
                accBase += fee * 0.5 * inverse;
                accQuote += fee * 0.5;
                fees += fee;
            }
            if (meter != null) {
                double value = v + (heldBase + accBase) * p + heldQuote + accQuote;
                meter.sample(Math.abs((x + heldBase + accBase) * p / value * 100), hours, bandPct);
            }
        }
        positionBase = x;
        positionValue = v;
        price = last;
        inversePrice = inverse;
        accruedBase = accBase;
        accruedQuote = accQuote;
        ledger.hodl += hodl;
        ledger.direction += direction;
        ledger.lvr += lvr;
        ledger.fees += fees;
    }

    private void position(double p, double sqrtP, double inverseSqrtP) {
        if (liquidity == 0) {
            positionBase = 0;
            positionValue = 0;
        } else if (sqrtP < sqrtLower) {
            positionBase = liquidity * (inverseLower - inverseUpper);
            positionValue = positionBase * p;
        } else if (sqrtP < sqrtUpper) {
            positionBase = liquidity * (inverseSqrtP - inverseUpper);
            positionValue = positionBase * p + liquidity * (sqrtP - sqrtLower);
        } else {
            positionBase = 0;
            positionValue = liquidity * (sqrtUpper - sqrtLower);
        }
    }

    double liquidity() {
        return liquidity;
    }

    /** This hour's accrued fees, base and quote, to credit to the exact vault. */
    double accruedBase() {
        return accruedBase;
    }

    double accruedQuote() {
        return accruedQuote;
    }

    /** The hour's fees reach the vault: {@code base}/{@code quote} of the accrued ones (rounded down to token units). */
    void credited(double base, double quote) {
        ledger.fees += (base - accruedBase) * price + (quote - accruedQuote);
        feesBase += base;
        feesQuote += quote;
        accruedBase = 0;
        accruedQuote = 0;
    }

    /** The base held: the position's, idle and fees. */
    double delta() {
        return positionBase + idleBase + feesBase + accruedBase;
    }

    double value() {
        return positionValue + (idleBase + feesBase + accruedBase) * price + idleQuote + feesQuote + accruedQuote;
    }

    double price() {
        return price;
    }

    double feesBase() {
        return feesBase;
    }

    double feesQuote() {
        return feesQuote;
    }

    /**
     * The vault's holdings after a rebalance, in whole tokens; what it lost at the market price (the position valued
     * there, not at the price its own swap left the pool at) is the rebalance's cost, returned.
     */
    double rebalanced(
            double newLiquidity,
            double newSqrtLower,
            double newSqrtUpper,
            double newIdleBase,
            double newIdleQuote,
            double newFeesBase,
            double newFeesQuote) {
        double before = value();
        set(newLiquidity, newSqrtLower, newSqrtUpper, newIdleBase, newIdleQuote, newFeesBase, newFeesQuote);
        double cost = before - value();
        ledger.swapCost += cost;
        return cost;
    }

    /** Sets the holdings without booking anything (at the start). */
    void set(
            double newLiquidity,
            double newSqrtLower,
            double newSqrtUpper,
            double newIdleBase,
            double newIdleQuote,
            double newFeesBase,
            double newFeesQuote) {
        liquidity = newLiquidity;
        sqrtLower = newSqrtLower;
        sqrtUpper = newSqrtUpper;
        idleBase = newIdleBase;
        idleQuote = newIdleQuote;
        feesBase = newFeesBase;
        feesQuote = newFeesQuote;
        accruedBase = 0;
        accruedQuote = 0;
        inverseLower = 1 / newSqrtLower;
        inverseUpper = 1 / newSqrtUpper;
        double sqrtP = Math.sqrt(price);
        position(price, sqrtP, 1 / sqrtP);
    }
}
