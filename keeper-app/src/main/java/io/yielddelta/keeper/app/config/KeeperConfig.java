package io.yielddelta.keeper.app.config;

import io.yielddelta.keeper.app.chainlink.FeedSettings;
import io.yielddelta.keeper.app.oracle.OraclePolicy;
import io.yielddelta.keeper.app.store.DatabaseSettings;
import io.yielddelta.keeper.core.cycle.CycleVault;
import io.yielddelta.keeper.core.policy.PolicySettings;
import io.yielddelta.keeper.core.risk.RiskLimits;
import io.yielddelta.keeper.core.risk.TradingState;
import io.yielddelta.keeper.core.vault.VaultKind;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One deployment's configuration, fully validated (see {@link ConfigLoader}). */
public record KeeperConfig(
        Path source,
        Chain chain,
        Signers signers,
        List<Vault> vaults,
        Map<String, Venue> venues,
        DatabaseSettings database,
        boolean clustered,
        Schedule schedule,
        Risk risk,
        Hedging hedging,
        Optional<Admin> admin,
        Observability observability) {

    /** The vaults with a hedge: kinds other than CONCENTRATED_LIQUIDITY, with a hedge section and a ratio above 0. */
    public List<Vault> hedgedVaults() {
        return vaults.stream()
                .filter(v -> v.kind() != VaultKind.CONCENTRATED_LIQUIDITY)
                .filter(v -> v.hedge().map(h -> h.ratio().signum() > 0).orElse(false))
                .toList();
    }

    /** @param rpcUrls tried in order, the next on failure; may hold API keys, so never logged */
    public record Chain(long chainId, List<URI> rpcUrls, int confirmations, BigDecimal maxFeePerGasGwei) {}

    /** @param guardian the vaults' guardian key, for the emergency exit's {@code exitToIdle()}; none: exit leaves them in */
    public record Signers(SignerSpec keeper, OracleSpec aiOracle, Optional<SignerSpec> guardian) {}

    /** Where the aiOracle signs: in this process with its own key and policy, or in its own process asked over HTTP. */
    public sealed interface OracleSpec {
        record InProcess(SignerSpec key) implements OracleSpec {}

        /** @param token the oracle's bearer token; never logged */
        record Remote(URI url, Secret token) implements OracleSpec {}
    }

    /** How a key is reached: through AWS KMS, or an encrypted keystore file for development. */
    public sealed interface SignerSpec {
        record Kms(String keyId, String region, Optional<URI> endpoint) implements SignerSpec {}

        /** @param password read from the environment variable named in the file */
        record Keystore(Path path, Secret password) implements SignerSpec {}
    }

    public record Vault(
            String name,
            String address,
            String pool,
            VaultKind kind,
            Optional<String> cron,
            Optional<Hedge> hedge,
            Limits limits,
            PolicySettings policy,
            Optional<FeedSettings> chainlink,
            OraclePolicy oracle) {

        public CycleVault cycleVault() {
            return new CycleVault(name, address, kind, policy);
        }
    }

    /**
     * @param venues       in order of preference: the first is primary, the second takes over when it is unavailable
     * @param market       the venue's market of the pool's base asset (ETH, BTC…)
     * @param baseIsToken0 whether that base asset is the pool's token0
     */
    public record Hedge(List<String> venues, String market, BigDecimal ratio, boolean baseIsToken0, int token0Decimals,
            int token1Decimals) {}

    /**
     * Venue-side limits of the risk engine (see {@code core.risk.RiskLimits}); notionals in USD. A vault's own
     * {@code limits.maxNotionalUsd} caps its hedge.
     */
    public record Risk(BigDecimal maxOrderNotionalUsd, BigDecimal maxVenuePositionUsd, BigDecimal maxLeverage,
            BigDecimal liquidationDistanceFloor, BigDecimal dailyLossLimitUsd, TradingState onDailyLoss) {

        /** The risk engine's limits, with a margin alert at 80 % of the leverage cap and transfers suggested to 60 %. */
        public RiskLimits limits(BigDecimal maxVaultPositionUsd) {
            return new RiskLimits(maxOrderNotionalUsd, maxVaultPositionUsd, maxVenuePositionUsd, maxLeverage,
                    liquidationDistanceFloor, dailyLossLimitUsd, onDailyLoss, maxLeverage.multiply(new BigDecimal("0.8")),
                    maxLeverage.multiply(new BigDecimal("0.6")));
        }
    }

    /**
     * @param band             re-hedge when the hedge is off target by more than this share of the vault's value
     * @param maintainEvery    how often hedges are reconciled with the venues, margins watched and vaults re-read
     * @param failoverAfter    how long the primary venue may be unavailable before the secondary takes over
     * @param failoverRejects  consecutive rejections of the primary that move the hedge to the secondary
     * @param probeEvery       how often the primary is probed while failed over
     * @param fundingHorizon   Arbitrage kind: the horizon over which a funding advantage must pay for switching
     * @param switchingCost    Arbitrage kind: the cost of moving the hedge, as a fraction of its notional
     */
    public record Hedging(BigDecimal band, Duration maintainEvery, Duration failoverAfter, int failoverRejects,
            Duration probeEvery, Duration fundingHorizon, BigDecimal switchingCost) {}

    /** The admin HTTP endpoint (halt, resume, exit, state); every request must carry the token. */
    public record Admin(String bind, int port, Secret token) {}

    public record Limits(BigDecimal maxNotionalUsd, BigDecimal maxLeverage) {}

    /** @param settings the venue's own fields (credentials as {@link Secret}) */
    public record Venue(String name, String type, Map<String, Object> settings) {}

    /** @param defaultCron Quartz cron for vaults without their own */
    public record Schedule(String defaultCron) {}

    public record Observability(String logFormat, Optional<Secret> sentryDsn, Optional<Integer> prometheusPort,
            Optional<Secret> datadogApiKey, String datadogSite) {}
}
