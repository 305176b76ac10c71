package io.yielddelta.keeper.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.yielddelta.keeper.app.config.ConfigLoader;
import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.app.store.Databases;
import io.yielddelta.keeper.app.store.JdbcTradingStateStore;
import io.yielddelta.keeper.app.venue.VenueFactory;
import io.yielddelta.keeper.core.hedge.InMemoryHedgeJournal;
import io.yielddelta.keeper.core.risk.TradingState;
import io.yielddelta.keeper.core.risk.TradingStateStore;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.venues.hyperliquid.FakeHyperliquid;
import io.yielddelta.keeper.venues.hyperliquid.HyperliquidSigner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.WalletUtils;
import picocli.CommandLine;

/**
 * {@code keeper halt | resume | exit} on an H2 deployment hedged on Hyperliquid's local server: the state lands in
 * the database every keeper reads, and the exit closes the open hedge with reduce-only orders.
 */
class TradingStateCommandsTest {

    private static final String HL_KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
    private static final String PASSWORD_ENV = "EXIT_TEST_KEYSTORE_PASSWORD";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void haltThenResumeAreStoredForEveryKeeper() throws Exception {
        try (FakeHyperliquid fake =
                new FakeHyperliquid(HyperliquidSigner.fromPrivateKey(HL_KEY).address(), false)) {
            Path config = config(fake);

            assertThat(run(new TradingStateCommands.Halt(), config, "--reason", "venue incident"))
                    .as(err::toString)
                    .isZero();
            assertThat(out.toString()).contains("trading state HALTED", "operator: venue incident");
            assertThat(stored(config).state()).isEqualTo(TradingState.HALTED);

            assertThat(run(new TradingStateCommands.Resume(), config, "--reason", "over"))
                    .isZero();
            assertThat(stored(config).state()).isEqualTo(TradingState.ACTIVE);
            assertThat(fake.exchangeRequests()).isEmpty();
        }
    }

    @Test
    void exitClosesTheOpenHedgeWithReduceOnlyOrdersAndStopsRebalancing() throws Exception {
        try (FakeHyperliquid fake =
                new FakeHyperliquid(HyperliquidSigner.fromPrivateKey(HL_KEY).address(), false)) {
            Path config = config(fake);
            KeeperConfig loaded = loader().load(config);
            try (HedgeVenue venue = new VenueFactory(Clock.systemUTC())
                    .open(loaded.venues().get("hyperliquid"), new InMemoryHedgeJournal())) {
                venue.place(new OrderRequest(
                        "ETH",
                        Side.SELL,
                        new BigDecimal("2"),
                        new BigDecimal("1000"),
                        OrderType.MARKET_IOC,
                        false,
                        ClientOrderId.of("earlier-hedge")));
                assertThat(size(venue)).isEqualByComparingTo("-2");

                int code = run(new TradingStateCommands.Exit(), config, "--reason", "depeg");

                assertThat(code).as(err::toString).isZero();
                assertThat(out.toString()).contains("1 closing order(s) on [hyperliquid]", "emergency exit");
                assertThat(size(venue)).isZero();
            }
            ObjectNode closing = fake.exchangeRequests().getLast();
            assertThat(closing.path("action").path("orders").get(0).path("r").asBoolean())
                    .as("reduce-only")
                    .isTrue();
            TradingStateStore.Stored stored = stored(config);
            assertThat(stored.state()).isEqualTo(TradingState.REDUCING);
            assertThat(stored.emergencyExit()).isTrue();
        }
    }

    private static BigDecimal size(HedgeVenue venue) {
        return venue.positions().stream()
                .filter(p -> p.market().equals("ETH"))
                .map(Position::size)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private int run(TradingStateCommands.StateCommand command, Path config, String... args) {
        command.loader = loader();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.execute(all);
    }

    private static ConfigLoader loader() {
        return new ConfigLoader(Map.of(PASSWORD_ENV, "pw"));
    }

    private TradingStateStore.Stored stored(Path config) {
        try (HikariDataSource db = Databases.open(loader().load(config).database())) {
            return new JdbcTradingStateStore(db, Clock.systemUTC()).load();
        }
    }

    private Path config(FakeHyperliquid fake) throws Exception {
        String keystore = WalletUtils.generateWalletFile(
                "pw", ECKeyPair.create(new BigInteger(HL_KEY.substring(2), 16)), dir.toFile(), false);
        return Files.writeString(dir.resolve("keeper.yaml"), """
                chain: {chainId: 1329, rpcUrls: ["http://127.0.0.1:9"]}
                signers:
                  keeper: {type: kms, keyId: alias/k, region: us-east-1}
                  aiOracle: {type: kms, keyId: alias/o, region: us-east-1}
                vaults:
                  - name: eth-delta-neutral
                    address: "0x1111111111111111111111111111111111111111"
                    pool: "0x2222222222222222222222222222222222222222"
                    poolFee: 3000
                    kind: DELTA_NEUTRAL
                    hedge: {venues: [hyperliquid], market: ETH, baseToken: token0, token0Decimals: 18, token1Decimals: 6}
                    limits: {maxNotionalUsd: 100000}
                venues:
                  hyperliquid:
                    type: hyperliquid
                    mainnet: false
                    baseUrl: %s
                    wsUrl: %s
                    signer: {type: keystore, path: "%s", passwordEnv: %s}
                database: {path: "%s"}
                """.formatted(
                        fake.restUrl(), fake.wsUrl(), dir.resolve(keystore), PASSWORD_ENV, dir.resolve("db/keeper")));
    }
}
