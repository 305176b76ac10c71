package io.yielddelta.keeper.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yielddelta.keeper.app.KeeperCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code keeper backtest} on real ETH hours from ../shared/data/market, with the project's backtest-eth.yaml. */
class BacktestCommandTest {

    static final Path SHARED = Path.of(System.getProperty("shared.dir", "../../shared"));
    static final Path EXAMPLE = Path.of(System.getProperty("maven.multiModuleProjectDirectory",
            Path.of("").toAbsolutePath().getParent().toString()), "config", "backtest-eth.yaml");

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int backtest(String... args) {
        CommandLine cli = new CommandLine(new KeeperCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "backtest";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    @Test
    void sixWeeksOfRealHoursPrintTheTableAndWriteTheReports() throws Exception {
        Path json = dir.resolve("report.json");
        Path html = dir.resolve("report.html");

        int code = backtest("--config", EXAMPLE.toString(), "--data", SHARED.resolve("data/market").toString(),
                "--from", "2024-02-01", "--to", "2024-03-15", "--json", json.toString(), "--html", html.toString());

        assertThat(code).as(err::toString).isZero();
        assertThat(out.toString()).contains("eth-concentrated", "strategy", "HODL", "full-range LP", "1056 hours");
        assertThat(err.toString()).contains("eth-delta-neutral (DELTA_NEUTRAL) skipped", "100 %");
        JsonNode vault = new ObjectMapper().readTree(json.toFile()).path("vaults").get(0);
        assertThat(vault.path("name").asText()).isEqualTo("eth-concentrated");
        assertThat(vault.path("kind").asText()).isEqualTo("CONCENTRATED_LIQUIDITY");
        for (String metric : List.of("netApyPct", "feeApyPct", "ilPct", "hedgePnlPct", "fundingPct", "tradingFeesPct",
                "gasPct", "deltaWithinBandPct", "hedgingCostApyPct", "ilReductionPct", "avgRebalanceSlippagePct",
                "maxRebalanceLagHours", "rebalances", "hedgeOrders")) {
            assertThat(vault.has(metric)).as(metric).isTrue();
        }
        // ETH ran from ~2,300 to ~4,000 in these weeks: the range had to follow it, and the pool paid fees.
        assertThat(vault.path("rebalances").asInt()).isPositive();
        assertThat(vault.path("feeApyPct").asDouble()).isPositive();
        assertThat(Files.readString(html)).contains("<svg");
    }

    @Test
    void aBadConfigListsEveryProblemAndRunsNothing() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yaml"), """
                marketFile: ETHUSDT_1h.csv
                initialValueUsd: -5
                pool: {baseDecimals: 18, quoteDecimals: 6, feePips: 500}
                vaults:
                  - name: x
                    kind: SIDEWAYS
                """);
        assertThat(backtest("--config", config.toString(), "--data", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(config + ":2: initialValueUsd:", config + ":3: pool.tickSpacing: is required",
                config + ":6: vaults[0].kind:", "3 problem(s)");
    }

    @Test
    void badDataStopsWithTheFileAndLine() throws Exception {
        List<String> lines = Files.readAllLines(SHARED.resolve("data/market/ETHUSDT_1h.csv")).subList(0, 50);
        lines.set(20, "not,a,kline");
        Files.write(dir.resolve("ETHUSDT_1h.csv"), lines);
        assertThat(backtest("--config", EXAMPLE.toString(), "--data", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("ETHUSDT_1h.csv:21");
    }
}
