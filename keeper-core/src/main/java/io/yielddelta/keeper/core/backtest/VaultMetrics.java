package io.yielddelta.keeper.core.backtest;

/**
 * One run's results, as the backtest's JSON and report give them. Percentages of the starting value unless named APY
 * (simple annualised, no compounding); {@code ilReductionPct} compares with the same ranges unhedged.
 * {@code priceExposurePct} is what holding the starting tokens gained or lost: with fees, impermanent loss, hedge,
 * funding, trading fees and gas it adds up to the net return.
 */
public record VaultMetrics(
        double netApyPct,
        double priceExposurePct,
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
