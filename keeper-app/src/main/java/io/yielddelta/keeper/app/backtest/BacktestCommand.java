package io.yielddelta.keeper.app.backtest;

import ch.qos.logback.classic.Level;
import io.yielddelta.keeper.app.config.BacktestConfig;
import io.yielddelta.keeper.app.config.BacktestConfigLoader;
import io.yielddelta.keeper.app.config.ConfigException;
import io.yielddelta.keeper.app.config.ConfigProblem;
import io.yielddelta.keeper.core.backtest.Backtest;
import io.yielddelta.keeper.core.backtest.BacktestResult;
import io.yielddelta.keeper.core.backtest.Variant;
import io.yielddelta.keeper.core.backtest.VaultMetrics;
import io.yielddelta.keeper.core.market.MarketDataException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keeper backtest}: real hourly history through the live decision code (keeper-core's {@link Backtest}: the
 * daemon's cycle, policy and scorer over simulated pools), side by side with the same ranges unhedged, HODL and a
 * full-range position, under one or more seeds of the intra-hour path; a metrics table on stdout, JSON and a
 * self-contained HTML report on request. Bad input stops with file:line before anything runs (exit 2).
 */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        description = "Replay market history through the keeper's decision code and report P&L attribution.")
public final class BacktestCommand implements Callable<Integer> {

    private static final int BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "backtest YAML, e.g. config/backtest-eth.yaml")
    Path config;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "directory of hourly kline files")
    Path data;

    @Option(names = "--from", paramLabel = "DATE", description = "first day, UTC (default: the file's first)")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "last day included, UTC (default: the file's last)")
    LocalDate to;

    @Option(names = "--vault", paramLabel = "NAME", description = "run only these vaults (repeatable)")
    List<String> vaultNames = new ArrayList<>();

    @Option(names = "--json", paramLabel = "OUT", description = "write the metrics as JSON")
    Path json;

    @Option(names = "--html", paramLabel = "OUT", description = "write the self-contained HTML report")
    Path html;

    @Option(
            names = "--seeds",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "run the intra-hour path model with N seeds and report the mean ± sd (default ${DEFAULT-VALUE})")
    int seeds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (seeds < 1) {
            return refuse(err, "--seeds must be at least 1, was " + seeds);
        }
        BacktestConfig cfg;
        try {
            cfg = new BacktestConfigLoader().load(config);
        } catch (ConfigException e) {
            e.problems().stream().map(ConfigProblem::toString).forEach(err::println);
            err.println(e.problems().size() + " problem(s) in " + config + "; nothing was run");
            err.flush();
            return BAD_INPUT;
        }
        List<Backtest.VaultSpec> specs = new ArrayList<>();
        for (Backtest.VaultSpec vault : cfg.vaults()) {
            if (!vaultNames.isEmpty() && !vaultNames.contains(vault.name())) {
                continue;
            }
            specs.add(vault);
        }
        List<String> unknown = vaultNames.stream()
                .filter(n -> cfg.vaults().stream().noneMatch(v -> v.name().equals(n)))
                .toList();
        if (!unknown.isEmpty()) {
            return refuse(err, "no vault named " + unknown + " in " + config);
        }
        if (specs.isEmpty()) {
            return refuse(err, "no vault to run");
        }
        BacktestData input;
        try {
            input = BacktestData.read(cfg, data, from, to);
        } catch (MarketDataException | UncheckedIOException | IllegalArgumentException e) {
            return refuse(err, e.getMessage());
        }
        if (input.bars().size() < 2) {
            return refuse(err, "fewer than two hours of " + cfg.marketFile() + " between " + from + " and " + to);
        }
        // One INFO line per simulated decision would bury the table: the journal of a backtest is its report.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.yielddelta.keeper.core")).setLevel(Level.WARN);
        ProgressBar progress = new ProgressBar(err, seeds);
        long started = System.nanoTime();
        List<BacktestResult> results = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            results.add(input.run(specs, cfg.path().seed() + s, progress::advanced));
            progress.seedDone();
        }
        progress.done();
        SeedRuns runs = SeedRuns.of(results);
        printTable(runs, out);
        out.printf(
                Locale.ROOT,
                "%d hours (%s to %s), %d vault(s), %d seed(s), in %.1f s%n",
                input.bars().size(),
                runs.mean().from(),
                runs.mean().to(),
                specs.size(),
                seeds,
                (System.nanoTime() - started) / 1e9);
        try {
            if (json != null) {
                JsonReport.write(runs, json);
                out.println("JSON report: " + json);
            }
            if (html != null) {
                HtmlReport.write(runs, html);
                out.println("HTML report: " + html);
            }
        } catch (IOException e) {
            err.println("could not write the report: " + e.getMessage());
            err.flush();
            return 1;
        }
        out.flush();
        return 0;
    }

    private static final String ROW =
            "%-20s %-22s %7s %7s %7s %7s %7s %7s %7s %7s %7s %7s %7s %7s %7s %7s %6s %6s %6s %6s%n";

    /**
     * The metrics: every column an APY (% of capital per year) or a figure of its own, never a cumulative percentage;
     * then the strategies per calendar year, their bootstrap intervals, and what the data lacked.
     */
    static void printTable(SeedRuns runs, PrintWriter out) {
        BacktestResult result = runs.mean();
        out.println(
                "APY, % of capital per year (capital = the vault + its hedge collateral); delta |%| of the vault's value,"
                        + " time-weighted, before the hedger acts"
                        + (runs.seeds() > 1
                                ? "; mean over " + runs.seeds() + " seeds, ± the standard deviation below each strategy"
                                : ""));
        header(out, "run");
        for (BacktestResult.VaultResult vault : result.vaults()) {
            for (Map.Entry<Variant, BacktestResult.Run> run : vault.runs().entrySet()) {
                row(out, vault.name(), run.getKey().label(), run.getValue().metrics());
                VaultMetrics sd =
                        runs.spread().getOrDefault(vault.name(), Map.of()).get(run.getKey());
                if (sd != null && run.getKey() == Variant.STRATEGY) {
                    row(out, "", "  ± sd over seeds", sd);
                }
            }
        }
        out.println();
        out.println("per calendar year (strategy), APY % of the capital at the year's start:");
        header(out, "year");
        for (BacktestResult.VaultResult vault : result.vaults()) {
            vault.strategy().years().forEach((year, m) -> row(out, vault.name(), String.valueOf(year), m));
        }
        out.println();
        out.println("90 % intervals, 30-day block bootstrap of the daily P&L (strategy):");
        for (BacktestResult.VaultResult vault : result.vaults()) {
            VaultMetrics m = vault.strategy().metrics();
            out.printf(
                    Locale.ROOT,
                    "%-20s net APY %7.2f %s   edge APY %7.2f %s%n",
                    vault.name(),
                    m.netApyPct(),
                    interval(m.netApyCi90()),
                    m.edgeApyPct(),
                    interval(m.edgeApyCi90()));
        }
        if (!result.gaps().isEmpty()) {
            out.println();
            out.println(
                    "gaps in the market history carried across (no trading, no fees; the price jumps at the next bar):");
            result.gaps()
                    .forEach(g -> out.printf(Locale.ROOT, "  %s to %s: %d hour(s)%n", g.from(), g.to(), g.hours()));
        }
        if (!result.fundingFallbacks().isEmpty()) {
            out.println();
            out.println("hours charged the configured funding rate (no history):");
            result.fundingFallbacks()
                    .forEach(f -> out.printf(
                            Locale.ROOT, "  %-12s %s to %s: %,d hour(s)%n", f.venue(), f.from(), f.to(), f.hours()));
        }
        if (result.feeCarriedHours() > 0) {
            out.printf(
                    Locale.ROOT,
                    "%nfee model: %,d hour(s) outside the pool history took the 30 nearest calibrated"
                            + " days' mean%n",
                    result.feeCarriedHours());
        }
    }

    /** The table's column names; the second column is the run, or the year in the per-year table. */
    private static void header(PrintWriter out, String second) {
        out.printf(
                Locale.ROOT,
                ROW,
                "vault",
                second,
                "net",
                "HODL",
                "excess",
                "edge",
                "fees",
                "LVR",
                "rebal.",
                "direct.",
                "hedge",
                "h.cost",
                "funding",
                "inBand%",
                "p50|d|",
                "p99|d|",
                "rebals",
                "slip%",
                "slip95",
                "orders");
    }

    private static void row(PrintWriter out, String vault, String run, VaultMetrics m) {
        out.printf(
                Locale.ROOT,
                ROW,
                vault,
                run,
                f(m.netApyPct()),
                f(m.hodlApyPct()),
                f(m.excessVsHodlApyPct()),
                f(m.edgeApyPct()),
                f(m.feeApyPct()),
                f(m.lvrApyPct()),
                f(m.rebalanceCostApyPct()),
                f(m.directionApyPct()),
                f(m.hedgePnlApyPct()),
                f(m.hedgingCostApyPct()),
                f(m.fundingApyPct()),
                f(m.deltaWithinBandPct()),
                f(m.deltaP50Pct()),
                f(m.deltaP99Pct()),
                String.valueOf(m.rebalances()),
                String.format(Locale.ROOT, "%.3f", m.avgRebalanceSlippagePct()),
                String.format(Locale.ROOT, "%.3f", m.slippageP95Pct()),
                String.valueOf(m.hedgeOrders()));
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String interval(List<Double> ci) {
        return ci.isEmpty() ? "[under 30 days]" : String.format(Locale.ROOT, "[%.2f, %.2f]", ci.get(0), ci.get(1));
    }

    private static int refuse(PrintWriter err, String message) {
        err.println(message);
        err.flush();
        return BAD_INPUT;
    }

    /** A one-line bar on stderr, redrawn at each whole percent of all seeds' hours. */
    private static final class ProgressBar {
        private static final int WIDTH = 40;
        private final PrintWriter err;
        private final int seeds;
        private int seedsDone;
        private int shownPercent = -1;

        ProgressBar(PrintWriter err, int seeds) {
            this.err = err;
            this.seeds = seeds;
        }

        void advanced(int done, int total) {
            int percent = (int) ((100L * seedsDone * total + 100L * done) / ((long) total * seeds));
            if (percent != shownPercent) {
                shownPercent = percent;
                int filled = WIDTH * percent / 100;
                err.printf(
                        Locale.ROOT,
                        "\r[%s%s] %3d %% %,d/%,d hours%s",
                        "#".repeat(filled),
                        " ".repeat(WIDTH - filled),
                        percent,
                        done,
                        total,
                        seeds > 1 ? String.format(Locale.ROOT, ", seed %d of %d", seedsDone + 1, seeds) : "");
                err.flush();
            }
        }

        void seedDone() {
            seedsDone++;
        }

        void done() {
            err.println();
            err.flush();
        }
    }
}
