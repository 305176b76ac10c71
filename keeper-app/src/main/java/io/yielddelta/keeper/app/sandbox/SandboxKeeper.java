package io.yielddelta.keeper.app.sandbox;

import io.yielddelta.keeper.app.chain.RpcCallCounter;
import io.yielddelta.keeper.app.chain.Web3jChainGateway;
import io.yielddelta.keeper.app.chain.Web3jChainGatewayFactory;
import io.yielddelta.keeper.app.cli.DryRun;
import io.yielddelta.keeper.app.config.ConfigLoader;
import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.app.daemon.ChainGatewayFactory;
import io.yielddelta.keeper.app.daemon.KeeperDaemon;
import io.yielddelta.keeper.app.oracle.OracleProcess;
import io.yielddelta.keeper.app.venue.VenueSource;
import io.yielddelta.keeper.contracts.devchain.DevChain;
import io.yielddelta.keeper.core.cycle.JournalEntry;
import io.yielddelta.keeper.core.vault.VaultReading;
import io.yielddelta.keeper.core.vault.VaultState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;

/**
 * The real keeper daemon pointed at the sandbox: a generated deployment file (a keystore signer holding the anvil
 * account the vault trusts as keeper, an embedded H2 journal in a scratch directory, the admin endpoint with the
 * dashboard and {@code /metrics}, readable text logs), the installed web3j gateway and the Quartz schedule firing every
 * few seconds instead of hourly. Beside it, the aiOracle as a separate signer with its own generated file, key (the
 * anvil account the vault trusts as aiOracle) and policy, serving its HTTP API on loopback; the keeper holds no oracle
 * key and asks it for every signature, after its own Chainlink price check. Nothing sandbox-specific runs inside the
 * keeper or the oracle. The keystore password and the admin and oracle tokens are made up for each run; the admin
 * token is written to a file beside the deployment, never to the log.
 */
final class SandboxKeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxKeeper.class);
    private static final String PASSWORD_ENV = "KEEPER_SANDBOX_KEYSTORE_PASSWORD";
    private static final String TOKEN_ENV = "KEEPER_SANDBOX_ADMIN_TOKEN";
    private static final String ORACLE_TOKEN_ENV = "KEEPER_SANDBOX_ORACLE_TOKEN";
    /** Pool TWAP, feed and paper mark may spread this much; the mark streams an hour behind the pool at times. */
    private static final int MAX_DEVIATION_BPS = 300;

    private static final String SENTRY_ENV = "KEEPER_SANDBOX_SENTRY_DSN";
    private static final String DATADOG_ENV = "KEEPER_SANDBOX_DATADOG_API_KEY";
    /** The admin endpoint's port when it is free; another free one otherwise. */
    static final int PREFERRED_ADMIN_PORT = 8081;

    /**
     * Where the sandbox keeper reports besides its own dashboard and {@code /metrics} (both always on).
     *
     * @param datadogSite   a Datadog site or API URL; null: no Datadog
     * @param datadogApiKey with {@code datadogSite}
     * @param sentryDsn     null: no Sentry
     */
    record Reporting(String datadogSite, String datadogApiKey, String sentryDsn) {
        static final Reporting LOCAL_ONLY = new Reporting(null, null, null);
    }

    /** The secrets the sandbox made up for this run: fresh each time, and never logged. */
    record Secrets(String keystorePassword, String adminToken, String oracleToken) {
        static Secrets random() {
            return new Secrets(random(12), random(24), random(24));
        }

        private static String random(int bytes) {
            byte[] value = new byte[bytes];
            new SecureRandom().nextBytes(value);
            return HexFormat.of().formatHex(value);
        }
    }

    private final Path scratch;
    private final OracleProcess oracle;
    private final KeeperDaemon daemon;
    private final Web3jChainGateway reader;
    private final String vault;
    private final int adminPort;
    private final Secrets secrets;

    private SandboxKeeper(
            Path scratch,
            OracleProcess oracle,
            KeeperDaemon daemon,
            Web3jChainGateway reader,
            String vault,
            int adminPort,
            Secrets secrets) {
        this.scratch = scratch;
        this.oracle = oracle;
        this.daemon = daemon;
        this.reader = reader;
        this.vault = vault;
        this.adminPort = adminPort;
        this.secrets = secrets;
    }

    /**
     * Writes the deployments and starts the aiOracle and the daemon on them (the daemon reconciling the empty journal,
     * hedging on {@code venues}' paper venue, the schedule: one cycle every {@code every}), in the replayed history's
     * time {@code clock}.
     */
    static SandboxKeeper start(SandboxWorld world, Duration every, VenueSource venues, Clock clock) {
        return start(world, every, venues, clock, Reporting.LOCAL_ONLY);
    }

    /** As {@link #start(SandboxWorld, Duration, VenueSource, Clock)}, also reporting to Datadog and Sentry if given. */
    static SandboxKeeper start(
            SandboxWorld world, Duration every, VenueSource venues, Clock clock, Reporting reporting) {
        Secrets secrets = Secrets.random();
        Path scratch;
        try {
            scratch = Files.createTempDirectory("keeper-sandbox");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the sandbox keeper's scratch directory", e);
        }
        OracleProcess oracle = null;
        try {
            Map<String, String> env = new HashMap<>(Map.of(
                    PASSWORD_ENV,
                    secrets.keystorePassword(),
                    TOKEN_ENV,
                    secrets.adminToken(),
                    ORACLE_TOKEN_ENV,
                    secrets.oracleToken()));
            if (reporting.sentryDsn() != null) {
                env.put(SENTRY_ENV, reporting.sentryDsn());
            }
            if (reporting.datadogApiKey() != null) {
                env.put(DATADOG_ENV, reporting.datadogApiKey());
            }
            ConfigLoader loader = new ConfigLoader(env);
            Path oracleConfig = writeOracleConfig(world, scratch, secrets.keystorePassword());
            log.info("aiOracle configuration file {}", oracleConfig);
            oracle = OracleProcess.start(loader.loadOracle(oracleConfig));
            int adminPort = freePort(PREFERRED_ADMIN_PORT);
            Path config =
                    writeConfig(world, scratch, every, adminPort, reporting, secrets.keystorePassword(), oracle.url());
            Files.writeString(scratch.resolve("admin-token"), secrets.adminToken());
            log.info("keeper deployment file {}", config);
            KeeperConfig loaded = loader.withSimulatedVenues().load(config);
            log.info(
                    "the keeper holds no aiOracle key: it asks the separate signer {} at {} for every rebalance "
                            + "signature, after checking the pool's TWAP, the Chainlink feed {} and the paper venue's mark "
                            + "agree within {} bps",
                    oracle.signer(),
                    oracle.url(),
                    world.feedAddress(),
                    MAX_DEVIATION_BPS);
            KeeperDaemon daemon = new KeeperDaemon(
                    loaded,
                    ChainGatewayFactory.installed(),
                    venues,
                    clock,
                    new KeeperDaemon.Options("sandbox", Duration.ofSeconds(5), Duration.ofSeconds(1)));
            try {
                daemon.start();
                daemon.hedgingStarted().get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                daemon.close();
                throw new IllegalStateException("the keeper's hedging did not start within 30 s; see its log", e);
            } catch (Exception e) {
                daemon.close();
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("the keeper did not start: " + e.getMessage(), e);
            }
            Web3jChainGateway reader =
                    new Web3jChainGatewayFactory().open(loaded, DryRun.NOTHING_SENT, true, new RpcCallCounter());
            return new SandboxKeeper(scratch, oracle, daemon, reader, world.vaultAddress(), adminPort, secrets);
        } catch (IOException | RuntimeException e) {
            if (oracle != null) {
                oracle.close();
            }
            delete(scratch);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot write the sandbox keeper's files", io);
            }
            throw (RuntimeException) e;
        }
    }

    /** The keeper's own hedge refresh (as its maintenance pass does): a chain read, re-hedged if the vault moved. */
    void refreshHedge(String triggerId) {
        daemon.kernel().refreshHedges(triggerId);
    }

    /** The vault as the keeper reads it, for the hedge. */
    VaultState readVault() {
        return switch (reader.readVaults(List.of(vault)).getFirst()) {
            case VaultReading.Observed observed -> observed.state();
            case VaultReading.Unreadable unreadable ->
                throw new IllegalStateException("the sandbox vault is unreadable: " + unreadable.reason());
        };
    }

    /** The dashboard, served by the keeper's admin endpoint. */
    URI dashboardUrl() {
        return URI.create("http://127.0.0.1:" + adminPort + "/");
    }

    /** Prometheus's scrape endpoint, on the same port. */
    URI metricsUrl() {
        return URI.create("http://127.0.0.1:" + adminPort + "/metrics");
    }

    /** The file holding the admin token the dashboard's buttons ask for. */
    Path adminTokenFile() {
        return scratch.resolve("admin-token");
    }

    Secrets secrets() {
        return secrets;
    }

    KeeperDaemon daemon() {
        return daemon;
    }

    /** The journal, newest first. */
    List<JournalEntry> journal() {
        return daemon.store().recent(10_000);
    }

    /** The aiOracle's own file: its key, its loopback port, and its policy and feed for the sandbox vault. */
    private static Path writeOracleConfig(SandboxWorld world, Path scratch, String password) {
        try {
            Path keys = Files.createDirectories(scratch.resolve("oracle-keys"));
            return Files.writeString(scratch.resolve("ai-oracle-sandbox.yaml"), """
                    # Generated by keeper sandbox: the aiOracle as its own signer, with anvil's development key.
                    chain: {chainId: %d, rpcUrls: ["%s"]}
                    signer: {type: keystore, path: "%s", passwordEnv: %s}
                    server: {bind: 127.0.0.1, port: %d, token: "${%s}"}
                    vaults:
                      - address: "%s"
                        policy: {minWidthTicks: 120, maxMoveTicks: 6000, maxSignatureLifetime: 15m}
                        chainlink: {feed: "%s", baseToken: %s, token0Decimals: %d, token1Decimals: %d, maxAge: 2h,
                                    maxDeviationBps: %d}
                    """.formatted(
                            DevChain.SEI_CHAIN_ID,
                            world.rpcUrl(),
                            keystore(keys, world.aiOracle(), password),
                            PASSWORD_ENV,
                            freePort(0),
                            ORACLE_TOKEN_ENV,
                            Keys.toChecksumAddress(world.vaultAddress()),
                            Keys.toChecksumAddress(world.feedAddress()),
                            base(world),
                            decimals0(world),
                            decimals1(world),
                            MAX_DEVIATION_BPS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox aiOracle's configuration", e);
        }
    }

    /** WETH is the base token the feed and the hedge price; the pool sorts it first or second. */
    private static String base(SandboxWorld world) {
        return world.wethIsToken0() ? "token0" : "token1";
    }

    private static int decimals0(SandboxWorld world) {
        return world.wethIsToken0() ? 18 : 6;
    }

    private static int decimals1(SandboxWorld world) {
        return world.wethIsToken0() ? 6 : 18;
    }

    private static Path writeConfig(
            SandboxWorld world,
            Path scratch,
            Duration every,
            int adminPort,
            Reporting reporting,
            String password,
            URI oracle) {
        try {
            Path keys = Files.createDirectories(scratch.resolve("keys"));
            StringBuilder observability = new StringBuilder("observability:\n  logFormat: text\n  prometheusPort: ")
                    .append(adminPort)
                    .append('\n');
            if (reporting.sentryDsn() != null) {
                observability.append("  sentryDsn: \"${").append(SENTRY_ENV).append("}\"\n");
            }
            if (reporting.datadogSite() != null) {
                observability
                        .append("  datadog: {apiKey: \"${")
                        .append(DATADOG_ENV)
                        .append("}\", site: \"")
                        .append(reporting.datadogSite())
                        .append("\"}\n");
            }
            return Files.writeString(
                    scratch.resolve("keeper-sandbox.yaml"),
                    """
                    # Generated by keeper sandbox: the local anvil chain, the sandbox vault, anvil's development keys.
                    chain:
                      chainId: %d
                      rpcUrls: ["%s"]
                    signers:
                      keeper: {type: keystore, path: "%s", passwordEnv: %s}
                      aiOracle: {type: remote, url: "%s", token: "${%s}"}
                    vaults:
                      - name: sandbox-weth-usdc
                        address: "%s"
                        pool: "%s"
                        poolFee: 3000
                        kind: DELTA_NEUTRAL
                        schedule: "%s"
                        hedge: {venues: [paper], market: ETH, ratio: 1, baseToken: %s, token0Decimals: %d, token1Decimals: %d}
                        limits: {maxNotionalUsd: 2000000}
                        chainlink: {feed: "%s", baseToken: %s, token0Decimals: %d, token1Decimals: %d, maxAge: 2h,
                                    maxDeviationBps: %d}
                    venues:
                      paper: {type: paper, startingBalanceUsd: 1000000}
                    risk: {maxOrderNotionalUsd: 250000, dailyLossLimitUsd: 100000}
                    hedging: {maintainEvery: 10s}
                    database:
                      path: "%s"
                    admin: {port: %d, token: "${%s}"}
                    """.formatted(
                                            DevChain.SEI_CHAIN_ID,
                                            world.rpcUrl(),
                                            keystore(keys, world.keeper(), password),
                                            PASSWORD_ENV,
                                            oracle,
                                            ORACLE_TOKEN_ENV,
                                            Keys.toChecksumAddress(world.vaultAddress()),
                                            Keys.toChecksumAddress(world.poolAddress()),
                                            cron(every),
                                            base(world),
                                            decimals0(world),
                                            decimals1(world),
                                            Keys.toChecksumAddress(world.feedAddress()),
                                            base(world),
                                            decimals0(world),
                                            decimals1(world),
                                            MAX_DEVIATION_BPS,
                                            scratch.resolve("db/keeper"),
                                            adminPort,
                                            TOKEN_ENV)
                            + observability);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox keeper's configuration", e);
        }
    }

    /** Quartz fires on whole seconds: every N seconds, or every second for anything shorter. */
    static String cron(Duration every) {
        long seconds = Math.max(1, every.toSeconds());
        return seconds == 1 ? "* * * * * ?" : "0/" + Math.min(seconds, 59) + " * * * * ?";
    }

    /** {@code preferred} if it is free now, else any free port. */
    static int freePort(int preferred) throws IOException {
        try (ServerSocket socket = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException taken) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }

    private static Path keystore(Path dir, Credentials account, String password) throws IOException {
        try {
            return dir.resolve(WalletUtils.generateWalletFile(password, account.getEcKeyPair(), dir.toFile(), false));
        } catch (Exception e) {
            throw new IOException("cannot write a keystore for " + account.getAddress(), e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (Exception e) {
            log.warn("closing the sandbox's chain reader failed: {}", e.toString());
        }
        daemon.close();
        oracle.close();
        delete(scratch);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete the sandbox scratch directory {}: {}", dir, e.toString());
        }
    }
}
