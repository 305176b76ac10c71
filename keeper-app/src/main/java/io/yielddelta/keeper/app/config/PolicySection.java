package io.yielddelta.keeper.app.config;

import io.yielddelta.keeper.core.policy.PolicySettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/** A vault's {@code policy}, read the same way by the deployment and the backtest files. */
public final class PolicySection {

    private PolicySection() {}

    /** A policy section with the core defaults (the backtest file's, whose simulated pool's fee is its own). */
    public static Optional<PolicySettings> read(YamlMap m) {
        return read(m, PolicySettings.DEFAULTS.slippageBps());
    }

    /**
     * @param defaultSlippageBps the re-ratio swap's tolerance when the section sets none: a deployment's is its pool's
     *                           fee plus a margin (a flat 1 % handed a sandwicher up to 1 % − fee of each swap)
     * @return empty when a problem was reported
     */
    public static Optional<PolicySettings> read(YamlMap m, int defaultSlippageBps) {
        PolicySettings d = defaults(defaultSlippageBps);
        double widthSigmas = m.decimal("widthSigmas", false, BigDecimal.ZERO, true, BigDecimal.valueOf(100))
                .map(BigDecimal::doubleValue).orElse(d.widthSigmas());
        int minHalf = m.integer("minHalfWidthTicks", false, 1, 887_272).orElse((long) d.minHalfWidthTicks()).intValue();
        int maxHalf = m.integer("maxHalfWidthTicks", false, 1, 887_272).orElse((long) d.maxHalfWidthTicks()).intValue();
        double nearEdge = m.decimal("nearEdgeFraction", false, BigDecimal.ZERO, false, new BigDecimal("0.49"))
                .map(BigDecimal::doubleValue).orElse(d.nearEdgeFraction());
        int minTickMove = m.integer("minTickMove", false, 1, 887_272).orElse((long) d.minTickMove()).intValue();
        Duration maxAge = m.duration("maxAge").orElse(d.maxAge());
        int maxTwap = m.integer("maxTwapDeviationTicks", false, 0, 887_272).orElse((long) d.maxTwapDeviation()).intValue();
        int slippage = m.integer("slippageBps", false, 0, 9_999).orElse((long) d.slippageBps()).intValue();
        Duration deadline = m.duration("deadline").orElse(d.deadline());
        boolean lifetimeOk = ChainlinkSection.withinSignatureLifetime(m, "deadline", deadline);
        if (minHalf > maxHalf) {
            m.problem("minHalfWidthTicks", "must not exceed maxHalfWidthTicks");
        }
        m.finish();
        if (!lifetimeOk) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PolicySettings(widthSigmas, minHalf, maxHalf, nearEdge, minTickMove, maxAge, maxTwap,
                    slippage, deadline));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // each cause was reported above with its line
        }
    }

    /** {@link PolicySettings#DEFAULTS} with a vault's own slippage default. */
    static PolicySettings defaults(int slippageBps) {
        PolicySettings d = PolicySettings.DEFAULTS;
        return new PolicySettings(d.widthSigmas(), d.minHalfWidthTicks(), d.maxHalfWidthTicks(), d.nearEdgeFraction(),
                d.minTickMove(), d.maxAge(), d.maxTwapDeviation(), slippageBps, d.deadline());
    }
}
