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
    void theThreeKindsOverSixWeeksOfRealHoursPrintTheTableAndWriteTheReports() throws Exception {
        Path json = dir.resolve("report.json");
        Path html = dir.resolve("report.html");

        // Inside the funding files' span (they end in 2023-12), so the hedges pay and earn historical funding.
        int code = backtest("--config", EXAMPLE.toString(), "--data", SHARED.resolve("data/market").toString(),
                "--from", "2023-10-15", "--to", "2023-11-28", "--json", json.toString(), "--html", html.toString());

        assertThat(code).as(err::toString).isZero();
        assertThat(out.toString()).contains("eth-concentrated", "eth-delta-neutral", "eth-arbitrage", "strategy", "HODL",
                "full-range LP", "1080 hours");
        assertThat(err.toString()).contains("100 %");
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode vaults = root.path("vaults");
        assertThat(vaults).hasSize(3);
        assertThat(List.of(vaults.get(0).path("kind").asText(), vaults.get(1).path("kind").asText(),
                vaults.get(2).path("kind").asText())).containsExactly("CONCENTRATED_LIQUIDITY", "DELTA_NEUTRAL", "ARBITRAGE");
        for (JsonNode vault : vaults) {
            for (String metric : List.of("netApyPct", "feeApyPct", "ilPct", "hedgePnlPct", "fundingPct", "tradingFeesPct",
                    "gasPct", "deltaWithinBandPct", "hedgingCostApyPct", "ilReductionPct", "avgRebalanceSlippagePct",
                    "maxRebalanceLagHours", "rebalances", "hedgeOrders")) {
                assertThat(vault.has(metric)).as(vault.path("name") + " " + metric).isTrue();
            }
            // ETH ran from ~1,550 to ~2,050 in these weeks: the range had to follow it, and the pool paid fees.
            assertThat(vault.path("rebalances").asInt()).isPositive();
            assertThat(vault.path("feeApyPct").asDouble()).isPositive();
        }
        JsonNode concentrated = vaults.get(0);
        JsonNode neutral = vaults.get(1);
        JsonNode arbitrage = vaults.get(2);
        assertThat(concentrated.path("hedgeOrders").asInt()).isZero();
        assertThat(concentrated.path("deltaWithinBandPct").asDouble()).isLessThan(10);
        for (JsonNode hedged : List.of(neutral, arbitrage)) {
            assertThat(hedged.path("hedgeOrders").asInt()).isPositive();
            assertThat(hedged.path("deltaWithinBandPct").asDouble()).isGreaterThanOrEqualTo(99);
            assertThat(hedged.path("hedgePnlPct").asDouble()).as("a short in a rising market").isNegative();
            assertThat(hedged.path("fundingPct").asDouble()).as("longs paid shorts in this bull run").isPositive();
            assertThat(hedged.path("tradingFeesPct").asDouble()).isNegative();
        }
        assertThat(root.path("assumptions").path("hedge").asText()).contains("hyperliquid", "dydx",
                "ETH-USDT_dydx_2022-01-01_2024-01-01_funding_history.csv");
        assertThat(Files.readString(html)).contains("<svg", "eth-arbitrage");
    }

    @Test
    void hedgeSettingsThatCannotWorkAreProblemsWithTheirLines() throws Exception {
        Path config = Files.writeString(dir.resolve("bad-hedge.yaml"), """
                marketFile: ETHUSDT_1h.csv
                initialValueUsd: 1000000
                pool: {baseDecimals: 18, quoteDecimals: 6, feePips: 500, tickSpacing: 10}
                hedging:
                  venues:
                    - {name: hyperliquid, collateralUsd: 500000}
                    - {name: hyperliquid, collateralUsd: 100}
                vaults:
                  - {name: a, kind: CONCENTRATED_LIQUIDITY, hedgeVenues: [hyperliquid]}
                  - {name: b, kind: DELTA_NEUTRAL}
                  - {name: c, kind: ARBITRAGE, hedgeVenues: [hyperliquid]}
                  - {name: d, kind: DELTA_NEUTRAL, hedgeVenues: [binance]}
                """);
        assertThat(backtest("--config", config.toString(), "--data", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(config + ":7: hedging.venues[1]: a second venue named hyperliquid",
                config + ":9: vaults[0].hedgeVenues: CONCENTRATED_LIQUIDITY does not hedge",
                config + ":10: vaults[1].hedgeVenues: DELTA_NEUTRAL needs at least 1 venue(s)",
                config + ":11: vaults[2].hedgeVenues: ARBITRAGE needs at least 2 venue(s)",
                config + ":12: vaults[3].hedgeVenues[0]: no venue binance in hedging.venues", "5 problem(s)");
    }

    @Test
    void badFundingDataStopsWithTheFileAndLine() throws Exception {
        Path market = Files.createDirectories(dir.resolve("market"));
        Files.write(market.resolve("ETHUSDT_1h.csv"),
                Files.readAllLines(SHARED.resolve("data/market/ETHUSDT_1h.csv")).subList(0, 50));
        Path funding = Files.createDirectories(dir.resolve("funding"));
        for (String venue : List.of("binance_2020-01-01", "dydx_2022-01-01")) {
            String name = "ETH-USDT_" + venue + "_2024-01-01_funding_history.csv";
            List<String> lines = new java.util.ArrayList<>(Files.readAllLines(SHARED.resolve("data/funding").resolve(name))
                    .subList(0, 40));
            if (venue.startsWith("dydx")) {
                lines.set(30, "ETH-USDT,2022-01-02 05:00:00,lots");
            }
            Files.write(funding.resolve(name), lines);
        }
        assertThat(backtest("--config", EXAMPLE.toString(), "--data", market.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("ETH-USDT_dydx_2022-01-01_2024-01-01_funding_history.csv:31 (2022-01-02 05:00:00)",
                "unparsable row");
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
