package io.yielddelta.keeper.app.config;

import io.yielddelta.keeper.core.policy.PolicySettings;
import io.yielddelta.keeper.core.policy.RegimeGatedScorer;
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
                .map(BigDecimal::doubleValue)
                .orElse(d.widthSigmas());
        int minHalf = m.integer("minHalfWidthTicks", false, 1, 887_272)
                .orElse((long) d.minHalfWidthTicks())
                .intValue();
        int maxHalf = m.integer("maxHalfWidthTicks", false, 1, 887_272)
                .orElse((long) d.maxHalfWidthTicks())
                .intValue();
        double nearEdge = m.decimal("nearEdgeFraction", false, BigDecimal.ZERO, false, new BigDecimal("0.49"))
                .map(BigDecimal::doubleValue)
                .orElse(d.nearEdgeFraction());
        int minTickMove = m.integer("minTickMove", false, 1, 887_272)
                .orElse((long) d.minTickMove())
                .intValue();
        Duration maxAge = m.duration("maxAge").orElse(d.maxAge());
        int maxTwap = m.integer("maxTwapDeviationTicks", false, 0, 887_272)
                .orElse((long) d.maxTwapDeviation())
                .intValue();
        int slippage = m.integer("slippageBps", false, 0, 9_999)
                .orElse((long) d.slippageBps())
                .intValue();
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
            return Optional.of(new PolicySettings(
                    widthSigmas, minHalf, maxHalf, nearEdge, minTickMove, maxAge, maxTwap, slippage, deadline));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // each cause was reported above with its line
        }
    }

    /**
     * The section's {@code scorer} ({@code ewma}, the default, or {@code regime}) and, for {@code regime}, its optional
     * {@code regime} thresholds ({@code enterAbove}, {@code leaveBelow}, {@code trailingHours}); call before
     * {@link #read}, which reports the fields nobody asked for.
     *
     * @return empty when a problem was reported
     */
    public static Optional<ScorerChoice> scorer(YamlMap m) {
        Optional<String> name = m.string("scorer", false);
        Optional<ScorerChoice.Kind> kind = switch (name.orElse("ewma")) {
            case "ewma" -> Optional.of(ScorerChoice.Kind.EWMA);
            case "regime" -> Optional.of(ScorerChoice.Kind.REGIME);
            case "models" -> {
                m.problem("scorer", "the ONNX models are not wired into the policy yet: expected regime or ewma");
                yield Optional.empty();
            }
            default -> {
                m.problem("scorer", "expected regime or ewma");
                yield Optional.empty();
            }
        };
        Optional<YamlMap> section = m.map("regime", false);
        if (section.isEmpty()) {
            return kind.map(k -> new ScorerChoice(k, RegimeGatedScorer.TRAINED));
        }
        YamlMap r = section.get();
        if (kind.isPresent() && kind.get() != ScorerChoice.Kind.REGIME) {
            m.problem("regime", "only applies to scorer: regime");
        }
        RegimeGatedScorer.Thresholds d = RegimeGatedScorer.TRAINED;
        double enter = r.decimal("enterAbove", false, BigDecimal.ZERO, false, BigDecimal.valueOf(100))
                .map(BigDecimal::doubleValue)
                .orElse(d.enterAbove());
        double leave = r.decimal("leaveBelow", false, BigDecimal.ZERO, false, BigDecimal.valueOf(100))
                .map(BigDecimal::doubleValue)
                .orElse(d.leaveBelow());
        int hours = r.integer("trailingHours", false, 1, 24 * 90)
                .orElse((long) d.trailingHours())
                .intValue();
        r.finish();
        if (leave > enter) {
            r.problem("leaveBelow", "must not exceed enterAbove (" + enter + ")");
            return Optional.empty();
        }
        if (kind.isEmpty() || kind.get() != ScorerChoice.Kind.REGIME) {
            return Optional.empty();
        }
        return Optional.of(new ScorerChoice(kind.get(), new RegimeGatedScorer.Thresholds(enter, leave, hours)));
    }

    /** {@link PolicySettings#DEFAULTS} with a vault's own slippage default. */
    static PolicySettings defaults(int slippageBps) {
        PolicySettings d = PolicySettings.DEFAULTS;
        return new PolicySettings(
                d.widthSigmas(),
                d.minHalfWidthTicks(),
                d.maxHalfWidthTicks(),
                d.nearEdgeFraction(),
                d.minTickMove(),
                d.maxAge(),
                d.maxTwapDeviation(),
                slippageBps,
                d.deadline());
    }
}
