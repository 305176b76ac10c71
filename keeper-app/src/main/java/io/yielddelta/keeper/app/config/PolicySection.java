package io.yielddelta.keeper.app.config;

import io.yielddelta.keeper.core.policy.PolicySettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/** A vault's {@code policy}, read the same way by the deployment and the backtest files. */
public final class PolicySection {

    private PolicySection() {}

    /** @return empty when a problem was reported */
    public static Optional<PolicySettings> read(YamlMap m) {
        PolicySettings d = PolicySettings.DEFAULTS;
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
        if (minHalf > maxHalf) {
            m.problem("minHalfWidthTicks", "must not exceed maxHalfWidthTicks");
        }
        m.finish();
        try {
            return Optional.of(new PolicySettings(widthSigmas, minHalf, maxHalf, nearEdge, minTickMove, maxAge, maxTwap,
                    slippage, deadline));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // each cause was reported above with its line
        }
    }
}
