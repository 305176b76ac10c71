package io.yielddelta.keeper.venues.coinbase.dto;

import java.util.List;

/** {@code GET /intx/portfolio/{portfolio_uuid}}. */
public record IntxPortfolioSummary(List<Portfolio> portfolios, Summary summary) {

    public record Portfolio(
            String portfolioUuid,
            String collateral,
            String positionNotional,
            String openPositionNotional,
            String pendingFees,
            String portfolioInitialMargin,
            Amount portfolioImNotional,
            String portfolioMaintenanceMargin,
            Amount portfolioMmNotional,
            String liquidationPercentage,
            String liquidationBuffer,
            String marginType,
            String liquidationStatus,
            Amount unrealizedPnl,
            Amount totalBalance) {}

    public record Summary(Amount unrealizedPnl, Amount buyingPower, Amount totalBalance, Amount maxWithdrawalAmount) {}
}
