package io.yielddelta.keeper.core.backtest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one {@code keeper backtest} produced: every vault with its side-by-side runs, and the models and parameters
 * the simulation assumed (fee income, costs), so the report can state them.
 */
public record BacktestResult(Instant from, Instant to, Map<String, String> assumptions, List<VaultResult> vaults) {

    /** One vault: its kind (CONCENTRATED_LIQUIDITY, DELTA_NEUTRAL, ARBITRAGE) and one run per {@link Variant}. */
    public record VaultResult(String name, String kind, Map<Variant, Run> runs) {
        public Run strategy() {
            return runs.get(Variant.STRATEGY);
        }
    }

    public record Run(VaultMetrics metrics, List<HourSample> samples) {}
}
