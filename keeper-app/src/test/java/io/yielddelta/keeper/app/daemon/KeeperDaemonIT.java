package io.yielddelta.keeper.app.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.app.KeeperCli;
import io.yielddelta.keeper.app.cli.OnceCommand;
import io.yielddelta.keeper.app.config.ConfigLoader;
import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.contracts.devchain.DevChain;
import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.devchain.DevVaults;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.contracts.generated.UniswapV3Pool;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault;
import io.yielddelta.keeper.core.clmm.TickMath;
import io.yielddelta.keeper.core.cycle.JournalEntry;
import io.yielddelta.keeper.core.cycle.JournalStatus;
import io.yielddelta.keeper.core.policy.Action;
import io.yielddelta.keeper.core.vault.Range;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.tx.Transfer;
import org.web3j.utils.Convert;
import picocli.CommandLine;

/**
 * The keeper end to end on anvil: the installed web3j gateway, keystore signers, the Quartz schedule on the H2 journal
 * and a real YieldDeltaVault over a real Uniswap V3 pool.
 */
@ExtendWith(DevChainExtension.class)
class KeeperDaemonIT {

    private static final String PASSWORD_ENV = "KEEPER_IT_KEYSTORE_PASSWORD";
    private static final String PASSWORD = "correct horse battery staple";
    /** Small beside the pool, so the re-ratio swap moves the price less than the policy's slippage allowance. */
    private static final BigInteger DEPOSIT = BigInteger.TEN.pow(20);

    private static final String REBALANCED_TOPIC = org.web3j.abi.EventEncoder.encode(YieldDeltaVault.REBALANCED_EVENT);

    @TempDir
    Path dir;

    private DevChain chain;
    private UniswapV3Stack uniswap;
    private UniswapV3Pool pool;
    private YieldDeltaVault vault;
    private String keeperAddress;
    private Path configFile;
    private Process child;

    @BeforeEach
    void deploy(DevChain chain, UniswapV3Stack uniswap) throws Exception {
        this.chain = chain;
        this.uniswap = uniswap;
        String tokenA = uniswap.deployToken("Wrapped SEI", "WSEI", 18).getContractAddress();
        String tokenB = uniswap.deployToken("USD Coin", "USDC", 18).getContractAddress();
        pool = uniswap.createPool(tokenA, tokenB, 3000, UniswapV3Stack.sqrtPriceX96(BigDecimal.ONE, 18, 18));
        DevVaults.growOracle(pool, 100);
        Credentials lp = chain.account(1);
        String token0 = pool.token0().send();
        String token1 = pool.token1().send();
        uniswap.fund(token0, lp, BigInteger.TEN.pow(24), uniswap.positionManager());
        uniswap.fund(token1, lp, BigInteger.TEN.pow(24), uniswap.positionManager());
        uniswap.mintPosition(lp, pool, -6000, 6000, BigInteger.TEN.pow(23), BigInteger.TEN.pow(23));

        Path keeperKey =
                keystore(new BigInteger("4b5e1f0d7ce03ba7a6f8ff10e4b2b4c9b1e51c3d7a0c6a9f0b9e2d4c8a7f6e51", 16));
        Path oracleKey = keystore(new BigInteger("5e".repeat(32), 16));
        keeperAddress =
                WalletUtils.loadCredentials(PASSWORD, keeperKey.toFile()).getAddress();
        String oracleAddress =
                WalletUtils.loadCredentials(PASSWORD, oracleKey.toFile()).getAddress();
        Transfer.sendFunds(chain.web3j(), chain.account(0), keeperAddress, BigDecimal.TEN, Convert.Unit.ETHER)
                .send();

        vault = DevVaults.deploy(
                chain,
                chain.account(0),
                pool,
                keeperAddress,
                oracleAddress,
                DevVaults.parameters(900, 60, 100, 3000, 3000, 100, 300),
                -1200,
                1200);
        DevVaults.deposit(uniswap, vault, chain.account(4), DEPOSIT, DEPOSIT);
        chain.increaseTime(120);
        chain.mine();

        configFile = Files.writeString(dir.resolve("keeper.yaml"), """
                chain:
                  chainId: %d
                  rpcUrls: ["%s"]
                signers:
                  keeper: {type: keystore, path: "%s", passwordEnv: %s}
                  aiOracle: {type: keystore, path: "%s", passwordEnv: %s}
                vaults:
                  - name: wsei-usdc
                    address: "%s"
                    pool: "%s"
                    poolFee: 3000
                    kind: CONCENTRATED_LIQUIDITY
                    schedule: "0/2 * * * * ?"
                    limits: {maxNotionalUsd: 1000000}
                database:
                  path: "%s"
                """.formatted(
                        DevChain.SEI_CHAIN_ID,
                        chain.rpcUrl(),
                        keeperKey,
                        PASSWORD_ENV,
                        oracleKey,
                        PASSWORD_ENV,
                        org.web3j.crypto.Keys.toChecksumAddress(vault.getContractAddress()),
                        org.web3j.crypto.Keys.toChecksumAddress(pool.getContractAddress()),
                        dir.resolve("db/keeper")));
    }

    @AfterEach
    void stopChild() throws InterruptedException {
        chain.setAutomine(true);
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Path keystore(BigInteger privateKey) throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        String file = WalletUtils.generateWalletFile(PASSWORD, ECKeyPair.create(privateKey), keys.toFile(), false);
        return keys.resolve(file);
    }

    private KeeperConfig config() {
        return new ConfigLoader(Map.of(PASSWORD_ENV, PASSWORD)).load(configFile);
    }

    /** The daemon as `keeper run` builds it (this deployment hedges nothing). */
    private KeeperDaemon daemon() {
        return new KeeperDaemon(
                config(),
                ChainGatewayFactory.installed(),
                (venue, journal) -> {
                    throw new IllegalStateException("nothing hedges here");
                },
                Clock.systemUTC(),
                new KeeperDaemon.Options("it", Duration.ofSeconds(5), Duration.ofSeconds(1)));
    }

    @Test
    void theScheduledJobInvestsAFreshVaultThenRebalancesItWhenThePriceLeavesTheRange() throws Exception {
        try (KeeperDaemon daemon = daemon()) {
            daemon.start();

            await(
                    "the first rebalance confirmed",
                    () -> confirmedRebalances(daemon).size() == 1);
            Range first = storedRange();
            assertThat(vault.position().send().component3()).isPositive();
            assertThat(first.contains(tick())).isTrue();

            // A large sell pushes the price out of the range; an hour later the TWAP has followed it.
            uniswap.fund(pool.token0().send(), chain.account(5), BigInteger.TEN.pow(24), uniswap.swapRouter());
            uniswap.swapExactInput(
                    chain.account(5),
                    pool.token0().send(),
                    pool.token1().send(),
                    3000,
                    BigInteger.TEN.pow(24),
                    TickMath.getSqrtRatioAtTick(-3000));
            chain.increaseTime(3600);
            chain.mine();
            assertThat(first.contains(tick()))
                    .as("tick %d left %s", tick(), first)
                    .isFalse();

            await(
                    "the out-of-range rebalance confirmed",
                    () -> confirmedRebalances(daemon).size() == 2);
            Range second = storedRange();
            assertThat(second).isNotEqualTo(first);
            assertThat(second.contains(tick())).isTrue();
            List<JournalEntry> rebalances = confirmedRebalances(daemon);
            for (JournalEntry row : rebalances) {
                assertThat(row.transaction()).isPresent();
                assertThat(row.minedHash()).isPresent();
                assertThat(chain.web3j()
                                .ethGetTransactionReceipt(row.minedHash().get())
                                .send()
                                .getTransactionReceipt()
                                .orElseThrow()
                                .isStatusOK())
                        .isTrue();
            }
            assertThat(rebalances).anyMatch(row -> row.target().equals(java.util.Optional.of(second)));
        }
        assertThat(rebalancedEvents()).isEqualTo(2);
    }

    @Test
    void aKeeperKilledAfterBroadcastingAndRestartedRebalancesExactlyOnce() throws Exception {
        // Blocks are mined only when the test says: the rebalance waits in the mempool while the keeper is killed.
        chain.setAutomine(false);
        startKeeperAndKillItOnceItBroadcast();
        chain.mine();
        chain.setAutomine(true);
        assertThat(rebalancedEvents()).isEqualTo(1);

        try (KeeperDaemon daemon = daemon()) {
            assertThat(daemon.store().openEntries()).hasSize(1);
            daemon.start();
            assertThat(daemon.store().openEntries()).isEmpty();
            // The interrupted job is recovered with its own fire time, and later fires see the invested vault.
            Thread.sleep(6_000);
            assertThat(confirmedRebalances(daemon)).hasSize(1);
            assertThat(daemon.store().recent(1_000))
                    .noneMatch(e -> e.status() == JournalStatus.FAILED
                            || e.status() == JournalStatus.SUBMITTED
                            || e.status() == JournalStatus.INTENT);
        }
        assertThat(rebalancedEvents()).isEqualTo(1);
    }

    @Test
    void readyAnswers503UntilTheJournalIsReconciledAndTheAdminActionsNeedTheToken() throws Exception {
        chain.setAutomine(false);
        startKeeperAndKillItOnceItBroadcast();
        String token = "readiness-test-admin-token-0123";
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Files.writeString(
                configFile, Files.readString(configFile) + "admin: {port: %d, token: %s}\n".formatted(port, token));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, java.net.http.HttpResponse<String>> get = path -> {
            try {
                return http.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                return null;
            }
        };

        try (KeeperDaemon daemon = daemon()) {
            Thread starting = new Thread(
                    () -> {
                        try {
                            daemon.start();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    "starting-keeper");
            starting.start();
            await("the admin endpoint", () -> get.apply("/health") != null);
            await(
                    "the journal being reconciled",
                    () -> get.apply("/ready").body().contains("reconciling the journal"));
            assertThat(get.apply("/ready").statusCode()).isEqualTo(503);
            assertThat(get.apply("/health").statusCode()).isEqualTo(200);
            java.net.http.HttpResponse<String> refused = http.send(
                    java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://127.0.0.1:" + port + "/admin/halt?reason=test"))
                            .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(daemon.kernel().trading().engine().state())
                    .isEqualTo(io.yielddelta.keeper.core.risk.TradingState.ACTIVE);
            Thread.sleep(2_000);
            assertThat(get.apply("/ready").statusCode())
                    .as("still unreconciled, still not ready")
                    .isEqualTo(503);

            chain.mine();
            chain.setAutomine(true);
            await("ready once reconciled", () -> get.apply("/ready").statusCode() == 200);
            starting.join(10_000);
            assertThat(daemon.store().openEntries()).isEmpty();
        }
        assertThat(rebalancedEvents()).isEqualTo(1);
    }

    /** Runs `keeper run` in a child JVM until its first rebalance waits in the mempool, then kills it. */
    private void startKeeperAndKillItOnceItBroadcast() throws Exception {
        ProcessBuilder keeper = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        KeeperCli.class.getName(),
                        "run",
                        "--config",
                        configFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed-keeper.log").toFile());
        keeper.environment().put(PASSWORD_ENV, PASSWORD);
        child = keeper.start();
        await("the killed keeper's rebalance in the mempool", () -> pendingNonce() > minedNonce());
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void aDryRunThroughTheInstalledGatewayPrintsTheRebalanceAndSendsNothing() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine once = new CommandLine(
                new OnceCommand(null, new ConfigLoader(Map.of(PASSWORD_ENV, PASSWORD)), Clock.systemUTC()));
        once.setOut(new PrintWriter(out));

        int code = once.execute("--config", configFile.toString(), "--dry-run");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("wsei-usdc", "REBALANCE", "[NO_POSITION]");
        assertThat(minedNonce()).isZero();
        assertThat(pendingNonce()).isZero();
        assertThat(rebalancedEvents()).isZero();
        assertThat(dir.resolve("db")).doesNotExist();
    }

    private static List<JournalEntry> confirmedRebalances(KeeperDaemon daemon) {
        return daemon.store().recent(1_000).stream()
                .filter(e -> e.action() == Action.REBALANCE && e.status() == JournalStatus.CONFIRMED)
                .toList();
    }

    private Range storedRange() throws Exception {
        var position = vault.position().send();
        return new Range(
                position.component1().intValueExact(), position.component2().intValueExact());
    }

    private int tick() throws Exception {
        return pool.slot0().send().component2().intValueExact();
    }

    private long rebalancedEvents() throws IOException {
        EthFilter filter = new EthFilter(
                        DefaultBlockParameterName.EARLIEST,
                        DefaultBlockParameterName.LATEST,
                        vault.getContractAddress())
                .addSingleTopic(REBALANCED_TOPIC);
        return chain.web3j().ethGetLogs(filter).send().getLogs().size();
    }

    private long pendingNonce() {
        return nonce(DefaultBlockParameterName.PENDING);
    }

    private long minedNonce() {
        return nonce(DefaultBlockParameterName.LATEST);
    }

    private long nonce(DefaultBlockParameterName block) {
        try {
            return chain.web3j()
                    .ethGetTransactionCount(keeperAddress, block)
                    .send()
                    .getTransactionCount()
                    .longValueExact();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 60 s for " + what);
            }
            Thread.sleep(200);
        }
    }
}
