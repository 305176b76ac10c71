package io.yielddelta.keeper.app.reliability;

import io.yielddelta.keeper.contracts.devchain.DevChain;
import io.yielddelta.keeper.contracts.devchain.DevVaults;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.contracts.generated.UniswapV3Pool;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault;
import io.yielddelta.keeper.core.clmm.TickMath;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.tx.Transfer;
import org.web3j.utils.Convert;

/**
 * What the reliability scenarios run the keeper against: the shared anvil chain with the real Uniswap V3 contracts, a
 * fresh YieldDeltaVault on a fresh pool, keystores for the keeper and the aiOracle, and a fresh database on one
 * embedded PostgreSQL (started once per JVM) — plus the checks every scenario makes: the vault's Rebalanced events
 * against the journal's rows.
 */
final class ReliabilityWorld {

    static final String PASSWORD_ENV = "KEEPER_RELIABILITY_KEYSTORE_PASSWORD";
    private static final String PASSWORD = "reliability suite keystore";
    private static final String REBALANCED_TOPIC = EventEncoder.encode(YieldDeltaVault.REBALANCED_EVENT);
    private static final BigInteger DEPOSIT = BigInteger.TEN.pow(20);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static final class Postgres {
        static final EmbeddedPostgres SERVER = start();

        private static EmbeddedPostgres start() {
            try {
                EmbeddedPostgres server = EmbeddedPostgres.builder().start();
                Runtime.getRuntime()
                        .addShutdownHook(new Thread(
                                () -> {
                                    try {
                                        server.close();
                                    } catch (IOException ignored) {
                                        // the JVM is going away
                                    }
                                },
                                "reliability-postgres-stop"));
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }
    }

    private final DevChain chain;
    private final UniswapV3Stack uniswap;
    private final Path dir;
    private final UniswapV3Pool pool;
    private final YieldDeltaVault vault;
    private final Path keeperKey;
    private final Path oracleKey;
    private final String database;
    private final DataSource db;
    private final Credentials trader;
    private boolean pushedDown;

    ReliabilityWorld(DevChain chain, UniswapV3Stack uniswap, Path dir) throws Exception {
        this.chain = chain;
        this.uniswap = uniswap;
        this.dir = dir;
        String tokenA = uniswap.deployToken("Wrapped SEI", "WSEI", 18).getContractAddress();
        String tokenB = uniswap.deployToken("USD Coin", "USDC", 18).getContractAddress();
        pool = uniswap.createPool(tokenA, tokenB, 3000, UniswapV3Stack.sqrtPriceX96(BigDecimal.ONE, 18, 18));
        DevVaults.growOracle(pool, 100);
        Credentials lp = chain.account(1);
        for (String token : List.of(pool.token0().send(), pool.token1().send())) {
            uniswap.fund(token, lp, BigInteger.TEN.pow(24), uniswap.positionManager());
        }
        uniswap.mintPosition(lp, pool, -6000, 6000, BigInteger.TEN.pow(23), BigInteger.TEN.pow(23));
        trader = chain.account(5);
        for (String token : List.of(pool.token0().send(), pool.token1().send())) {
            uniswap.fund(token, trader, BigInteger.TEN.pow(25), uniswap.swapRouter());
        }

        keeperKey = keystore(new BigInteger("4b5e1f0d7ce03ba7a6f8ff10e4b2b4c9b1e51c3d7a0c6a9f0b9e2d4c8a7f6e51", 16));
        oracleKey = keystore(new BigInteger("5e".repeat(32), 16));
        String keeper =
                WalletUtils.loadCredentials(PASSWORD, keeperKey.toFile()).getAddress();
        String oracle =
                WalletUtils.loadCredentials(PASSWORD, oracleKey.toFile()).getAddress();
        Transfer.sendFunds(chain.web3j(), chain.account(0), keeper, BigDecimal.TEN, Convert.Unit.ETHER)
                .send();
        // Production-like limits for a fast test: one rebalance per 15 minutes of chain time, a one-minute TWAP.
        vault = DevVaults.deploy(
                chain,
                chain.account(0),
                pool,
                keeper,
                oracle,
                DevVaults.parameters(900, 60, 100, 3000, 3000, 100, 300),
                -1200,
                1200);
        DevVaults.deposit(uniswap, vault, chain.account(4), DEPOSIT, DEPOSIT);
        chain.increaseTime(120);
        chain.mine();

        database = "reliability_" + DATABASES.incrementAndGet();
        try (Connection c = Postgres.SERVER.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        db = Postgres.SERVER.getDatabase("postgres", database);
    }

    private Path keystore(BigInteger privateKey) throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        String file = WalletUtils.generateWalletFile(PASSWORD, ECKeyPair.create(privateKey), keys.toFile(), false);
        return keys.resolve(file);
    }

    DevChain chain() {
        return chain;
    }

    /** A deployment file for this vault on these RPC URLs (tried in order), the journal on this world's database. */
    Path deployment(List<String> rpcUrls, String cron) throws IOException {
        return Files.writeString(
                dir.resolve("keeper-" + rpcUrls.size() + "-" + System.nanoTime() + ".yaml"), """
                chain:
                  chainId: %d
                  rpcUrls: [%s]
                signers:
                  keeper: {type: keystore, path: "%s", passwordEnv: %s}
                  aiOracle: {type: keystore, path: "%s", passwordEnv: %s}
                vaults:
                  - name: reliability-vault
                    address: "%s"
                    pool: "%s"
                    poolFee: 3000
                    kind: CONCENTRATED_LIQUIDITY
                    schedule: "%s"
                    limits: {maxNotionalUsd: 1000000}
                database:
                  type: postgresql
                  url: "%s"
                  user: postgres
                  password: postgres
                """.formatted(
                                DevChain.SEI_CHAIN_ID,
                                rpcUrls.stream().map(u -> "\"" + u + "\"").collect(Collectors.joining(", ")),
                                keeperKey,
                                PASSWORD_ENV,
                                oracleKey,
                                PASSWORD_ENV,
                                Keys.toChecksumAddress(vault.getContractAddress()),
                                Keys.toChecksumAddress(pool.getContractAddress()),
                                cron,
                                Postgres.SERVER.getJdbcUrl("postgres", database).replaceFirst("\\?.*$", "")));
    }

    /** `keeper run` on {@code deployment} as its own process. */
    KeeperProcess start(String instance, Path deployment) throws IOException, InterruptedException {
        return KeeperProcess.start(
                instance,
                deployment,
                Map.of(PASSWORD_ENV, PASSWORD),
                Files.createDirectories(Figures.DIR.resolve("logs")));
    }

    /**
     * A large swap moves the price 3,000 ticks (down, then back up on the next call), and an hour of chain time passes:
     * the TWAP follows, the vault's cooldown is over, and the keeper's next cycle decides a rebalance.
     */
    void movePriceOutOfRange() throws Exception {
        String token0 = pool.token0().send();
        String token1 = pool.token1().send();
        boolean down = !pushedDown;
        uniswap.swapExactInput(
                trader,
                down ? token0 : token1,
                down ? token1 : token0,
                3000,
                BigInteger.TEN.pow(24),
                TickMath.getSqrtRatioAtTick(down ? -3000 : 0));
        pushedDown = down;
        chain.increaseTime(3600);
        chain.mine();
    }

    /** Transaction hashes of the vault's Rebalanced events, oldest first. */
    List<String> rebalancedEvents() throws IOException {
        EthFilter filter = new EthFilter(
                        DefaultBlockParameterName.EARLIEST,
                        DefaultBlockParameterName.LATEST,
                        vault.getContractAddress())
                .addSingleTopic(REBALANCED_TOPIC);
        List<String> hashes = new ArrayList<>();
        for (EthLog.LogResult<?> result :
                chain.web3j().ethGetLogs(filter).send().getLogs()) {
            hashes.add(((EthLog.LogObject) result.get()).getTransactionHash());
        }
        return hashes;
    }

    long count(String sql) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    List<String> strings(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) { // the keeper has not created its tables yet
                throw e;
            }
        }
        return rows;
    }

    /** The journal as text, for failure messages. */
    String journal() {
        try {
            return String.join(
                    "\n",
                    strings("SELECT cycle_id || ' ' || action || ' ' || status || ' tx=' || "
                            + "COALESCE(tx_hash, '-') || ' mined=' || COALESCE(mined_hash, '-') FROM keeper_journal "
                            + "ORDER BY fire_time"));
        } catch (SQLException e) {
            return e.toString();
        }
    }

    /** Journal rows still INTENT or SUBMITTED. */
    long openRows() throws SQLException {
        return strings("SELECT cycle_id FROM keeper_journal WHERE status IN ('INTENT', 'SUBMITTED')")
                .size();
    }

    long rows(String action, String status) throws SQLException {
        return strings("SELECT cycle_id FROM keeper_journal WHERE action = '" + action + "' AND status = '" + status
                        + "'")
                .size();
    }

    /** Mined hashes of the journal's confirmed rebalances. */
    List<String> confirmedRebalanceHashes() throws SQLException {
        return strings("SELECT mined_hash FROM keeper_journal WHERE action = 'REBALANCE' AND status = 'CONFIRMED' "
                + "ORDER BY fire_time");
    }

    static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        await(what, within, condition, () -> "");
    }

    /** Waits for {@code condition}; on timeout, fails with {@code detail} as it is then (a journal, a log). */
    static void await(String what, Duration within, BooleanSupplier condition, Supplier<String> detail)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + within.toSeconds() + " s for " + what + "\n" + detail.get());
            }
            Thread.sleep(100);
        }
    }

    /** A check that may throw, for {@link #await}. */
    interface Probe {
        boolean holds() throws Exception;
    }

    static BooleanSupplier probe(Probe probe) {
        return () -> {
            try {
                return probe.holds();
            } catch (Exception e) {
                return false;
            }
        };
    }
}
