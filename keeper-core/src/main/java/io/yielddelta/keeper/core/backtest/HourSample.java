package io.yielddelta.keeper.core.backtest;

import java.time.Instant;

/**
 * The state of one run at the end of one simulated hour, for charts. Values are in quote units (USD); the P&amp;L
 * lines are cumulative since the start, costs negative, and add up, with the starting capital, to {@code value}.
 * Statistics, not money sent anywhere: doubles.
 *
 * @param rangeLowerPrice the vault's range in price terms (NaN when the run has no range, e.g. HODL)
 * @param deltaPct        net delta (pool side + hedge) at the hour's last point, before the hedger acts, % of the
 *                        vault's value
 * @param bandPct         the measuring band, % of value
 * @param rebalanceCost   swaps and gas
 * @param hedgeCost       hedge trading fees and slippage
 */
public record HourSample(
        Instant time,
        double price,
        double rangeLowerPrice,
        double rangeUpperPrice,
        double deltaPct,
        double bandPct,
        double value,
        double hodl,
        double direction,
        double fees,
        double lvr,
        double rebalanceCost,
        double hedgePnl,
        double hedgeCost,
        double funding) {}
