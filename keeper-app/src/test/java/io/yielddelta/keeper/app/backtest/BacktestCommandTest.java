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
    static final Path EXAMPLE = Path.of(
            System.getProperty(
                    "maven.multiModuleProjectDirectory",
                    Path.of("").toAbsolutePath().getParent().toString()),
            "config",
            "backtest-eth.yaml");

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
        int code = backtest(
                "--config",
                EXAMPLE.toString(),
                "--data",
                SHARED.resolve("data/market").toString(),
                "--from",
                "2023-10-15",
                "--to",
                "2023-11-28",
                "--json",
                json.toString(),
                "--html",
                html.toString());

        assertThat(code).as(err::toString).isZero();
        assertThat(out.toString())
                .contains(
                        "eth-concentrated",
                        "eth-delta-neutral",
                        "eth-arbitrage",
                        "strategy",
                        "HODL",
                        "full-range LP",
                        "1080 hours",
                        "per calendar year",
                        "30-day block bootstrap",
                        "LVR",
                        "edge");
        assertThat(out.toString()).doesNotContain("IL %", "gaps in the market history", "configured funding rate");
        assertThat(err.toString()).contains("100 %");
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode vaults = root.path("vaults");
        assertThat(vaults).hasSize(3);
        assertThat(List.of(
                        vaults.get(0).path("kind").asText(),
                        vaults.get(1).path("kind").asText(),
                        vaults.get(2).path("kind").asText()))
                .containsExactly("CONCENTRATED_LIQUIDITY", "DELTA_NEUTRAL", "ARBITRAGE");
        for (JsonNode vault : vaults) {
            for (String metric : List.of(
                    "netApyPct",
                    "feeApyPct",
                    "ilPct",
                    "hedgePnlPct",
                    "fundingPct",
                    "tradingFeesPct",
                    "gasPct",
                    "deltaWithinBandPct",
                    "hedgingCostApyPct",
                    "ilReductionPct",
                    "avgRebalanceSlippagePct",
                    "maxRebalanceLagHours",
                    "rebalances",
                    "hedgeOrders",
                    "lvrApyPct",
                    "edgeApyPct",
                    "excessVsHodlApyPct",
                    "fundingApyPct",
                    "hedgeCollateralUsd",
                    "deltaP99Pct",
                    "hoursOverBandPct",
                    "slippageP95Pct",
                    "years",
                    "netApyCi90")) {
                assertThat(vault.has(metric))
                        .as(vault.path("name") + " " + metric)
                        .isTrue();
            }
            // ETH ran from ~1,550 to ~2,050 in these weeks: the range had to follow it, the pool paid fees and LVR took
            // its share.
            assertThat(vault.path("rebalances").asInt()).isPositive();
            assertThat(vault.path("feeApyPct").asDouble()).isPositive();
            assertThat(vault.path("lvrApyPct").asDouble()).isNegative();
            assertThat(vault.path("netApyCi90")).hasSize(2);
            assertThat(vault.path("years").get(0).path("year").asInt()).isEqualTo(2023);
        }
        JsonNode concentrated = vaults.get(0);
        JsonNode neutral = vaults.get(1);
        JsonNode arbitrage = vaults.get(2);
        assertThat(concentrated.path("hedgeOrders").asInt()).isZero();
        assertThat(concentrated.path("deltaWithinBandPct").asDouble()).isLessThan(10);
        assertThat(concentrated.path("hedgeCollateralUsd").asDouble()).isZero();
        assertThat(neutral.path("hedgeCollateralUsd").asDouble()).isEqualTo(500_000);
        assertThat(arbitrage.path("hedgeCollateralUsd").asDouble()).isEqualTo(1_000_000);
        for (JsonNode hedged : List.of(neutral, arbitrage)) {
            assertThat(hedged.path("hedgeOrders").asInt()).isPositive();
            assertThat(hedged.path("deltaWithinBandPct").asDouble()).isGreaterThanOrEqualTo(97);
            assertThat(hedged.path("hedgePnlPct").asDouble())
                    .as("a short in a rising market")
                    .isNegative();
            assertThat(hedged.path("fundingPct").asDouble())
                    .as("longs paid shorts in this bull run")
                    .isPositive();
            assertThat(hedged.path("tradingFeesPct").asDouble()).isNegative();
            assertThat(hedged.path("hedgingCostApyPct").asDouble()).isPositive();
        }
        assertThat(root.path("assumptions").path("hedge").asText())
                .contains("hyperliquid", "dydx", "ETH-USDT_dydx_2022-01-01_2024-01-01_funding_history.csv");
        assertThat(root.path("fundingFallbacks")).isEmpty();
        assertThat(Files.readString(html)).contains("<svg", "eth-arbitrage");
    }

    /** A 4 h hole in the market file is carried across and listed; a bad row still stops the run at its line. */
    @Test
    void aFourHourGapIsCarriedAcrossAndListed() throws Exception {
        List<String> lines = new java.util.ArrayList<>(
                Files.readAllLines(SHARED.resolve("data/market/ETHUSDT_1h.csv")).subList(0, 73));
        lines.subList(30, 34).clear();
        Files.write(dir.resolve("ETHUSDT_1h.csv"), lines);
        Path config = Files.writeString(
                dir.resolve("cl.yaml"),
                Files.readString(EXAMPLE)
                        .replace(
                                "../uniswap-v3",
                                SHARED.resolve("data/uniswap-v3").toString())
                        .replace("../funding", SHARED.resolve("data/funding").toString()));
        Path json = dir.resolve("gap.json");

        assertThat(backtest(
                        "--config",
                        config.toString(),
                        "--data",
                        dir.toString(),
                        "--vault",
                        "eth-concentrated",
                        "--json",
                        json.toString()))
                .as(err::toString)
                .isZero();

        assertThat(out.toString())
                .contains(
                        "gaps in the market history carried across",
                        "2022-01-02T05:00:00Z to 2022-01-02T09:00:00Z: 4 hour(s)",
                        "68 hours");
        JsonNode gap = new ObjectMapper().readTree(json.toFile()).path("gaps").get(0);
        assertThat(gap.path("hours").asInt()).isEqualTo(4);
        assertThat(gap.path("from").asText()).isEqualTo("2022-01-02T05:00:00Z");
    }

    @Test
    void theMeanAndSpreadOverSeveralSeedsOfThePath() throws Exception {
        Path json = dir.resolve("seeds.json");
        assertThat(backtest(
                        "--config",
                        EXAMPLE.toString(),
                        "--data",
                        SHARED.resolve("data/market").toString(),
                        "--from",
                        "2023-11-01",
                        "--to",
                        "2023-11-07",
                        "--vault",
                        "eth-concentrated",
                        "--seeds",
                        "3",
                        "--json",
                        json.toString()))
                .as(err::toString)
                .isZero();
        assertThat(out.toString()).contains("mean over 3 seeds", "± sd over seeds", "3 seed(s)");
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode vault = root.path("vaults").get(0);
        assertThat(vault.path("sd").path("lvrApyPct").asDouble())
                .as("seeds give different paths")
                .isPositive();
        assertThat(root.path("assumptions").path("price path").asText()).contains("seed 1", "run with 3 seeds");
        assertThat(backtest(
                        "--config",
                        EXAMPLE.toString(),
                        "--data",
                        SHARED.resolve("data/market").toString(),
                        "--seeds",
                        "0"))
                .isEqualTo(2);
    }

    @Test
    void hedgeSettingsThatCannotWorkAreProblemsWithTheirLines() throws Exception {
        Path config = Files.writeString(dir.resolve("bad-hedge.yaml"), """
                marketFile: ETHUSDT_1h.csv
                initialValueUsd: 1000000
                pool: {baseDecimals: 18, quoteDecimals: 6, feePips: 500, tickSpacing: 10}
                feeModel: {tiers: [{feePips: 500, poolHistory: pool.csv, concentration: 9}]}
                hedging:
                  venues:
                    - {name: hyperliquid, collateralUsd: 500000}
                    - {name: hyperliquid, collateralUsd: 100}
                vaults:
                  - {name: a, kind: CONCENTRATED_LIQUIDITY, hedgeVenues: [hyperliquid]}
                  - {name: b, kind: DELTA_NEUTRAL}
                  - {name: c, kind: ARBITRAGE, hedgeVenues: [hyperliquid]}
                  - {name: d, kind: DELTA_NEUTRAL, hedgeVenues: [binance]}
                  - {name: e, kind: CONCENTRATED_LIQUIDITY, maxNotionalUsd: 100000}
                  - {name: f, kind: DELTA_NEUTRAL, hedgeVenues: [hyperliquid], hedgeRatio: 0}
                """);
        assertThat(backtest("--config", config.toString(), "--data", dir.toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        config + ":8: hedging.venues[1]: a second venue named hyperliquid",
                        config + ":10: vaults[0].hedgeVenues: CONCENTRATED_LIQUIDITY does not hedge",
                        config + ":11: vaults[1].hedgeVenues: DELTA_NEUTRAL needs at least 1 venue(s)",
                        config + ":12: vaults[2].hedgeVenues: ARBITRAGE needs at least 2 venue(s)",
                        config + ":13: vaults[3].hedgeVenues[0]: no venue binance in hedging.venues",
                        config + ":14: vaults[4].maxNotionalUsd: CONCENTRATED_LIQUIDITY does not hedge",
                        config + ":15: vaults[5].hedgeRatio: ",
                        "7 problem(s)");
    }

    @Test
    void badFundingDataStopsWithTheFileAndLine() throws Exception {
        Path market = Files.createDirectories(dir.resolve("market"));
        Files.write(
                market.resolve("ETHUSDT_1h.csv"),
                Files.readAllLines(SHARED.resolve("data/market/ETHUSDT_1h.csv")).subList(0, 50));
        Files.createSymbolicLink(
                dir.resolve("uniswap-v3"), SHARED.resolve("data/uniswap-v3").toAbsolutePath());
        Path funding = Files.createDirectories(dir.resolve("funding"));
        for (String venue : List.of("binance_2020-01-01", "dydx_2022-01-01")) {
            String name = "ETH-USDT_" + venue + "_2024-01-01_funding_history.csv";
            List<String> lines = new java.util.ArrayList<>(
                    Files.readAllLines(SHARED.resolve("data/funding").resolve(name))
                            .subList(0, 40));
            if (venue.startsWith("dydx")) {
                lines.set(30, "ETH-USDT,2022-01-02 05:00:00,lots");
            }
            Files.write(funding.resolve(name), lines);
        }
        assertThat(backtest("--config", EXAMPLE.toString(), "--data", market.toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "ETH-USDT_dydx_2022-01-01_2024-01-01_funding_history.csv:31 (2022-01-02 05:00:00)",
                        "unparsable row");
    }

    @Test
    void eachVaultRunsTheScorerItsPolicyNames() throws Exception {
        String vaults = """
                vaults:
                  - {name: ewma, kind: CONCENTRATED_LIQUIDITY}
                  - {name: never, kind: CONCENTRATED_LIQUIDITY,
                     policy: {scorer: regime, regime: {enterAbove: 100, leaveBelow: 100}}}
                  - {name: always, kind: CONCENTRATED_LIQUIDITY,
                     policy: {scorer: regime, regime: {enterAbove: 0, leaveBelow: 0, trailingHours: 1}}}
                """;
        String example = Files.readString(EXAMPLE);
        Path config = Files.writeString(
                dir.resolve("scorers.yaml"),
                example.substring(0, example.indexOf("vaults:"))
                                .replace(
                                        "../uniswap-v3",
                                        SHARED.resolve("data/uniswap-v3")
                                                .toAbsolutePath()
                                                .toString())
                                .replace(
                                        "../funding",
                                        SHARED.resolve("data/funding")
                                                .toAbsolutePath()
                                                .toString())
                        + vaults);
        Path json = dir.resolve("scorers.json");
        assertThat(backtest(
                        "--config",
                        config.toString(),
                        "--data",
                        SHARED.resolve("data/market").toString(),
                        "--from",
                        "2023-11-01",
                        "--to",
                        "2023-11-07",
                        "--json",
                        json.toString()))
                .as(err::toString)
                .isZero();
        JsonNode result = new ObjectMapper().readTree(json.toFile()).path("vaults");
        JsonNode ewma = result.get(0);
        JsonNode never = result.get(1);
        JsonNode always = result.get(2);
        // Fees never reach 100 times LVR: the vault keeps its deposit idle, earning and losing nothing to the pool.
        assertThat(never.path("rebalances").asInt()).isZero();
        assertThat(never.path("feeApyPct").asDouble()).isZero();
        assertThat(never.path("lvrApyPct").asDouble()).isZero();
        // Any fee at all is enough and one hour of history (recorded before the first cycle) the window: the gate never
        // closes, and the vault does exactly what the EWMA scorer does.
        assertThat(ewma.path("rebalances").asInt()).isPositive();
        for (String metric : List.of("rebalances", "feeApyPct", "lvrApyPct", "netApyPct")) {
            assertThat(always.path(metric).asDouble())
                    .as(metric)
                    .isEqualTo(ewma.path(metric).asDouble());
        }
        assertThat(new ObjectMapper()
                        .readTree(json.toFile())
                        .path("assumptions")
                        .path("decision code")
                        .asText())
                .contains("never: RegimeGatedScorer", "ewma: RealizedVolatilityScorer");
    }

    @Test
    void aBadScorerIsAProblemWithItsLine() throws Exception {
        Path config = Files.writeString(dir.resolve("bad-scorer.yaml"), """
                marketFile: ETHUSDT_1h.csv
                initialValueUsd: 1000000
                pool: {baseDecimals: 18, quoteDecimals: 6, feePips: 500, tickSpacing: 10}
                feeModel: {tiers: [{feePips: 500, poolHistory: pool.csv, concentration: 9}]}
                vaults:
                  - name: a
                    kind: CONCENTRATED_LIQUIDITY
                    policy: {scorer: lstm}
                  - name: b
                    kind: CONCENTRATED_LIQUIDITY
                    policy: {scorer: models}
                  - name: c
                    kind: CONCENTRATED_LIQUIDITY
                    policy: {scorer: regime, regime: {enterAbove: 1, leaveBelow: 2}}
                  - name: d
                    kind: CONCENTRATED_LIQUIDITY
                    policy: {regime: {enterAbove: 2}}
                """);
        assertThat(backtest("--config", config.toString(), "--data", dir.toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        config + ":8: vaults[0].policy.scorer: expected regime or ewma",
                        config + ":11: vaults[1].policy.scorer: the ONNX models are not wired into the policy yet",
                        config + ":14: vaults[2].policy.regime.leaveBelow: must not exceed enterAbove (1.0)",
                        config + ":17: vaults[3].policy.regime: only applies to scorer: regime",
                        "4 problem(s)");
    }

    @Test
    void aBadConfigListsEveryProblemAndRunsNothing() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yaml"), """
                marketFile: ETHUSDT_1h.csv
                initialValueUsd: -5
                pool: {baseDecimals: 18, quoteDecimals: 6, feePips: 100}
                feeModel:
                  tiers:
                    - {feePips: 500, poolHistory: pool.csv, concentration: 9}
                path: {model: zigzag}
                vaults:
                  - name: x
                    kind: SIDEWAYS
                """);
        assertThat(backtest("--config", config.toString(), "--data", dir.toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        config + ":2: initialValueUsd:",
                        config + ":3: pool.tickSpacing: is required",
                        config + ":3: pool.feePips: 100 pips has no fee calibration (feeModel.tiers has [500])",
                        config + ":7: path.model: expected bridge or corners",
                        config + ":10: vaults[0].kind:",
                        "5 problem(s)");
    }

    @Test
    void badDataStopsWithTheFileAndLine() throws Exception {
        List<String> lines =
                Files.readAllLines(SHARED.resolve("data/market/ETHUSDT_1h.csv")).subList(0, 50);
        lines.set(20, "not,a,kline");
        Files.write(dir.resolve("ETHUSDT_1h.csv"), lines);
        assertThat(backtest("--config", EXAMPLE.toString(), "--data", dir.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("ETHUSDT_1h.csv:21");
    }
}
