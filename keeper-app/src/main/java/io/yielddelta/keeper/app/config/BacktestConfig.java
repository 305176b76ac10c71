package io.yielddelta.keeper.app.config;

import io.yielddelta.keeper.core.backtest.Backtest;
import io.yielddelta.keeper.core.risk.RiskLimits;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A backtest's configuration: which market file to replay, the simulated pool and fee model, the vaults, and how the
 * hedged ones hedge.
 *
 * @param marketFile the hourly kline file's name inside the data directory given on the command line
 * @param hedging    present when the file has a {@code hedging} section (required by Delta Neutral and Arbitrage vaults)
 */
public record BacktestConfig(Path source, String marketFile, Backtest.Settings settings, List<Backtest.VaultSpec> vaults,
        Optional<Hedging> hedging) {

    /**
     * @param market         the venues' market of the base asset
     * @param band           re-hedge threshold, as a share of the vault's value (the deployment file's hedging.band)
     * @param markStep       largest relative move between two streamed marks within an hour
     * @param limits         the risk engine's limits (the deployment file's risk section)
     * @param fundingHorizon Arbitrage: horizon over which a funding advantage must pay for switching venue
     * @param switchingCost  Arbitrage: cost of moving the hedge, as a fraction of its notional
     * @param venues         the paper venues by name, in file order
     * @param venuesByVault  each hedged vault's venues, first the primary (whose marks drive it)
     */
    public record Hedging(String market, BigDecimal band, double markStep, RiskLimits limits, Duration fundingHorizon,
            BigDecimal switchingCost, Map<String, PaperAccount> venues, Map<String, List<String>> venuesByVault) {

        public Hedging {
            // Copies that keep the file's order: the report lists the venues as the file does.
            venues = Collections.unmodifiableMap(new LinkedHashMap<>(venues));
            venuesByVault = Collections.unmodifiableMap(new LinkedHashMap<>(venuesByVault));
        }

        public Hedging withVenuesByVault(Map<String, List<String>> byVault) {
            return new Hedging(market, band, markStep, limits, fundingHorizon, switchingCost, venues, byVault);
        }
    }

    /**
     * One simulated perpetuals venue; each hedged vault gets its own account on it.
     *
     * @param funding     the historical funding file, when there is one
     * @param ratePerHour the funding rate charged where no file covers the hour (positive: longs pay shorts)
     */
    public record PaperAccount(String name, BigDecimal takerFeeBps, BigDecimal makerFeeBps, BigDecimal slippageBps,
            BigDecimal collateralUsd, int leverage, Optional<FundingFile> funding, BigDecimal ratePerHour) {}

    /**
     * @param file           relative to the backtest's data directory
     * @param intervalHours  hours between two settlements in the file
     * @param utcOffsetHours offset of the file's times from UTC
     */
    public record FundingFile(Path file, int intervalHours, int utcOffsetHours) {}
}
