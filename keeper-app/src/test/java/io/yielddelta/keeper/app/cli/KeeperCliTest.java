package io.yielddelta.keeper.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.app.KeeperCli;
import io.yielddelta.keeper.app.daemon.ChainGatewayFactory;
import io.yielddelta.keeper.core.chain.ChainGateway;
import io.yielddelta.keeper.core.chain.SubmittedTransaction;
import io.yielddelta.keeper.core.chain.TransactionStatus;
import io.yielddelta.keeper.core.clmm.TickMath;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.RebalanceOrder;
import io.yielddelta.keeper.core.vault.VaultGuards;
import io.yielddelta.keeper.core.vault.VaultReading;
import io.yielddelta.keeper.core.vault.VaultState;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KeeperCliTest {

    private static final Instant NOW = Instant.parse("2026-01-08T13:00:07Z");
    private static final String OUT_OF_RANGE = "0x1111111111111111111111111111111111111111";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private Path config(String vaultAddressLine) throws IOException {
        return Files.writeString(dir.resolve("keeper.yaml"), """
                chain:
                  chainId: 1329
                  rpcUrls: [http://127.0.0.1:8545]
                signers:
                  keeper: {type: kms, keyId: alias/k, region: us-east-1, endpoint: "http://127.0.0.1:4599"}
                  aiOracle: {type: kms, keyId: alias/o, region: us-east-1, endpoint: "http://127.0.0.1:4599"}
                vaults:
                  - name: eth-usdc
                    %s
                    pool: "0x2222222222222222222222222222222222222222"
                    poolFee: 3000
                    kind: CONCENTRATED_LIQUIDITY
                    limits: {maxNotionalUsd: 1000}
                database:
                  path: %s
                """.formatted(vaultAddressLine, dir.resolve("db/keeper")));
    }

    @Test
    void validateConfigListsEveryProblemAndExitsTwo() throws IOException {
        Path file = config("address: \"0x12\"\n    colour: blue");
        int code = execute(new KeeperCli(), "validate-config", file.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        file + ":9: vaults[0].address: expected 0x and 40 hex digits",
                        file + ":10: vaults[0].colour: unknown field",
                        "2 problem(s)");
    }

    @Test
    void validateConfigAcceptsAGoodFile() throws IOException {
        int code = execute(
                new KeeperCli(),
                "validate-config",
                config("address: \"" + OUT_OF_RANGE + "\"").toString());
        assertThat(code).isZero();
        assertThat(out.toString()).contains("valid (1 vault(s)");
    }

    @Test
    void runAndStatusRefuseABadFileWithTheSameErrors() throws IOException {
        Path file = config("address: \"0x12\"");
        assertThat(execute(new KeeperCli(), "run", "--config", file.toString())).isEqualTo(2);
        assertThat(execute(new KeeperCli(), "status", "--config", file.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains(file + ":9: vaults[0].address: expected 0x and 40 hex digits");
        assertThat(Files.exists(dir.resolve("db/keeper.mv.db"))).isFalse();
    }

    @Test
    void onceDryRunPrintsTheDecisionAndSignsSendsAndJournalsNothing() throws IOException {
        AtomicInteger submits = new AtomicInteger();
        ChainGatewayFactory factory = (config, journal, readOnly) -> {
            assertThat(readOnly).isTrue();
            return new FixedChain(submits);
        };
        Path file = config("address: \"" + OUT_OF_RANGE + "\"");
        int code = execute(
                new OnceCommand(factory, Clock.fixed(NOW, ZoneOffset.UTC)), "--config", file.toString(), "--dry-run");

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains(
                        "eth-usdc",
                        "REBALANCE",
                        "[199020, 200040) -> [",
                        "OUT_OF_RANGE",
                        "id " + OUT_OF_RANGE + "@2026-01-08T13:00:07Z");
        assertThat(submits).hasValue(0);
        assertThat(Files.exists(dir.resolve("db/keeper.mv.db"))).isFalse();
    }

    /** Issue 14, defect 5: a dry run of a halted deployment shows the rebalance the keeper would skip, as skipped. */
    @Test
    void onceDryRunOfAHaltedDeploymentShowsTheRebalanceSkipped() throws IOException {
        AtomicInteger submits = new AtomicInteger();
        Path file = config("address: \"" + OUT_OF_RANGE + "\"");
        assertThat(execute(new TradingStateCommands.Halt(), "--config", file.toString(), "--reason", "incident"))
                .as(err::toString)
                .isZero();

        int code = execute(
                new OnceCommand(
                        (config, journal, readOnly) -> new FixedChain(submits), Clock.fixed(NOW, ZoneOffset.UTC)),
                "--config",
                file.toString(),
                "--dry-run");

        assertThat(code).as(err::toString).isZero();
        assertThat(err.toString()).contains("dry run: trading HALTED");
        assertThat(out.toString())
                .contains("eth-usdc", "SKIP", "OUT_OF_RANGE", "but rebalancing is stopped: trading HALTED")
                .doesNotContain("REBALANCE", "swap ");
        assertThat(submits).hasValue(0);
    }

    @Test
    void onceLiveJournalsTheRebalanceAndStatusShowsIt() throws IOException {
        AtomicInteger submits = new AtomicInteger();
        Path file = config("address: \"" + OUT_OF_RANGE + "\"");
        int code = execute(
                new OnceCommand(
                        (config, journal, readOnly) -> new FixedChain(submits), Clock.fixed(NOW, ZoneOffset.UTC)),
                "--config",
                file.toString());
        assertThat(code).as(err::toString).isZero();
        assertThat(submits).hasValue(1);

        assertThat(execute(new KeeperCli(), "status", "--config", file.toString()))
                .as(err::toString)
                .isZero();
        assertThat(out.toString())
                .contains(
                        "0 open rebalance(s)",
                        OUT_OF_RANGE + "@2026-01-08T13:00:07Z",
                        "CONFIRMED",
                        "confirmed in block 9");
    }

    /** One out-of-range vault; a rebalance is "mined" at once. */
    private record FixedChain(AtomicInteger submits) implements ChainGateway {
        @Override
        public List<VaultReading> readVaults(List<String> addresses) {
            return addresses.stream()
                    .<VaultReading>map(a -> new VaultReading.Observed(new VaultState(
                            a,
                            Optional.of(new Range(199_020, 200_040)),
                            BigInteger.TEN.pow(18),
                            TickMath.getSqrtRatioAtTick(201_337),
                            201_337,
                            201_330,
                            60,
                            BigInteger.TEN.pow(17),
                            BigInteger.valueOf(300_000_000L),
                            BigInteger.ZERO,
                            BigInteger.ZERO,
                            Optional.of(NOW.minus(Duration.ofHours(3))),
                            false,
                            new VaultGuards(Duration.ofMinutes(5), Duration.ofMinutes(30), 200, 20_000, 20_000, 100),
                            7,
                            NOW)))
                    .toList();
        }

        @Override
        public SubmittedTransaction submitRebalance(RebalanceOrder order, BeforeBroadcast beforeBroadcast) {
            submits.incrementAndGet();
            SubmittedTransaction tx =
                    new SubmittedTransaction("0x00000000000000000000000000000000000000cc", 0, "0x" + "ab".repeat(32));
            beforeBroadcast.recorded(tx);
            return tx;
        }

        @Override
        public TransactionStatus status(SubmittedTransaction transaction) {
            return new TransactionStatus(TransactionStatus.State.CONFIRMED, transaction.hash(), 9);
        }

        @Override
        public TransactionStatus awaitOutcome(SubmittedTransaction transaction) {
            return status(transaction);
        }
    }
}
