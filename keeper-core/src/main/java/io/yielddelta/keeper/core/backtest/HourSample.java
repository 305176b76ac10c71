package io.yielddelta.keeper.core.backtest;

import java.time.Instant;

/**
 * The state of one run at the end of one simulated hour, for charts. Values are in quote units (USD); the P&amp;L
 * components are cumulative since the start and add up, with the starting value, to {@code value}. Statistics, not
 * money sent anywhere: doubles.
 *
 * @param rangeLowerPrice  the vault's range in price terms (NaN when the run has no range, e.g. HODL)
 * @param deltaPctOfValue  net delta (LP + idle + hedge) in quote terms, as % of the vault's value
 * @param bandPct          the hedge band in force, as % of value
 */
public record HourSample(
        Instant time,
        double price,
        double rangeLowerPrice,
        double rangeUpperPrice,
        double deltaPctOfValue,
        double bandPct,
        double value,
        double fees,
        double impermanentLoss,
        double hedgePnl,
        double funding,
        double tradingFees,
        double gas) {}
