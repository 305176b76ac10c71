package io.yielddelta.keeper.core.backtest;

/**
 * One run's results, as the backtest's JSON and report give them. Percentages of the starting value unless named APY
 * (annualised); {@code ilReductionPct} compares with the same ranges unhedged.
 */
public record VaultMetrics(
        double netApyPct,
        double feeApyPct,
        double ilPct,
        double hedgePnlPct,
        double fundingPct,
        double tradingFeesPct,
        double gasPct,
        double deltaWithinBandPct,
        double hedgingCostApyPct,
        double ilReductionPct,
        double avgRebalanceSlippagePct,
        double maxRebalanceLagHours,
        int rebalances,
        int hedgeOrders) {}
