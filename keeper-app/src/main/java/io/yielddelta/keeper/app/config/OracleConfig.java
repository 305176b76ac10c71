package io.yielddelta.keeper.app.config;

import io.yielddelta.keeper.app.oracle.PolicyCheckedOracle;
import java.nio.file.Path;
import java.util.Map;

/**
 * The aiOracle process's own configuration ({@code keeper oracle serve}), fully validated by
 * {@link ConfigLoader#loadOracle}: its chain, its own key, where it listens, and what it checks per vault.
 *
 * @param vaults the vaults it signs for, by lower-case address
 */
public record OracleConfig(
        Path source,
        KeeperConfig.Chain chain,
        KeeperConfig.SignerSpec signer,
        Server server,
        Map<String, PolicyCheckedOracle.Vault> vaults) {

    /** @param token the keeper's bearer token (24 characters or more); never logged */
    public record Server(String bind, int port, Secret token) {}
}
