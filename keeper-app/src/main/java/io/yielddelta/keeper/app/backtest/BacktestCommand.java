package io.yielddelta.keeper.app.backtest;

import io.yielddelta.keeper.app.config.BacktestConfig;
import io.yielddelta.keeper.app.config.BacktestConfigLoader;
import io.yielddelta.keeper.app.config.ConfigException;
import io.yielddelta.keeper.app.config.ConfigProblem;
import io.yielddelta.keeper.core.backtest.Backtest;
import io.yielddelta.keeper.core.backtest.BacktestResult;
import io.yielddelta.keeper.core.backtest.HedgeSimulation;
import io.yielddelta.keeper.core.backtest.Variant;
import io.yielddelta.keeper.core.backtest.VaultMetrics;
import io.yielddelta.keeper.core.market.HourlyBar;
import io.yielddelta.keeper.core.market.MarketDataException;
import io.yielddelta.keeper.core.market.MarketHistory;
import io.yielddelta.keeper.core.policy.RealizedVolatilityScorer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keeper backtest}: real hourly history through the live decision code (keeper-core's {@link Backtest}: the
 * daemon's cycle, policy and scorer over simulated pools), side by side with the same ranges unhedged, HODL and a
 * full-range position; a metrics table on stdout, JSON and a self-contained HTML report on request.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Replay market history through the keeper's decision code and report P&L attribution.")
public final class BacktestCommand implements Callable<Integer> {

    private static final int BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "backtest YAML, e.g. config/backtest-eth.yaml")
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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
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
                .filter(n -> cfg.vaults().stream().noneMatch(v -> v.name().equals(n))).toList();
        if (!unknown.isEmpty()) {
            return refuse(err, "no vault named " + unknown + " in " + config);
        }
        if (specs.isEmpty()) {
            return refuse(err, "no vault to run");
        }
        List<HourlyBar> bars;
        HedgeSimulation hedging;
        try {
            bars = MarketHistory.read(data.resolve(cfg.marketFile())).stream()
                    .filter(b -> from == null || !b.openTime().isBefore(start(from)))
                    .filter(b -> to == null || b.openTime().isBefore(start(to.plusDays(1))))
                    .toList();
            hedging = cfg.hedging().map(h -> new HedgeSimulation(new PaperVenues(h, data), h.market(), h.band(),
                    h.limits(), h.fundingHorizon(), h.switchingCost(), h.markStep())).orElse(null);
        } catch (MarketDataException | UncheckedIOException e) {
            return refuse(err, e.getMessage());
        }
        if (bars.size() < 2) {
            return refuse(err, "fewer than two hours of " + cfg.marketFile() + " between " + from + " and " + to);
        }
        // One INFO line per simulated decision would bury the table: the journal of a backtest is its report.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.yielddelta.keeper.core")).setLevel(Level.WARN);
        ProgressBar progress = new ProgressBar(err);
        long started = System.nanoTime();
        BacktestResult result = new Backtest(cfg.settings(), RealizedVolatilityScorer.baseline(), hedging)
                .run(bars, specs, progress::advanced);
        progress.done();
        printTable(result, out);
        out.printf(Locale.ROOT, "%d hours (%s to %s), %d vault(s), in %.1f s%n", bars.size(), result.from(),
                result.to(), specs.size(), (System.nanoTime() - started) / 1e9);
        try {
            if (json != null) {
                JsonReport.write(result, json);
                out.println("JSON report: " + json);
            }
            if (html != null) {
                HtmlReport.write(result, html);
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

    static void printTable(BacktestResult result, PrintWriter out) {
        out.printf(Locale.ROOT, "%-20s %-22s %8s %8s %8s %8s %8s %8s %8s %7s %8s %9s %8s %6s %6s %6s%n", "vault", "run",
                "net APY%", "fee APY%", "IL %", "price %", "hedge %", "fund. %", "tr.fee%", "gas %", "in band%",
                "hedgeCost", "IL red.%", "rebal.", "slip%", "orders");
        for (BacktestResult.VaultResult vault : result.vaults()) {
            for (Map.Entry<Variant, BacktestResult.Run> run : vault.runs().entrySet()) {
                VaultMetrics m = run.getValue().metrics();
                out.printf(Locale.ROOT, "%-20s %-22s %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %8.3f %7.3f %8.2f %9.2f %8.1f %6d %6.3f %6d%n",
                        vault.name(), run.getKey().label(), m.netApyPct(), m.feeApyPct(), m.ilPct(), m.priceExposurePct(),
                        m.hedgePnlPct(), m.fundingPct(), m.tradingFeesPct(), m.gasPct(), m.deltaWithinBandPct(),
                        m.hedgingCostApyPct(), m.ilReductionPct(), m.rebalances(), m.avgRebalanceSlippagePct(),
                        m.hedgeOrders());
            }
        }
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static int refuse(PrintWriter err, String message) {
        err.println(message);
        err.flush();
        return BAD_INPUT;
    }

    /** A one-line bar on stderr, redrawn at each whole percent. */
    private static final class ProgressBar {
        private static final int WIDTH = 40;
        private final PrintWriter err;
        private int shownPercent = -1;

        ProgressBar(PrintWriter err) {
            this.err = err;
        }

        void advanced(int done, int total) {
            int percent = (int) (100L * done / total);
            if (percent != shownPercent) {
                shownPercent = percent;
                int filled = WIDTH * percent / 100;
                err.printf(Locale.ROOT, "\r[%s%s] %3d %% %,d/%,d hours", "#".repeat(filled), " ".repeat(WIDTH - filled),
                        percent, done, total);
                err.flush();
            }
        }

        void done() {
            err.println();
            err.flush();
        }
    }
}
