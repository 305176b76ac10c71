package io.yielddelta.keeper.venues.coinbase.dto;

/** {@code balance_summary} of {@code GET /cfm/balance_summary} (and of the futures_balance_summary channel). */
public record FcmBalanceSummary(
        Amount futuresBuyingPower,
        Amount totalUsdBalance,
        Amount cbiUsdBalance,
        Amount cfmUsdBalance,
        Amount totalOpenOrdersHoldAmount,
        Amount unrealizedPnl,
        Amount dailyRealizedPnl,
        Amount initialMargin,
        Amount availableMargin,
        Amount liquidationThreshold,
        Amount liquidationBufferAmount,
        String liquidationBufferPercentage) {}
