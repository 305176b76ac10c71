package io.yielddelta.keeper.core.backtest;

import io.yielddelta.keeper.core.risk.RiskLimits;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How a backtest hedges the Delta Neutral and Arbitrage vaults: the simulated venues each one trades on and the limits
 * and settings the live keeper would use with them. The marks are the points of the backtest's price path.
 *
 * @param venues         opens a hedged vault's own venues (its own accounts), first the one whose marks drive it
 * @param market         the venues' market of the base asset
 * @param band           re-hedge when the hedge is off target by more than this share of the vault's value
 * @param limits         the risk engine's limits
 * @param fundingHorizon Arbitrage kind: the horizon over which a funding advantage must pay for switching venue
 * @param switchingCost  Arbitrage kind: the cost of moving the hedge, as a fraction of its notional
 */
public record HedgeSimulation(
        VenueFactory venues,
        String market,
        BigDecimal band,
        RiskLimits limits,
        Duration fundingHorizon,
        BigDecimal switchingCost) {

    public interface VenueFactory {
        /**
         * Opens the venues of one hedged vault: one for Delta Neutral, at least two for Arbitrage (the first two
         * hedge). Their funding rate is what has settled by the time asked.
         */
        List<SimulatedVenue> open(Backtest.VaultSpec vault, Clock clock);

        /** Their fees, slippage, collateral and funding source, for the report's assumptions. */
        String describe();

        /** The hours from {@code from} to {@code to} for which a venue charges its configured rate, no history. */
        List<BacktestResult.FundingFallback> fallbacks(Instant from, Instant to);
    }

    public HedgeSimulation {
        Objects.requireNonNull(venues, "venues");
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(limits, "limits");
        if (band == null || band.signum() <= 0 || band.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("band must be between 0 and 1, was " + band);
        }
    }
}
