package io.yielddelta.keeper.app.config;

import io.yielddelta.keeper.app.store.DatabaseSettings;
import io.yielddelta.keeper.core.cycle.CycleVault;
import io.yielddelta.keeper.core.policy.PolicySettings;
import io.yielddelta.keeper.core.vault.VaultKind;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
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
        Observability observability) {

    /** @param rpcUrls tried in order, the next on failure; may hold API keys, so never logged */
    public record Chain(long chainId, List<URI> rpcUrls, int confirmations, BigDecimal maxFeePerGasGwei) {}

    public record Signers(SignerSpec keeper, SignerSpec aiOracle) {}

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
            PolicySettings policy) {

        public CycleVault cycleVault() {
            return new CycleVault(name, address, kind, policy);
        }
    }

    /** @param venues in order of preference: the first is primary, the others take over when it is unavailable */
    public record Hedge(List<String> venues, String market, BigDecimal ratio) {}

    public record Limits(BigDecimal maxNotionalUsd, BigDecimal maxLeverage) {}

    /** @param settings the venue's own fields (credentials as {@link Secret}) */
    public record Venue(String name, String type, Map<String, Object> settings) {}

    /** @param defaultCron Quartz cron for vaults without their own */
    public record Schedule(String defaultCron) {}

    public record Observability(String logFormat, Optional<Secret> sentryDsn, Optional<Integer> prometheusPort,
            Optional<Secret> datadogApiKey, String datadogSite) {}
}
