package io.yielddelta.keeper.app.venue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yielddelta.keeper.app.config.ConfigLoader;
import io.yielddelta.keeper.venues.coinbase.CoinbaseVectors;
import io.yielddelta.keeper.venues.coinbase.FakeCoinbase;
import io.yielddelta.keeper.venues.dydx.DydxVectors;
import io.yielddelta.keeper.venues.dydx.DydxWallet;
import io.yielddelta.keeper.venues.dydx.FakeDydx;
import io.yielddelta.keeper.venues.hyperliquid.FakeHyperliquid;
import io.yielddelta.keeper.venues.hyperliquid.HyperliquidSigner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.WalletUtils;
import picocli.CommandLine;

/**
 * {@code keeper venue preview} against each venue's local fake (the same servers and documented fixtures the venue
 * clients are tested with): the request is built and signed from the deployment file's settings, printed, and never
 * sent.
 */
class PreviewCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HL_KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
    private static final String PASSWORD_ENV = "PREVIEW_TEST_KEYSTORE_PASSWORD";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int preview(Path config, Map<String, String> env, String... args) {
        return preview(config, env, Clock.systemUTC(), args);
    }

    private int preview(Path config, Map<String, String> env, Clock clock, String... args) {
        CommandLine cli = new CommandLine(new PreviewCommand(new ConfigLoader(env), clock));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.execute(all);
    }

    private Path config(String venues) throws Exception {
        return Files.writeString(dir.resolve("keeper.yaml"), """
                chain:
                  chainId: 1329
                  rpcUrls: [http://127.0.0.1:8545]
                signers:
                  keeper: {type: kms, keyId: alias/k, region: us-east-1}
                  aiOracle: {type: kms, keyId: alias/o, region: us-east-1}
                vaults:
                  - name: eth-usdc
                    address: "0x1111111111111111111111111111111111111111"
                    pool: "0x2222222222222222222222222222222222222222"
                    poolFee: 3000
                    kind: CONCENTRATED_LIQUIDITY
                    limits: {maxNotionalUsd: 1000}
                venues:
                %s
                """.formatted(venues.indent(2)));
    }

    @Test
    void hyperliquidPrintsTheSignedExchangeRequestAndSendsNoOrder() throws Exception {
        HyperliquidSigner signer = HyperliquidSigner.fromPrivateKey(HL_KEY);
        String keystore = WalletUtils.generateWalletFile(
                "pw", ECKeyPair.create(new BigInteger(HL_KEY.substring(2), 16)), dir.toFile(), false);
        try (FakeHyperliquid fake = new FakeHyperliquid(signer.address(), false)) {
            Path config = config("""
                    hyperliquid:
                      type: hyperliquid
                      mainnet: false
                      baseUrl: %s
                      wsUrl: %s
                      signer: {type: keystore, path: "%s", passwordEnv: %s}
                    """.formatted(fake.restUrl(), fake.wsUrl(), dir.resolve(keystore), PASSWORD_ENV));

            int code = preview(
                    config,
                    Map.of(PASSWORD_ENV, "pw"),
                    "--venue",
                    "hyperliquid",
                    "--market",
                    "ETH",
                    "--side",
                    "buy",
                    "--size",
                    "0.5",
                    "--price",
                    "3000",
                    "--nonce",
                    "1700000000000",
                    "--client-id",
                    "cycle-1");

            assertThat(code).as(err::toString).isZero();
            JsonNode printed = JSON.readTree(out.toString());
            assertThat(printed.path("method").asText()).isEqualTo("POST");
            assertThat(printed.path("url").asText()).isEqualTo(fake.restUrl() + "/exchange");
            assertThat(printed.path("body").path("nonce").asLong()).isEqualTo(1_700_000_000_000L);
            assertThat(printed.path("body").path("action").path("type").asText())
                    .isEqualTo("order");
            assertThat(printed.path("signature").path("signer").asText()).isEqualTo(signer.address());
            assertThat(printed.path("body").path("signature").path("r").asText())
                    .isEqualTo(printed.path("signature").path("r").asText());
            assertThat(fake.exchangeRequests()).isEmpty();
            assertThat(out.toString()).doesNotContain(HL_KEY.substring(2));

            // Reproducible: the same nonce and client id give the same bytes.
            String first = out.toString();
            out.getBuffer().setLength(0);
            preview(
                    config,
                    Map.of(PASSWORD_ENV, "pw"),
                    "--venue",
                    "hyperliquid",
                    "--market",
                    "ETH",
                    "--side",
                    "buy",
                    "--size",
                    "0.5",
                    "--price",
                    "3000",
                    "--nonce",
                    "1700000000000",
                    "--client-id",
                    "cycle-1");
            assertThat(out.toString()).isEqualTo(first);
        }
    }

    @Test
    void dydxPrintsTheSignedBroadcastWithTheGivenSequenceAndBroadcastsNothing() throws Exception {
        String mnemonic = DydxVectors.key("KEY_3").path("mnemonic").asText();
        DydxWallet wallet = DydxWallet.fromMnemonic(mnemonic);
        try (FakeDydx fake = new FakeDydx(wallet.address())) {
            Path config = config("""
                    dydx:
                      type: dydx
                      mnemonic: ${DYDX_MNEMONIC}
                      address: %s
                      indexerUrl: %s
                      indexerWsUrl: %s
                      nodeUrl: %s
                      chainId: dydx-testnet-4
                    """.formatted(wallet.address(), fake.indexerUrl(), fake.wsUrl(), fake.nodeUrl()));

            int code = preview(
                    config,
                    Map.of("DYDX_MNEMONIC", mnemonic),
                    "--venue",
                    "dydx",
                    "--market",
                    "BTC",
                    "--side",
                    "sell",
                    "--size",
                    "0.002",
                    "--price",
                    "51000",
                    "--nonce",
                    "7",
                    "--client-id",
                    "cycle-2");

            assertThat(code).as(err::toString).isZero();
            JsonNode printed = JSON.readTree(out.toString());
            assertThat(printed.path("url").asText()).endsWith("/cosmos/tx/v1beta1/txs");
            assertThat(printed.path("body").path("mode").asText()).isEqualTo("BROADCAST_MODE_SYNC");
            assertThat(printed.path("signature").path("sequence").asText()).isEqualTo("7");
            assertThat(printed.path("signature").path("chain_id").asText()).isEqualTo("dydx-testnet-4");
            assertThat(printed.path("signature").path("signer").asText()).isEqualTo(wallet.address());
            assertThat(fake.broadcasts()).isEmpty();
            assertThat(out.toString()).doesNotContain(mnemonic.split(" ")[0] + " " + mnemonic.split(" ")[1]);
        }
    }

    @Test
    void coinbasePrintsTheOrderWithTheBearerTokenMaskedAndPlacesNothing() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
        Path pem = Files.writeString(dir.resolve("cdp-key.pem"), CoinbaseVectors.ES256_PEM);
        try (FakeCoinbase fake = new FakeCoinbase(clock)) {
            Path config = config(
                    """
                    coinbase:
                      type: coinbase
                      apiKeyName: ${CB_KEY_NAME}
                      privateKeyPath: "%s"
                      derivatives: INTX
                      portfolioUuid: %s
                      products: {ETH: %s}
                      baseUrl: %s
                      wsUrl: %s
                    """.formatted(pem, FakeCoinbase.PORTFOLIO, FakeCoinbase.PRODUCT, fake.restUrl(), fake.wsUrl()));

            int code = preview(
                    config,
                    Map.of("CB_KEY_NAME", CoinbaseVectors.KEY_NAME),
                    clock,
                    "--venue",
                    "coinbase",
                    "--market",
                    "ETH",
                    "--side",
                    "buy",
                    "--size",
                    "0.1",
                    "--nonce",
                    "1790000000");

            assertThat(code).as(err::toString).isZero();
            JsonNode printed = JSON.readTree(out.toString());
            assertThat(printed.path("method").asText()).isEqualTo("POST");
            assertThat(printed.path("url").asText()).endsWith("/api/v3/brokerage/orders");
            assertThat(printed.path("headers").path("Authorization").asText()).isEqualTo("Bearer ***");
            assertThat(printed.path("body").path("product_id").asText()).isEqualTo(FakeCoinbase.PRODUCT);
            assertThat(printed.path("signature").path("jwt.claims").asText()).contains("1790000000");
            assertThat(fake.requestLines()).noneMatch(line -> line.startsWith("POST"));
            assertThat(out.toString()).doesNotContain("PRIVATE KEY");
        }
    }

    @Test
    void anUnknownVenueOrSideIsRefusedWithExitTwo() throws Exception {
        Path config = config("""
                dx:
                  type: dydx
                  mnemonic: not read before a preview needs it
                  address: dydx1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq
                  nodeUrl: http://127.0.0.1:1
                """);
        assertThat(preview(config, Map.of(), "--venue", "nowhere", "--market", "ETH", "--side", "buy", "--size", "1"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("no venue named nowhere", "[dx]");
        assertThat(preview(config, Map.of(), "--venue", "dx", "--market", "ETH", "--side", "up", "--size", "1"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--side must be buy or sell");
    }

    @Test
    void aPaperVenueIsRefusedInADeploymentFile() throws Exception {
        Path config = config("""
                paper:
                  type: paper
                """);
        assertThat(preview(config, Map.of(), "--venue", "paper", "--market", "ETH", "--side", "buy", "--size", "1"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("venues.paper.type: paper is simulated");
    }
}
