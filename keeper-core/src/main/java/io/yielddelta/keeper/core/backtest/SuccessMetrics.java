package io.yielddelta.keeper.core.backtest;

import java.util.ArrayList;
import java.util.List;

/**
 * The roadmap's success metrics (seed/roadmap.md, "Success Metrics"), checked against a vault's strategy run: slippage
 * per swapped notional, delta measured before the hedger acts, hedging cost gross of funding, APY on the capital.
 */
public final class SuccessMetrics {
    private SuccessMetrics() {}

    public record Check(String metric, String target, double actual, boolean passed) {}

    public static List<Check> evaluate(BacktestResult.VaultResult vault) {
        VaultMetrics m = vault.strategy().metrics();
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("rebalancing lag", "< 2 h", m.maxRebalanceLagHours(), m.maxRebalanceLagHours() < 2));
        checks.add(new Check(
                "slippage on rebalances (per swapped notional)",
                "< 0.5 %",
                m.avgRebalanceSlippagePct(),
                m.avgRebalanceSlippagePct() < 0.5));
        if (!vault.kind().equals("CONCENTRATED_LIQUIDITY")) {
            // "Delta < 5 % from neutral at all times": judged over time, at every mark before the hedger acts.
            checks.add(new Check(
                    "time with delta inside the band", "≥ 99 %", m.deltaWithinBandPct(), m.deltaWithinBandPct() >= 99));
            checks.add(new Check(
                    "hedging cost (trading fees + slippage)",
                    "< 2 % APY",
                    m.hedgingCostApyPct(),
                    m.hedgingCostApyPct() < 2));
            checks.add(new Check("impermanent-loss reduction", "> 70 %", m.ilReductionPct(), m.ilReductionPct() > 70));
        }
        double minApy = switch (vault.kind()) {
            case "DELTA_NEUTRAL" -> 7;
            case "CONCENTRATED_LIQUIDITY" -> 12;
            case "ARBITRAGE" -> 10;
            default -> throw new IllegalArgumentException("unknown vault kind " + vault.kind());
        };
        checks.add(new Check(
                "net APY (of the vault and its hedge collateral)",
                "≥ " + (int) minApy + " %",
                m.netApyPct(),
                m.netApyPct() >= minApy));
        return List.copyOf(checks);
    }
}
