package io.yielddelta.keeper.core.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * One vault's rebalance policy.
 *
 * @param widthSigmas       half-width of a new range in standard deviations of the scorer's forecast
 * @param minHalfWidthTicks least half-width, whatever the forecast
 * @param maxHalfWidthTicks most half-width, whatever the forecast
 * @param nearEdgeFraction  rebalance when the tick is within this fraction of the range width from an edge
 * @param minTickMove       rebalance when the tick is at least this far from the range centre
 * @param maxAge            rebalance when the range is older than this; also the scorer's horizon
 * @param maxTwapDeviation  refuse to rebalance when the pool tick is further than this from its TWAP (the stricter
 *                          of this and the contract's own bound applies)
 * @param slippageBps       tolerated loss on the re-ratio swap, basis points (covers the pool fee)
 * @param deadline          how long after the decision the contract may still accept the transaction
 */
public record PolicySettings(
        double widthSigmas,
        int minHalfWidthTicks,
        int maxHalfWidthTicks,
        double nearEdgeFraction,
        int minTickMove,
        Duration maxAge,
        int maxTwapDeviation,
        int slippageBps,
        Duration deadline) {

    public static final PolicySettings DEFAULTS =
            new PolicySettings(2.0, 60, 20_000, 0.1, 2_000, Duration.ofDays(7), 100, 100, Duration.ofMinutes(10));

    public PolicySettings {
        if (!(widthSigmas > 0) || Double.isInfinite(widthSigmas)) {
            throw new IllegalArgumentException("widthSigmas must be positive");
        }
        if (minHalfWidthTicks < 1 || maxHalfWidthTicks < minHalfWidthTicks) {
            throw new IllegalArgumentException("need 1 <= minHalfWidthTicks <= maxHalfWidthTicks");
        }
        if (!(nearEdgeFraction >= 0 && nearEdgeFraction < 0.5)) {
            throw new IllegalArgumentException("nearEdgeFraction must be in [0, 0.5)");
        }
        if (minTickMove < 1 || maxTwapDeviation < 0 || slippageBps < 0 || slippageBps >= 10_000) {
            throw new IllegalArgumentException("minTickMove >= 1, maxTwapDeviation >= 0, 0 <= slippageBps < 10000");
        }
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(deadline, "deadline");
        if (!maxAge.isPositive() || !deadline.isPositive()) {
            throw new IllegalArgumentException("maxAge and deadline must be positive");
        }
    }
}
