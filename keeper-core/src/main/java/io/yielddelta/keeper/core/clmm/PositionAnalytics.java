package io.yielddelta.keeper.core.clmm;

import java.math.BigInteger;

/**
 * Risk figures of one concentrated-liquidity position, in {@code double} (analytics, never amounts sent anywhere).
 *
 * <p><b>Conventions.</b> token0 is the base asset, token1 the quote asset. A price P is token1 per token0 in raw units
 * (smallest units of each token), which is what the pool stores: P = 1.0001^tick = (sqrtPriceX96 / 2^96)². Decimals
 * enter only when converting to human units: P_human = P · 10^(decimals0 − decimals1) (see {@link #humanPrice}),
 * an amount0 of a raw a is a / 10^decimals0 base units, a value of v is v / 10^decimals1 quote units. Everything
 * below is in raw units.
 *
 * <p>With liquidity L on [Pa, Pb] and s = √P, sa = √Pa, sb = √Pb the position holds
 * <pre>
 *   below the range (P ≤ Pa):  x = L(1/sa − 1/sb),  y = 0
 *   in range (Pa &lt; P &lt; Pb):   x = L(1/s − 1/sb),   y = L(s − sa)
 *   above the range (P ≥ Pb):  x = 0,               y = L(sb − sa)
 * </pre>
 * Its value is V = x·P + y (quote units). Delta is dV/dP = x (base units: the hedge is a short of x base); gamma is
 * d²V/dP² = −L/(2·s³) in range and 0 outside it (the value is linear there).
 */
public final class PositionAnalytics {
    private static final double Q96 = 0x1p96;

    private final double liquidity;
    private final double sqrtLower;
    private final double sqrtUpper;

    /** A position of {@code liquidity} between two ticks (lower &lt; upper, both within the tick bounds). */
    public PositionAnalytics(double liquidity, int tickLower, int tickUpper) {
        if (!(liquidity >= 0) || Double.isInfinite(liquidity)) {
            throw new IllegalArgumentException("liquidity = " + liquidity + " must be finite and not negative");
        }
        TickMath.requireTick(tickLower, "tickLower");
        TickMath.requireTick(tickUpper, "tickUpper");
        if (tickLower >= tickUpper) {
            throw new IllegalArgumentException("tickLower = " + tickLower + " is not below tickUpper = " + tickUpper);
        }
        this.liquidity = liquidity;
        this.sqrtLower = Math.sqrt(price(tickLower));
        this.sqrtUpper = Math.sqrt(price(tickUpper));
    }

    public static PositionAnalytics of(BigInteger liquidity, int tickLower, int tickUpper) {
        return new PositionAnalytics(
                Uint.requireUint(liquidity, 128, "liquidity").doubleValue(), tickLower, tickUpper);
    }

    /** The raw price at a tick: 1.0001^tick. */
    public static double price(int tick) {
        TickMath.requireTick(tick, "tick");
        return Math.pow(1.0001, tick);
    }

    /** The raw price of a Q64.96 sqrt price. */
    public static double price(BigInteger sqrtPriceX96) {
        double sqrt = Uint.requireUint(sqrtPriceX96, 160, "sqrtPriceX96").doubleValue() / Q96;
        return sqrt * sqrt;
    }

    /** Raw price → human price (whole token1 per whole token0). */
    public static double humanPrice(double rawPrice, int decimals0, int decimals1) {
        return rawPrice * Math.pow(10, decimals0 - decimals1);
    }

    /** Human price → raw price. */
    public static double rawPrice(double humanPrice, int decimals0, int decimals1) {
        return humanPrice * Math.pow(10, decimals1 - decimals0);
    }

    /** Token0 held at {@code price}. */
    public double amount0(double price) {
        double s = clampedSqrt(price);
        return liquidity * (1 / s - 1 / sqrtUpper);
    }

    /** Token1 held at {@code price}. */
    public double amount1(double price) {
        double s = clampedSqrt(price);
        return liquidity * (s - sqrtLower);
    }

    /** Value in token1 (quote) units: amount0·P + amount1. */
    public double value(double price) {
        return amount0(price) * price + amount1(price);
    }

    /** dV/dP in token0 (base) units: equal to the token0 held. */
    public double delta(double price) {
        return amount0(price);
    }

    /** d²V/dP²: −L / (2·P^{3/2}) in range, 0 outside (where the value is linear in P). */
    public double gamma(double price) {
        double s = Math.sqrt(requirePrice(price));
        if (s <= sqrtLower || s >= sqrtUpper) {
            return 0;
        }
        return -liquidity / (2 * s * s * s);
    }

    /**
     * Impermanent loss in quote units: V(P) − (x0·P + y0), where (x0, y0) is what the position held at
     * {@code initialPrice}; zero or negative (fees not counted).
     */
    public double impermanentLoss(double initialPrice, double price) {
        return value(price) - holdValue(initialPrice, price);
    }

    /** Impermanent loss relative to holding: V(P) / (x0·P + y0) − 1, in [−1, 0]. */
    public double impermanentLossRatio(double initialPrice, double price) {
        double hold = holdValue(initialPrice, price);
        return hold == 0 ? 0 : value(price) / hold - 1;
    }

    /**
     * Loss-versus-rebalancing rate (Milionis, Moallemi, Roughgarden, Zhang 2022): ℓ(σ, P) = σ²/2 · P² · |x'(P)|, with
     * x(P) the token0 the pool holds. In range x'(P) = −L/(2·P^{3/2}), so ℓ = σ²·L·√P / 4; outside the range x is
     * constant and ℓ = 0. The unit is quote units per unit of time of σ (σ annualised → LVR per year); divide by
     * {@link #value} for a rate relative to the position.
     */
    public double lvrRate(double sigma, double price) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma = " + sigma + " must be finite and not negative");
        }
        return sigma * sigma / 2 * price * price * Math.abs(gamma(price));
    }

    private double holdValue(double initialPrice, double price) {
        return amount0(initialPrice) * requirePrice(price) + amount1(initialPrice);
    }

    private double clampedSqrt(double price) {
        return Math.min(Math.max(Math.sqrt(requirePrice(price)), sqrtLower), sqrtUpper);
    }

    private static double requirePrice(double price) {
        if (!(price > 0) || Double.isInfinite(price)) {
            throw new IllegalArgumentException("price = " + price + " must be positive and finite");
        }
        return price;
    }
}
