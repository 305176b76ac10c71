package io.yielddelta.keeper.app.config;

import io.yielddelta.keeper.core.observation.ObservationHistory;
import io.yielddelta.keeper.core.policy.RangeScorer;
import io.yielddelta.keeper.core.policy.RealizedVolatilityScorer;
import io.yielddelta.keeper.core.policy.RegimeGatedScorer;
import java.util.Objects;

/**
 * A vault's {@code policy.scorer}: {@code ewma} (the realised-volatility width, always in the pool) or {@code regime}
 * (the same width, in the pool only while trailing fees pay for LVR, with its thresholds). The ONNX models are not
 * offered here yet.
 */
public record ScorerChoice(Kind kind, RegimeGatedScorer.Thresholds regime) {

    public enum Kind {
        EWMA,
        REGIME
    }

    public static final ScorerChoice EWMA = new ScorerChoice(Kind.EWMA, RegimeGatedScorer.TRAINED);

    public ScorerChoice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(regime, "regime");
    }

    /** A fresh scorer of this choice; {@code history} is where a regime scorer reads the vault's pool hours. */
    public RangeScorer scorer(ObservationHistory history) {
        return switch (kind) {
            case EWMA -> RealizedVolatilityScorer.baseline();
            case REGIME -> new RegimeGatedScorer(history, RealizedVolatilityScorer.baseline(), regime);
        };
    }
}
