package io.yielddelta.keeper.core.policy;

import java.util.Objects;

/**
 * What a {@link RangeScorer} expects of a vault's pool over the policy's horizon.
 *
 * @param centreTick the tick the price is expected to stay around
 * @param sigmaTicks the expected standard deviation of the tick over the horizon (a statistic: double is right here)
 * @param model      which scorer and version produced it, recorded with the decision
 * @param provide    whether liquidity is worth providing now; false: the vault should leave the pool and hold its
 *                   tokens idle (the width is then only what a range would have been)
 */
public record RangeScore(int centreTick, double sigmaTicks, String model, boolean provide) {

    /** A score that provides liquidity: the scorers that only choose a width. */
    public RangeScore(int centreTick, double sigmaTicks, String model) {
        this(centreTick, sigmaTicks, model, true);
    }

    public RangeScore {
        if (!(sigmaTicks >= 0) || Double.isInfinite(sigmaTicks)) {
            throw new IllegalArgumentException("sigmaTicks must be finite and not negative: " + sigmaTicks);
        }
        Objects.requireNonNull(model, "model");
    }
}
