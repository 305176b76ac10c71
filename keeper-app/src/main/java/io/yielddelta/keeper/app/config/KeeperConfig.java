package io.yielddelta.keeper.app.config;

import io.yielddelta.keeper.app.chainlink.FeedSettings;
import io.yielddelta.keeper.app.oracle.OraclePolicy;
import io.yielddelta.keeper.app.store.DatabaseSettings;
import io.yielddelta.keeper.app.venue.VenueSpec;
import io.yielddelta.keeper.core.kernel.DeploymentSettings;
import io.yielddelta.keeper.core.kernel.DeploymentSettings.HedgeSpec;
import io.yielddelta.keeper.core.kernel.DeploymentSettings.HedgingSettings;
import io.yielddelta.keeper.core.observation.InMemoryObservationHistory;
import io.yielddelta.keeper.core.observation.ObservationHistory;
import io.yielddelta.keeper.core.policy.PolicySettings;
import io.yielddelta.keeper.core.policy.RangeScorer;
import io.yielddelta.keeper.core.policy.RealizedVolatilityScorer;
import io.yielddelta.keeper.core.policy.VaultScorers;
import io.yielddelta.keeper.core.risk.RiskLimits;
import io.yielddelta.keeper.core.vault.VaultKind;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One deployment's configuration, fully validated (see {@link ConfigLoader}); each section is the type its capability
 * uses (core's policy, risk limits and hedging settings, a typed spec per venue).
 *
 * @param risk    the risk engine's limits for the whole deployment
 * @param hedging how hedged vaults hedge
 */
public record KeeperConfig(
        Path source,
        Chain chain,
        Signers signers,
        List<Vault> vaults,
        Map<String, VenueSpec> venues,
        DatabaseSettings database,
        boolean clustered,
        Schedule schedule,
        RiskLimits risk,
        HedgingSettings hedging,
        Optional<Admin> admin,
        Observability observability) {

    /** The deployment as the keeper kernel sees it. */
    public DeploymentSettings deployment() {
        return new DeploymentSettings(vaults.stream().map(Vault::settings).toList(), risk, hedging);
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

    /**
     * @param pool           the vault's Uniswap V3 pool
     * @param cron           its own schedule, if not the deployment's default
     * @param maxNotionalUsd the most its hedge may hold
     * @param chainlink      the independent price the keeper checks the pool's TWAP and the venue's mark against
     * @param oracle         what an in-process aiOracle checks before it signs (a remote one has its own)
     * @param scorer         its {@code policy.scorer}
     */
    public record Vault(
            String name,
            String address,
            String pool,
            VaultKind kind,
            Optional<String> cron,
            Optional<HedgeSpec> hedge,
            BigDecimal maxNotionalUsd,
            PolicySettings policy,
            Optional<FeedSettings> chainlink,
            OraclePolicy oracle,
            ScorerChoice scorer) {

        public DeploymentSettings.VaultSettings settings() {
            return new DeploymentSettings.VaultSettings(name, address, kind, policy, maxNotionalUsd, hedge);
        }
    }

    /**
     * Each vault's scorer as its policy chose it. The daemon records no pool hours yet (fee growth is not read), so a
     * {@code regime} vault's scorer has no history and keeps each vault as it is (invested or idle); each decision's model says so.
     */
    public RangeScorer scorers() {
        ObservationHistory history = new InMemoryObservationHistory(2);
        Map<String, RangeScorer> byAddress = new HashMap<>();
        for (Vault vault : vaults()) {
            byAddress.put(vault.address(), vault.scorer().scorer(history));
        }
        return new VaultScorers(byAddress, RealizedVolatilityScorer.baseline());
    }

    /** The admin HTTP endpoint (health, readiness; halt, resume, exit and state with the token). */
    public record Admin(String bind, int port, Secret token) {}

    /** @param defaultCron Quartz cron for vaults without their own */
    public record Schedule(String defaultCron) {}

    public record Observability(
            String logFormat,
            Optional<Secret> sentryDsn,
            Optional<Integer> prometheusPort,
            Optional<Secret> datadogApiKey,
            String datadogSite) {}
}
