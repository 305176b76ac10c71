package io.yielddelta.keeper.core.backtest;

import java.util.List;

/**
 * One run's results, as the backtest's JSON and report give them. Capital is the vault's starting value plus, for a
 * hedged vault, its venues' collateral. Names ending in {@code ApyPct} are simple annualised % of capital (no
 * compounding); those ending in {@code Pct} without APY are cumulative over the period, % of capital; the others say
 * what they are.
 *
 * <p>The annualised lines add up: net = HODL + excess vs HODL; excess = edge + direction + hedge P&amp;L − hedging cost
 * + funding; edge = fees + LVR + rebalance cost (LVR and rebalance cost negative).
 *
 * @param hedgingCostApyPct   hedge trading fees plus slippage, gross (funding is {@code fundingApyPct}), positive
 * @param priceExposurePct    cumulative: what the starting tokens, held, made
 * @param ilPct               cumulative: pool value less fees less HODL (direction + LVR + rebalance swaps)
 * @param hedgePnlPct         cumulative: the hedge's price P&amp;L at the marks (slippage is in the hedging cost)
 * @param deltaWithinBandPct  time share of the path's points at which |net delta| (before the hedger acts) was within
 *                            the measuring band, of the vault's own value
 * @param deltaP50Pct         time-weighted median of |net delta|, % of the vault's value, before the hedger acts
 * @param ilReductionPct      1 − |IL + price exposure + hedge P&amp;L| / |the same ranges' IL unhedged|
 * @param avgRebalanceSlippagePct mean rebalance cost per swapped notional (swap fee, impact, arbitrage back)
 * @param netApyCi90          block-bootstrap 90 % interval of the net APY [low, high]; empty for a period under 30 days
 */
public record VaultMetrics(
        double netApyPct,
        double hodlApyPct,
        double excessVsHodlApyPct,
        double edgeApyPct,
        double feeApyPct,
        double lvrApyPct,
        double rebalanceCostApyPct,
        double directionApyPct,
        double hedgePnlApyPct,
        double hedgingCostApyPct,
        double fundingApyPct,
        double priceExposurePct,
        double ilPct,
        double hedgePnlPct,
        double fundingPct,
        double tradingFeesPct,
        double gasPct,
        double deltaWithinBandPct,
        double hoursOverBandPct,
        double deltaP50Pct,
        double deltaP99Pct,
        double ilReductionPct,
        double avgRebalanceSlippagePct,
        double slippageP95Pct,
        double maxRebalanceLagHours,
        int rebalances,
        int hedgeOrders,
        double capitalUsd,
        double hedgeCollateralUsd,
        double years,
        List<Double> netApyCi90,
        List<Double> edgeApyCi90) {}
