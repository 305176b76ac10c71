package io.yielddelta.keeper.app.config;

import io.yielddelta.keeper.core.backtest.Backtest;
import io.yielddelta.keeper.core.backtest.FeeModel;
import io.yielddelta.keeper.core.market.MarkPath;
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
 * A backtest's configuration: which market file to replay, the simulated pool, its fee model's calibration files and
 * the intra-hour path, the vaults, and how the hedged ones hedge. Files are named relative to the data directory given
 * on the command line; they are read by the command, so that bad data is reported with its own file and line.
 *
 * @param marketFile       the hourly kline file's name inside the data directory
 * @param maxGap           the longest gap in the market file carried across (longer ones stop the run)
 * @param initialValue     each vault's starting value, quote units
 * @param measuringBandPct the band |net delta| is measured against, % of the vault's value
 * @param hedging          present when the file has a {@code hedging} section (required by Delta Neutral and Arbitrage)
 */
public record BacktestConfig(
        Path source,
        String marketFile,
        Duration maxGap,
        BigDecimal initialValue,
        Pool pool,
        Fees fees,
        PathModel path,
        BigDecimal gasPerRebalance,
        double measuringBandPct,
        List<Backtest.VaultSpec> vaults,
        Optional<Hedging> hedging,
        Map<String, ScorerChoice> scorers) {

    /** @param scorers each vault's scorer by name; a vault not named runs the EWMA scorer */
    public BacktestConfig {
        scorers = Map.copyOf(scorers);
    }

    /** A configuration whose vaults all run the EWMA scorer. */
    public BacktestConfig(
            Path source,
            String marketFile,
            Duration maxGap,
            BigDecimal initialValue,
            Pool pool,
            Fees fees,
            PathModel path,
            BigDecimal gasPerRebalance,
            double measuringBandPct,
            List<Backtest.VaultSpec> vaults,
            Optional<Hedging> hedging) {
        this(
                source,
                marketFile,
                maxGap,
                initialValue,
                pool,
                fees,
                path,
                gasPerRebalance,
                measuringBandPct,
                vaults,
                hedging,
                Map.of());
    }

    /** The scorer of the vault named {@code vault}. */
    public ScorerChoice scorer(String vault) {
        return scorers.getOrDefault(vault, ScorerChoice.EWMA);
    }

    /** The simulated pool: token0 the base asset, token1 the quote. */
    public record Pool(int baseDecimals, int quoteDecimals, int feePips, int tickSpacing) {}

    /**
     * The fee model's calibration.
     *
     * @param referenceMarketFile the market whose quote volume the pool histories' volumes are measured against
     * @param depthScale          scales the simulated pool's volume and other LPs' liquidity (below 1: a thinner pool)
     * @param tiers               by fee in pips: the real pool's daily history and its concentration
     */
    public record Fees(String referenceMarketFile, double depthScale, Map<Integer, FeeTier> tiers) {
        public Fees {
            tiers = Collections.unmodifiableMap(new LinkedHashMap<>(tiers));
        }
    }

    /**
     * @param poolHistory   a real pool's daily history (relative to the data directory)
     * @param concentration other LPs' active liquidity per unit of the full-range liquidity of their value locked
     */
    public record FeeTier(int feePips, Path poolHistory, double concentration) {}

    /**
     * @param bridge        the Brownian bridge (else the fixed corner walk)
     * @param pointsPerHour the bridge's points per hour
     * @param maxStep       the largest move between two points, relative
     * @param seed          the first seed; {@code --seeds N} runs seeds seed … seed + N − 1
     */
    public record PathModel(boolean bridge, int pointsPerHour, double maxStep, long seed) {
        public MarkPath withSeed(long runSeed) {
            return bridge ? MarkPath.bridge(runSeed, pointsPerHour, maxStep) : MarkPath.corners(maxStep);
        }
    }

    /** The settings of one run, once the fee model is calibrated on the data and the path seeded. */
    public Backtest.Settings settings(FeeModel feeModel, MarkPath markPath) {
        return new Backtest.Settings(
                initialValue,
                pool.baseDecimals(),
                pool.quoteDecimals(),
                pool.feePips(),
                pool.tickSpacing(),
                feeModel,
                markPath,
                gasPerRebalance,
                measuringBandPct);
    }

    /** The pool's fee tier's calibration (the loader has checked it exists). */
    public FeeTier feeTier() {
        return fees.tiers().get(pool.feePips());
    }

    /**
     * @param market         the venues' market of the base asset
     * @param band           re-hedge threshold, as a share of the vault's value (the deployment file's hedging.band)
     * @param tickSize       the venues' price increment
     * @param lotSize        the venues' size increment, base units
     * @param limits         the risk engine's limits (the deployment file's risk section)
     * @param fundingHorizon Arbitrage: horizon over which a funding advantage must pay for switching venue
     * @param switchingCost  Arbitrage: cost of moving the hedge, as a fraction of its notional
     * @param venues         the paper venues by name, in file order
     * @param venuesByVault  each hedged vault's venues, first the primary (whose marks drive it)
     */
    public record Hedging(
            String market,
            BigDecimal band,
            BigDecimal tickSize,
            BigDecimal lotSize,
            RiskLimits limits,
            Duration fundingHorizon,
            BigDecimal switchingCost,
            Map<String, PaperAccount> venues,
            Map<String, List<String>> venuesByVault) {

        public Hedging {
            // Copies that keep the file's order: the report lists the venues as the file does.
            venues = Collections.unmodifiableMap(new LinkedHashMap<>(venues));
            venuesByVault = Collections.unmodifiableMap(new LinkedHashMap<>(venuesByVault));
        }

        public Hedging withVenuesByVault(Map<String, List<String>> byVault) {
            return new Hedging(market, band, tickSize, lotSize, limits, fundingHorizon, switchingCost, venues, byVault);
        }
    }

    /**
     * One simulated perpetuals venue; each hedged vault gets its own account on it.
     *
     * @param funding     the historical funding file, when there is one
     * @param ratePerHour the funding rate charged where no file covers the hour (positive: longs pay shorts)
     */
    public record PaperAccount(
            String name,
            BigDecimal takerFeeBps,
            BigDecimal makerFeeBps,
            BigDecimal slippageBps,
            BigDecimal collateralUsd,
            int leverage,
            Optional<FundingFile> funding,
            BigDecimal ratePerHour) {}

    /**
     * @param file           relative to the backtest's data directory
     * @param intervalHours  hours between two settlements in the file
     * @param utcOffsetHours offset of the file's times from UTC
     */
    public record FundingFile(Path file, int intervalHours, int utcOffsetHours) {}
}
