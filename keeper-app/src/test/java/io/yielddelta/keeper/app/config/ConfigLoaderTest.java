package io.yielddelta.keeper.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.yielddelta.keeper.app.chainlink.FeedSettings;
import io.yielddelta.keeper.app.oracle.OraclePolicy;
import io.yielddelta.keeper.app.oracle.PolicyCheckedOracle;
import io.yielddelta.keeper.app.store.DatabaseSettings;
import io.yielddelta.keeper.app.venue.HyperliquidPlugin;
import io.yielddelta.keeper.core.kernel.DeploymentSettings;
import io.yielddelta.keeper.core.policy.RegimeGatedScorer;
import io.yielddelta.keeper.core.vault.VaultKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    static final Path EXAMPLES = Path.of(
            System.getProperty(
                    "maven.multiModuleProjectDirectory",
                    Path.of("").toAbsolutePath().getParent().toString()),
            "config");

    @TempDir
    Path dir;

    Map<String, String> env;

    @BeforeEach
    void environment() throws IOException {
        Path pem = Files.writeString(dir.resolve("cdp.pem"), "not read at validation");
        Path keystore = Files.writeString(dir.resolve("hl.json"), "{}");
        env = Map.of(
                "COINBASE_API_KEY_NAME",
                "organizations/x/apiKeys/y",
                "COINBASE_PRIVATE_KEY_FILE",
                pem.toString(),
                "DD_API_KEY",
                "dd-secret-key",
                "HL_KEYSTORE_FILE",
                keystore.toString(),
                "HL_KEYSTORE_PASSWORD",
                "pw",
                "DYDX_MNEMONIC",
                "word ".repeat(24).strip(),
                "KEEPER_DB_PASSWORD",
                "db-secret",
                "KEEPER_ADMIN_TOKEN",
                "admin-token-of-32-characters-xx",
                "AI_ORACLE_TOKEN",
                "oracle-token-of-32-characters-x");
    }

    @Test
    void theUsExampleIsValid() {
        KeeperConfig config = new ConfigLoader(env).load(EXAMPLES.resolve("keeper-us.yaml"));
        assertThat(config.chain().chainId()).isEqualTo(1329);
        assertThat(config.chain().rpcUrls()).hasSize(2);
        assertThat(config.signers().keeper()).isInstanceOf(KeeperConfig.SignerSpec.Kms.class);
        assertThat(config.vaults())
                .extracting(KeeperConfig.Vault::kind)
                .containsExactly(VaultKind.DELTA_NEUTRAL, VaultKind.CONCENTRATED_LIQUIDITY);
        DeploymentSettings.HedgeSpec hedge = config.vaults().get(0).hedge().orElseThrow();
        assertThat(hedge.venues()).containsExactly("coinbase");
        assertThat(hedge.baseIsToken0()).isTrue();
        assertThat(hedge.decimals0()).isEqualTo(18);
        assertThat(hedge.decimals1()).isEqualTo(6);
        assertThat(config.deployment().hedgedVaults())
                .extracting(DeploymentSettings.VaultSettings::name)
                .containsExactly("eth-usdc-delta-neutral");
        assertThat(config.risk().maxLeverage()).isEqualByComparingTo("5");
        assertThat(config.risk().dailyLossLimit()).isEqualByComparingTo("10000");
        assertThat(config.hedging().band()).isEqualByComparingTo("0.05");
        assertThat(config.hedging().failover().unavailableFor()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.admin().orElseThrow().bind()).isEqualTo("127.0.0.1");
        assertThat(config.admin().orElseThrow().token().reveal()).isEqualTo("admin-token-of-32-characters-xx");
        assertThat(config.vaults().get(1).cron()).contains("0 30 * * * ?");
        assertThat(config.vaults().get(1).policy().maxAge()).isEqualTo(Duration.ofDays(3));
        assertThat(config.database().kind()).isEqualTo(DatabaseSettings.Kind.H2);
        assertThat(config.clustered()).isFalse();
        assertThat(config.observability().sentryDsn()).isEmpty();
        assertThat(config.observability().datadogApiKey().orElseThrow().reveal())
                .isEqualTo("dd-secret-key");
    }

    @Test
    void theUsExampleAsksASeparateOracleChecksChainlinkAndDefaultsSlippageToThePoolFee() {
        KeeperConfig config = new ConfigLoader(env).load(EXAMPLES.resolve("keeper-us.yaml"));
        assertThat(config.signers().aiOracle()).isInstanceOfSatisfying(KeeperConfig.OracleSpec.Remote.class, remote -> {
            assertThat(remote.url()).hasToString("http://127.0.0.1:8547");
            assertThat(remote.token().reveal()).isEqualTo("oracle-token-of-32-characters-x");
        });
        assertThat(config.signers().guardian()).containsInstanceOf(KeeperConfig.SignerSpec.Kms.class);
        KeeperConfig.Vault eth = config.vaults().get(0);
        assertThat(eth.policy().slippageBps()).as("0.30 %% pool + 20 bps").isEqualTo(50);
        assertThat(config.vaults().get(1).policy().slippageBps())
                .as("1 %% pool + 20 bps")
                .isEqualTo(120);
        FeedSettings feed = eth.chainlink().orElseThrow();
        assertThat(feed.feed()).isEqualTo("0x5555555555555555555555555555555555555555");
        assertThat(feed.baseIsToken0()).isTrue();
        assertThat(feed.maxAge()).isEqualTo(Duration.ofHours(2));
        assertThat(feed.maxDeviationBps()).isEqualTo(150);
    }

    @Test
    void theAiOracleExampleIsValid() {
        OracleConfig config = new ConfigLoader(env).loadOracle(EXAMPLES.resolve("ai-oracle.yaml"));
        assertThat(config.signer()).isInstanceOf(KeeperConfig.SignerSpec.Kms.class);
        assertThat(config.server().bind()).isEqualTo("127.0.0.1");
        assertThat(config.server().port()).isEqualTo(8547);
        assertThat(config.vaults()).hasSize(2);
        PolicyCheckedOracle.Vault first = config.vaults().get("0x1111111111111111111111111111111111111111");
        assertThat(first.policy()).isEqualTo(new OraclePolicy(120, 2000, Duration.ofMinutes(15)));
        assertThat(first.feed().orElseThrow().maxDeviationBps()).isEqualTo(150);
        assertThat(config.vaults()
                        .get("0x3333333333333333333333333333333333333333")
                        .policy()
                        .maxSignatureLifetime())
                .isEqualTo(OraclePolicy.DEFAULTS.maxSignatureLifetime());
    }

    @Test
    void anInProcessOracleTakesEachVaultsPolicyAndAnExplicitSlippageWins() throws IOException {
        Path keystore = Files.writeString(dir.resolve("oracle.json"), "{}");
        Path file = Files.writeString(dir.resolve("in-process.yaml"), """
                chain: {chainId: 1329, rpcUrls: ["http://127.0.0.1:8545"]}
                signers:
                  keeper: {type: kms, keyId: k, region: us-east-1}
                  aiOracle: {type: keystore, path: "%s", passwordEnv: ORACLE_PASSWORD}
                vaults:
                  - name: a
                    address: "0x1111111111111111111111111111111111111111"
                    pool: "0x2222222222222222222222222222222222222222"
                    poolFee: 500
                    kind: CONCENTRATED_LIQUIDITY
                    limits: {maxNotionalUsd: 1000}
                    policy: {slippageBps: 35}
                    oracle: {minWidthTicks: 600, maxMoveTicks: 900, maxSignatureLifetime: 5m}
                """.formatted(keystore));
        KeeperConfig config = new ConfigLoader(Map.of("ORACLE_PASSWORD", "pw")).load(file);
        assertThat(config.signers().aiOracle()).isInstanceOf(KeeperConfig.OracleSpec.InProcess.class);
        assertThat(config.signers().guardian()).isEmpty();
        KeeperConfig.Vault vault = config.vaults().getFirst();
        assertThat(vault.policy().slippageBps()).isEqualTo(35);
        assertThat(vault.oracle()).isEqualTo(new OraclePolicy(600, 900, Duration.ofMinutes(5)));
        assertThat(vault.chainlink()).isEmpty();
    }

    @Test
    void eachVaultChoosesItsScorerAndABadOneIsNamedWithItsLine() throws IOException {
        String vaults = """
                chain: {chainId: 1329, rpcUrls: ["http://127.0.0.1:8545"]}
                signers:
                  keeper: {type: kms, keyId: k, region: us-east-1}
                  aiOracle: {type: remote, url: "http://127.0.0.1:8547", token: oracle-token-of-32-characters-x}
                vaults:
                  - name: a
                    address: "0x1111111111111111111111111111111111111111"
                    pool: "0x2222222222222222222222222222222222222222"
                    poolFee: 500
                    kind: CONCENTRATED_LIQUIDITY
                    limits: {maxNotionalUsd: 1000}
                    policy: {scorer: %s}
                  - name: b
                    address: "0x3333333333333333333333333333333333333333"
                    pool: "0x2222222222222222222222222222222222222222"
                    poolFee: 500
                    kind: CONCENTRATED_LIQUIDITY
                    limits: {maxNotionalUsd: 1000}
                """;
        Path good = Files.writeString(
                dir.resolve("regime.yaml"),
                vaults.formatted("regime, regime: {enterAbove: 2, leaveBelow: 1, trailingHours: 6}"));
        KeeperConfig config = new ConfigLoader(Map.of()).load(good);
        assertThat(config.vaults().get(0).scorer())
                .isEqualTo(new ScorerChoice(ScorerChoice.Kind.REGIME, new RegimeGatedScorer.Thresholds(2, 1, 6)));
        assertThat(config.vaults().get(1).scorer()).isEqualTo(ScorerChoice.EWMA);

        Path bad = Files.writeString(dir.resolve("bad-scorer.yaml"), vaults.formatted("garch"));
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader(Map.of()).load(bad));
        assertThat(e.problems())
                .extracting(ConfigProblem::toString)
                .containsExactly(bad + ":12: vaults[0].policy.scorer: expected regime or ewma");
    }

    @Test
    void oracleFeedAndDeadlineProblemsAreListedWithTheirLines() throws IOException {
        Path file = Files.writeString(dir.resolve("bad-oracle.yaml"), """
                chain: {chainId: 1329, rpcUrls: ["http://127.0.0.1:8545"]}
                signers:
                  keeper: {type: kms, keyId: k, region: us-east-1}
                  aiOracle: {type: remote, url: "ftp://oracle", token: short-secret}
                vaults:
                  - name: a
                    address: "0x1111111111111111111111111111111111111111"
                    pool: "0x2222222222222222222222222222222222222222"
                    kind: CONCENTRATED_LIQUIDITY
                    limits: {maxNotionalUsd: 1000}
                    policy: {deadline: 2h}
                    oracle: {minWidthTicks: 600}
                    chainlink: {feed: "0x3333333333333333333333333333333333333333", baseToken: weth,
                                token0Decimals: 18, token1Decimals: 6}
                """);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file));
        assertThat(e.problems())
                .extracting(ConfigProblem::toString)
                .anySatisfy(p -> assertThat(p).contains(":4:", "signers.aiOracle.url", "expected an absolute URL"))
                .anySatisfy(p -> assertThat(p).contains(":4:", "signers.aiOracle.token", "at least 24 characters"))
                .anySatisfy(p -> assertThat(p).contains("vaults[0].poolFee", "is required"))
                .anySatisfy(p -> assertThat(p).contains(":11:", "vaults[0].policy.deadline", "at most 1h"))
                .anySatisfy(p -> assertThat(p)
                        .contains(":12:", "vaults[0].oracle", "the remote aiOracle applies its own policy"))
                .anySatisfy(p ->
                        assertThat(p).contains(":13:", "vaults[0].chainlink.baseToken", "expected token0 or token1"))
                .anySatisfy(p -> assertThat(p).contains("vaults[0].chainlink.maxAge", "is required"));
        assertThat(e.getMessage()).doesNotContain("short-secret");
    }

    @Test
    void theGlobalExampleIsValid() {
        KeeperConfig config = new ConfigLoader(env).load(EXAMPLES.resolve("keeper-global.yaml"));
        assertThat(config.vaults()).hasSize(3);
        assertThat(config.vaults().get(0).hedge().orElseThrow().venues()).containsExactly("hyperliquid", "dydx");
        assertThat(config.deployment().hedgedVaults()).hasSize(3);
        assertThat(((HyperliquidPlugin.Spec) config.venues().get("hyperliquid"))
                        .signer()
                        .path())
                .isNotNull();
        assertThat(config.database().kind()).isEqualTo(DatabaseSettings.Kind.POSTGRESQL);
        assertThat(config.clustered()).isTrue();
        assertThat(config.schedule().defaultCron()).isEqualTo(ConfigLoader.HOURLY);
    }

    @Test
    void everyProblemIsListedWithLineAndPathAndNoSecretIsEchoed() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                chain:
                  chainId: -4
                  rpcUrls:
                    - https://rpc.example/key-abc123
                    - not a url ${RPC_KEY}
                signers:
                  keeper:
                    type: kms
                    region: us-east-1
                  aiOracle:
                    type: keystore
                    path: /nonexistent/keystore.json
                    passwordEnv: ORACLE_PASSWORD
                vaults:
                  - name: eth-usdc
                    address: "0x12345"
                    pool: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"
                    kind: DELTA_NEUTRAL
                    schedule: "every hour"
                    limits:
                      maxNotionalUsd: 0
                    polcy: {}
                  - name: eth-usdc
                    address: "0x1111111111111111111111111111111111111111"
                    pool: "0x2222222222222222222222222222222222222222"
                    kind: SPOT
                    hedge:
                      venues: [bitmex]
                      market: ETH
                      baseToken: token2
                      token0Decimals: 18
                      token1Decimals: 99
                    limits:
                      maxNotionalUsd: 1000
                database:
                  type: postgresql
                  url: jdbc:postgresql://db/keeper
                  user: keeper
                  password: ${DB_PASSWORD}
                risk:
                  maxLeverage: 25
                  onDailyLoss: ACTIVE
                admin:
                  port: 8081
                  token: short-token
                """);
        ConfigException e = catchThrowableOfType(
                ConfigException.class, () -> new ConfigLoader(Map.of("RPC_KEY", "sekrit-rpc-key")).load(file));
        List<String> lines = e.problems().stream().map(ConfigProblem::toString).toList();
        String f = file.toString();
        assertThat(lines)
                .contains(
                        f + ":2: chain.chainId: expected a whole number from 1 to 9223372036854775807",
                        f + ":5: chain.rpcUrls[1]: expected an absolute URL with scheme [http, https]",
                        f + ":8: signers.keeper.keyId: is required",
                        f + ":12: signers.aiOracle.path: no such file",
                        f + ":13: signers.aiOracle.passwordEnv: environment variable ORACLE_PASSWORD is not set",
                        f + ":16: vaults[0].address: expected 0x and 40 hex digits",
                        f + ":17: vaults[0].pool: mixed-case address with a wrong EIP-55 checksum",
                        f
                                + ":19: vaults[0].schedule: expected a Quartz cron expression (seconds minutes hours day-of-month month day-of-week), e.g. \"0 0 * * * ?\"",
                        f + ":21: vaults[0].limits.maxNotionalUsd: expected a number above 0 up to 1000000000000",
                        f + ":22: vaults[0].polcy: unknown field",
                        f + ":23: vaults[1].name: another vault has this name",
                        f + ":26: vaults[1].kind: expected one of [CONCENTRATED_LIQUIDITY, DELTA_NEUTRAL, ARBITRAGE]",
                        f + ":28: vaults[1].hedge.venues[0]: no venue of this name under venues",
                        f + ":30: vaults[1].hedge.baseToken: expected token0 or token1",
                        f + ":32: vaults[1].hedge.token1Decimals: expected a whole number from 0 to 36",
                        f + ":39: database.password: environment variable DB_PASSWORD is not set",
                        f + ":41: risk.maxLeverage: expected a number above 0 up to 20",
                        f + ":42: risk.onDailyLoss: expected REDUCING or HALTED",
                        f + ":45: admin.token: must be at least 24 characters",
                        f + ":15: vaults[0].poolFee: is required",
                        f + ":23: vaults[1].poolFee: is required");
        assertThat(lines).anyMatch(l -> l.startsWith(f + ":15: vaults[0].hedge: is required"));
        assertThat(e.getMessage()).doesNotContain("sekrit-rpc-key", "key-abc123", "short-token");
        assertThat(e.problems()).hasSize(22);
    }

    @Test
    void twoVaultsCannotHedgeTheSameMarketOnOneVenueAndRiskDefaultsFollowTheVaults() throws IOException {
        String yaml = Files.readString(EXAMPLES.resolve("keeper-global.yaml")).replace("market: BTC", "market: ETH");
        Path file = Files.writeString(dir.resolve("twice.yaml"), yaml);
        assertThatThrownBy(() -> new ConfigLoader(env).load(file))
                .hasMessageContaining("vaults[1].hedge: another vault already hedges on hyperliquid ETH");

        String noRisk = Files.readString(EXAMPLES.resolve("keeper-global.yaml")).replaceAll("(?s)\nrisk:.*?\n\n", "\n");
        KeeperConfig config = new ConfigLoader(env).load(Files.writeString(dir.resolve("defaults.yaml"), noRisk));
        // Three vaults of 500k, 500k and 50k: the venue cap is their sum, the daily loss limit 5 % of it.
        assertThat(config.risk().maxVenuePositionNotional()).isEqualByComparingTo("1050000");
        assertThat(config.risk().dailyLossLimit()).isEqualByComparingTo("52500");
        assertThat(config.risk().maxOrderNotional()).isEqualByComparingTo("100000");
    }

    @Test
    void aValidEip55AddressIsAcceptedAndStoredLowerCase() throws IOException {
        String yaml = Files.readString(EXAMPLES.resolve("keeper-us.yaml"))
                .replace("0x1111111111111111111111111111111111111111", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        Path file = Files.writeString(dir.resolve("checksum.yaml"), yaml);
        KeeperConfig config = new ConfigLoader(env).load(file);
        assertThat(config.vaults().get(0).address()).isEqualTo("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
    }

    @Test
    void venueSettingsTheClientsNeedAreChecked() throws IOException {
        String yaml = Files.readString(EXAMPLES.resolve("keeper-global.yaml"))
                .replaceAll("\n    nodeUrl: .*", "")
                .replace(
                        "    signer:\n      type: keystore\n      path: ${HL_KEYSTORE_FILE}\n"
                                + "      passwordEnv: HL_KEYSTORE_PASSWORD\n",
                        "    signer: {type: kms, keyId: alias/hl, region: eu-west-1}\n    vaultAddress: \"0x12\"\n")
                .replace("\ndatabase:", """

                          cb:
                            type: coinbase
                            apiKeyName: ${COINBASE_API_KEY_NAME}
                            privateKeyPath: ${COINBASE_PRIVATE_KEY_FILE}
                            derivatives: INTX
                            products: {ETH: 5}

                        database:""");
        Path file = Files.writeString(dir.resolve("venues.yaml"), yaml);
        assertThatThrownBy(() -> new ConfigLoader(env).load(file))
                .isInstanceOf(ConfigException.class)
                .satisfies(t -> assertThat(t.getMessage())
                        .contains(
                                "venues.hyperliquid.signer: hyperliquid signs with a local key",
                                "venues.hyperliquid.vaultAddress: expected 0x and 40 hex digits",
                                "venues.dydx.nodeUrl: is required",
                                "venues.cb.portfolioUuid: is required"));
    }

    @Test
    void brokenYamlIsOneProblemWithItsLine() throws IOException {
        Path file =
                Files.writeString(dir.resolve("broken.yaml"), "chain:\n  chainId: 1\n  rpcUrls: [a, b\nvaults: []\n");
        assertThatThrownBy(() -> new ConfigLoader(env).load(file))
                .isInstanceOf(ConfigException.class)
                .satisfies(t -> assertThat(((ConfigException) t).problems())
                        .singleElement()
                        .satisfies(p -> assertThat(p.message()).startsWith("not valid YAML")));
    }
}
