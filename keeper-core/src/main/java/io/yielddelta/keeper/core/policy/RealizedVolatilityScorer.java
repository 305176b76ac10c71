package io.yielddelta.keeper.core.policy;

import io.yielddelta.keeper.core.vault.VaultState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The analytic baseline the models must beat: centre on the current tick, width from realised volatility. The
 * variance per second of the tick is an exponentially weighted average of the squared tick moves between the states
 * it is shown (a RiskMetrics-style estimator), started from a configured annual volatility so the first cycles after a
 * start have a sensible width.
 */
public final class RealizedVolatilityScorer implements RangeScorer {

    static final String MODEL = "realized-volatility-ewma";
    private static final double SECONDS_PER_YEAR = 365.25 * 24 * 3600;
    /** One tick is a factor of 1.0001 in price: ln(1.0001) of log-price. */
    private static final double LOG_PRICE_PER_TICK = Math.log(1.0001);

    private final double priorVariancePerSecond;
    private final double decay;
    private final Map<String, Estimate> estimates = new HashMap<>();

    private record Estimate(int tick, Instant at, double variancePerSecond) {}

    /**
     * @param priorAnnualVolatility volatility of the log price per year assumed before any move is seen (0.6 = 60 %)
     * @param decay                 weight of the old estimate at each new observation, in [0, 1)
     */
    /**
     * The keeper's baseline, the same live, in the sandbox and in backtests: a 60 % a year prior (ETH-like) and
     * RiskMetrics' 0.94 decay.
     */
    public static RealizedVolatilityScorer baseline() {
        return new RealizedVolatilityScorer(0.6, 0.94);
    }

    public RealizedVolatilityScorer(double priorAnnualVolatility, double decay) {
        if (!(priorAnnualVolatility > 0) || !(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("need priorAnnualVolatility > 0 and 0 <= decay < 1");
        }
        double sigmaTicksPerYear = priorAnnualVolatility / LOG_PRICE_PER_TICK;
        this.priorVariancePerSecond = sigmaTicksPerYear * sigmaTicksPerYear / SECONDS_PER_YEAR;
        this.decay = decay;
    }

    @Override
    public synchronized RangeScore score(VaultState state, Duration horizon) {
        Estimate previous = estimates.get(state.address());
        double variance = previous == null ? priorVariancePerSecond : previous.variancePerSecond();
        if (previous != null && state.blockTime().isAfter(previous.at())) {
            double seconds = Duration.between(previous.at(), state.blockTime()).toMillis() / 1000.0;
            double move = state.tick() - previous.tick();
            variance = decay * variance + (1 - decay) * (move * move / seconds);
        }
        if (previous == null || state.blockTime().isAfter(previous.at())) {
            estimates.put(state.address(), new Estimate(state.tick(), state.blockTime(), variance));
        }
        double sigma = Math.sqrt(variance * Math.max(1, horizon.toSeconds()));
        return new RangeScore(state.tick(), sigma, MODEL);
    }
}
