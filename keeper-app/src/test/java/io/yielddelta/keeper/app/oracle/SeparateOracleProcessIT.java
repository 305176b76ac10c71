package io.yielddelta.keeper.app.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yielddelta.keeper.app.KeeperCli;
import io.yielddelta.keeper.app.chain.InMemorySentTransactions;
import io.yielddelta.keeper.app.chain.Web3jChainGatewayFactory;
import io.yielddelta.keeper.app.chainlink.FeedWorld;
import io.yielddelta.keeper.app.config.ConfigLoader;
import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.app.config.Secret;
import io.yielddelta.keeper.contracts.devchain.DevChain;
import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.devchain.DevFeeds;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.core.chain.ChainGateway;
import io.yielddelta.keeper.core.chain.RebalanceRejectedException;
import io.yielddelta.keeper.core.chain.TransactionStatus;
import io.yielddelta.keeper.core.signing.SigningException;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.RebalanceOrder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;

/**
 * The aiOracle in its own process ({@code keeper oracle serve}, a child JVM with its own key and configuration file)
 * and the keeper asking it over HTTP on loopback: the keeper's rebalance is signed by the child and confirmed on anvil;
 * the child refuses on its own feed read, refuses a wrong token and names a malformed field.
 */
@ExtendWith(DevChainExtension.class)
class SeparateOracleProcessIT {
    private static final String TOKEN = "oracle-token-of-at-least-24-characters";
    private static final String PASSWORD = "oracle key password";

    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void stopChild() throws InterruptedException {
        if (child != null) {
            child.destroy();
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theKeeperRebalancesWithSignaturesFromTheOracleProcess(DevChain chain, UniswapV3Stack uniswap)
            throws Exception {
        FeedWorld world = new FeedWorld(chain, uniswap);
        String vault = world.vault.getContractAddress();
        int port = freePort();
        Path oracleConfig = Files.writeString(dir.resolve("oracle.yaml"), """
                chain: {chainId: %d, rpcUrls: ["%s"]}
                signer: {type: keystore, path: "%s", passwordEnv: ORACLE_KEYSTORE_PASSWORD}
                server: {bind: 127.0.0.1, port: %d, token: "${ORACLE_TOKEN}"}
                vaults:
                  - address: "%s"
                    policy: {minWidthTicks: 120, maxMoveTicks: 2000, maxSignatureLifetime: 15m}
                    chainlink: {feed: "%s", baseToken: %s, token0Decimals: %d, token1Decimals: %d, maxAge: 1h,
                                maxDeviationBps: 200}
                """.formatted(
                        DevChain.SEI_CHAIN_ID,
                        chain.rpcUrl(),
                        keystore(world.aiOracle),
                        port,
                        Keys.toChecksumAddress(vault),
                        Keys.toChecksumAddress(world.feed.getContractAddress()),
                        world.wethIsToken0 ? "token0" : "token1",
                        world.wethIsToken0 ? 18 : 6,
                        world.wethIsToken0 ? 6 : 18));
        ProcessBuilder oracle = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        KeeperCli.class.getName(),
                        "oracle",
                        "serve",
                        "--config",
                        oracleConfig.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("oracle.log").toFile());
        oracle.environment().put("ORACLE_TOKEN", TOKEN);
        oracle.environment().put("ORACLE_KEYSTORE_PASSWORD", PASSWORD);
        child = oracle.start();
        URI url = URI.create("http://127.0.0.1:" + port);
        awaitServing(url);

        // The keeper's deployment holds no aiOracle key, only where to ask and the token.
        Path keeperConfig = Files.writeString(dir.resolve("keeper.yaml"), """
                chain: {chainId: %d, rpcUrls: ["%s"]}
                signers:
                  keeper: {type: keystore, path: "%s", passwordEnv: KEEPER_KEYSTORE_PASSWORD}
                  aiOracle: {type: remote, url: "%s", token: "${ORACLE_TOKEN}"}
                vaults:
                  - name: weth-usdc
                    address: "%s"
                    pool: "%s"
                    poolFee: 3000
                    kind: CONCENTRATED_LIQUIDITY
                    limits: {maxNotionalUsd: 1000000}
                    chainlink: {feed: "%s", baseToken: %s, token0Decimals: %d, token1Decimals: %d, maxAge: 1h}
                database: {path: "%s"}
                """.formatted(
                        DevChain.SEI_CHAIN_ID,
                        chain.rpcUrl(),
                        keystore(world.keeper),
                        url,
                        Keys.toChecksumAddress(vault),
                        Keys.toChecksumAddress(world.pool.getContractAddress()),
                        Keys.toChecksumAddress(world.feed.getContractAddress()),
                        world.wethIsToken0 ? "token0" : "token1",
                        world.wethIsToken0 ? 18 : 6,
                        world.wethIsToken0 ? 6 : 18,
                        dir.resolve("db")));
        KeeperConfig config = new ConfigLoader(Map.of("ORACLE_TOKEN", TOKEN, "KEEPER_KEYSTORE_PASSWORD", PASSWORD))
                .load(keeperConfig);
        assertThat(config.signers().aiOracle()).isInstanceOf(KeeperConfig.OracleSpec.Remote.class);
        ChainGateway gateway = new Web3jChainGatewayFactory().open(config, new InMemorySentTransactions(), false);
        int centre = world.centreTick();
        RebalanceOrder order = new RebalanceOrder(
                "cycle-1",
                vault,
                new Range(centre - 600, centre + 600),
                false,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                world.blockTime().plusSeconds(600),
                BigInteger.valueOf(21));

        assertThat(gateway.awaitOutcome(gateway.submitRebalance(order, tx -> {}))
                        .state())
                .isEqualTo(TransactionStatus.State.CONFIRMED);
        assertThat(world.vault.position().send().component3()).isPositive();
        assertThat(Files.readString(dir.resolve("oracle.log")))
                .contains("aiOracle " + world.aiOracle.getAddress().toLowerCase() + " signed the rebalance of "
                        + vault.toLowerCase());

        // The oracle process reads the feed itself: asked directly while the feed is off, it refuses.
        HttpOracleClient client = new HttpOracleClient(url, new Secret(TOKEN), Duration.ofSeconds(10));
        DevFeeds.update(world.feed, new BigDecimal("2300"));
        RebalanceRequest later = new RebalanceRequest(
                DevChain.SEI_CHAIN_ID,
                vault,
                centre - 600,
                centre + 600,
                false,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                world.blockTime().getEpochSecond() + 600,
                BigInteger.valueOf(22));
        assertThatThrownBy(() -> client.sign(later))
                .isInstanceOf(OracleRefusedException.class)
                .hasMessageContaining("Chainlink 2300.00")
                .hasMessageContaining("they disagree");
        // and the keeper, through its gateway, does not get that far
        assertThatThrownBy(() -> gateway.submitRebalance(order, tx -> {}))
                .isInstanceOf(RebalanceRejectedException.class)
                .hasMessageContaining("keeper's price check");

        assertThatThrownBy(() -> new HttpOracleClient(
                                url, new Secret("not-the-oracle-token-at-all-x"), Duration.ofSeconds(10))
                        .sign(later))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("refused the keeper's token");
        HttpResponse<String> malformed = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(url.resolve(OracleServer.SIGNATURES))
                                .header("Authorization", "Bearer " + TOKEN)
                                .POST(HttpRequest.BodyPublishers.ofString("{\"chainId\": 1329, \"vault\": \"0x12\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("field vault");
        ((AutoCloseable) gateway).close();
    }

    private Path keystore(Credentials account) throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        return keys.resolve(WalletUtils.generateWalletFile(PASSWORD, account.getEcKeyPair(), keys.toFile(), false));
    }

    private void awaitServing(URI url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new AssertionError("the oracle process exited: " + Files.readString(dir.resolve("oracle.log")));
            }
            try {
                HttpResponse<String> signer = http.send(
                        HttpRequest.newBuilder(url.resolve(OracleServer.SIGNER))
                                .header("Authorization", "Bearer " + TOKEN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (signer.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError(
                "the oracle process did not serve within 60 s: " + Files.readString(dir.resolve("oracle.log")));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
