package io.yielddelta.keeper.core.observation;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the keeper can see of one pool and its hedge venue over one hour, read at the end of the hour. The models'
 * features are computed from a run of these rows only, so training (rows built from market history), the backtest
 * (rows its simulated pool and venue produce) and the daemon (rows read from the chain and the venue) feed the same
 * feature code. Statistics, never amounts sent anywhere: doubles.
 *
 * @param hourEnd         the read time, on the hour (UTC)
 * @param tick            the pool's {@code slot0} tick at the read
 * @param twapTick        the pool's time-weighted mean tick over the hour that ended (its oracle, {@code observe})
 * @param feeYield        fees the pool paid during the hour per unit of value of a full-range position (see
 *                        {@link #feeYield}); comparable with LVR, σ²/8 per unit of time for the same position
 * @param activeLiquidity the pool's in-range liquidity ({@code liquidity()}) at the read; only its changes are used
 * @param markClose       the hedge venue's mark price at the read (quote per base)
 * @param markHigh        the highest mark streamed during the hour
 * @param markLow         the lowest mark streamed during the hour
 * @param fundingRate     the venue's last funding rate settled at or before the read, per hour (8-hourly venues: /8)
 */
public record HourObservation(
        Instant hourEnd,
        int tick,
        int twapTick,
        double feeYield,
        double activeLiquidity,
        double markClose,
        double markHigh,
        double markLow,
        double fundingRate) {

    private static final double Q128 = 0x1p128;
    private static final double Q96 = 0x1p96;
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    public HourObservation {
        Objects.requireNonNull(hourEnd, "hourEnd");
        if (!hourEnd.equals(hourEnd.truncatedTo(java.time.temporal.ChronoUnit.HOURS))) {
            throw new IllegalArgumentException("hourEnd must be on the hour, was " + hourEnd);
        }
        requireFinite(feeYield, "feeYield", 0);
        requireFinite(activeLiquidity, "activeLiquidity", 0);
        requireFinite(fundingRate, "fundingRate", Double.NEGATIVE_INFINITY);
        if (!(markLow > 0) || !(markLow <= markClose) || !(markClose <= markHigh) || Double.isInfinite(markHigh)) {
            throw new IllegalArgumentException("need 0 < markLow <= markClose <= markHigh (finite), was low " + markLow
                    + ", close " + markClose + ", high " + markHigh + " at " + hourEnd);
        }
    }

    /** The hour before this one ends {@code Duration.ofHours(1)} earlier; a run of rows must be consecutive. */
    public boolean follows(HourObservation previous) {
        return Duration.between(previous.hourEnd, hourEnd).equals(Duration.ofHours(1));
    }

    /**
     * The fee yield of a full-range position from two reads of the pool's {@code feeGrowthGlobal0X128} and
     * {@code feeGrowthGlobal1X128} (Q128 fees per unit of liquidity, wrapping modulo 2^256 as the contract lets them).
     * A full-range position of liquidity L is worth 2·L·√P in token1 (raw units), and earns L·(f0·P + f1), so its
     * yield is (f0·√P + f1/√P) / 2 — free of decimals.
     */
    public static double feeYield(
            BigInteger growth0Before,
            BigInteger growth0After,
            BigInteger growth1Before,
            BigInteger growth1After,
            BigInteger sqrtPriceX96) {
        double f0 = growth0After.subtract(growth0Before).mod(TWO_256).doubleValue() / Q128;
        double f1 = growth1After.subtract(growth1Before).mod(TWO_256).doubleValue() / Q128;
        double sqrtPrice = sqrtPriceX96.doubleValue() / Q96;
        if (!(sqrtPrice > 0)) {
            throw new IllegalArgumentException("sqrtPriceX96 must be positive");
        }
        return (f0 * sqrtPrice + f1 / sqrtPrice) / 2;
    }

    private static void requireFinite(double value, String name, double min) {
        if (!Double.isFinite(value) || value < min) {
            throw new IllegalArgumentException(
                    name + " must be finite" + (min == 0 ? " and not negative" : "") + ", was " + value);
        }
    }
}
