package io.yielddelta.keeper.app.backtest;

import io.yielddelta.keeper.core.backtest.BacktestResult;
import io.yielddelta.keeper.core.backtest.HourSample;
import io.yielddelta.keeper.core.backtest.SuccessMetrics;
import io.yielddelta.keeper.core.backtest.Variant;
import io.yielddelta.keeper.core.backtest.VaultMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The backtest report: one self-contained HTML file (inline CSS and SVG, no scripts, nothing fetched) with, per vault,
 * the roadmap's success metrics with pass or fail, the APY attribution across the side-by-side runs (annualised only),
 * the hedge and delta measurement, rebalance costs, the strategy per calendar year with its bootstrap interval, the
 * cumulative figures in a table of their own, and charts of price with the vault's range, delta against the band, and
 * cumulative P&amp;L by source. Data the run lacked (gaps, funding from the configured rate) is listed first.
 */
public final class HtmlReport {
    private static final String STYLE = """
            body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#1d2430}
            h1{font-size:22px} h2{font-size:18px;margin-top:36px;border-bottom:1px solid #d0d7de} h3{font-size:15px;margin:18px 0 4px}
            table{border-collapse:collapse;margin:10px 0} td,th{padding:4px 10px;border:1px solid #d0d7de;text-align:right}
            th:first-child,td:first-child{text-align:left} .pass{color:#116329;font-weight:600} .fail{color:#b42318;font-weight:600}
            .grid{stroke:#e6e9ee} .axis{font-size:11px;fill:#57606a} .legend{font-size:11px;fill:#1d2430}
            .chart-title{font-size:13px;font-weight:600;fill:#1d2430} .note{color:#57606a}
            """;

    private HtmlReport() {}

    public static void write(SeedRuns runs, Path file) throws IOException {
        Files.writeString(file, render(runs));
    }

    static String render(SeedRuns runs) {
        BacktestResult result = runs.mean();
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Yield Delta Keeper backtest</title><style>")
                .append(STYLE)
                .append("</style></head><body>")
                .append("<h1>Yield Delta Keeper backtest</h1>")
                .append("<p class=\"note\">")
                .append(result.from())
                .append(" → ")
                .append(result.to())
                .append(", ")
                .append(result.vaults().size())
                .append(" vault(s)")
                .append(
                        runs.seeds() > 1
                                ? ", " + runs.seeds() + " seeds of the price path (figures are their mean, ± their"
                                        + " standard deviation)"
                                : "")
                .append(
                        ". The keeper's own decision code ran every hour. APYs are simple annualised percentages of"
                                + " capital (the vault plus its hedge collateral); cumulative figures are in tables of their own.</p>")
                .append("<h2>Assumptions</h2><table>");
        result.assumptions()
                .forEach((k, v) -> html.append("<tr><td>")
                        .append(Html.escape(k))
                        .append("</td><td>")
                        .append(Html.escape(v))
                        .append("</td></tr>"));
        html.append("</table>");
        dataNotes(html, result);
        for (BacktestResult.VaultResult vault : result.vaults()) {
            vaultSection(html, vault, runs.spread().getOrDefault(vault.name(), Map.of()));
        }
        return html.append("</body></html>").toString();
    }

    private static void dataNotes(StringBuilder html, BacktestResult result) {
        html.append("<h2>What the data lacked</h2>");
        if (result.gaps().isEmpty()) {
            html.append("<p>No gap in the market history.</p>");
        } else {
            html.append("<p>Gaps carried across (no trading, no fees; the price jumped at the next bar):</p>")
                    .append("<table><tr><th>missing from</th><th>next bar</th><th>hours</th></tr>");
            result.gaps()
                    .forEach(g -> html.append("<tr><td>")
                            .append(g.from())
                            .append("</td><td>")
                            .append(g.to())
                            .append("</td><td>")
                            .append(g.hours())
                            .append("</td></tr>"));
            html.append("</table>");
        }
        if (result.fundingFallbacks().isEmpty()) {
            html.append("<p>Funding history covered every hour of every hedge venue.</p>");
        } else {
            html.append("<p>Hours charged the configured funding rate (no history):</p>")
                    .append("<table><tr><th>venue</th><th>from</th><th>to</th><th>hours</th></tr>");
            result.fundingFallbacks()
                    .forEach(f -> html.append("<tr><td>")
                            .append(Html.escape(f.venue()))
                            .append("</td><td>")
                            .append(f.from())
                            .append("</td><td>")
                            .append(f.to())
                            .append("</td><td>")
                            .append(f.hours())
                            .append("</td></tr>"));
            html.append("</table>");
        }
        if (result.feeCarriedHours() > 0) {
            html.append("<p>Fee model: ")
                    .append(result.feeCarriedHours())
                    .append(" hour(s) outside the pool history took" + " the 30 nearest calibrated days' mean.</p>");
        }
    }

    private static void vaultSection(
            StringBuilder html, BacktestResult.VaultResult vault, Map<Variant, VaultMetrics> spread) {
        html.append("<h2>")
                .append(Html.escape(vault.name()))
                .append(" <span class=\"note\">")
                .append(vault.kind())
                .append("</span></h2>");

        html.append("<table><tr><th>success metric</th><th>target</th><th>result</th><th></th></tr>");
        for (SuccessMetrics.Check check : SuccessMetrics.evaluate(vault)) {
            html.append("<tr><td>")
                    .append(Html.escape(check.metric()))
                    .append("</td><td>")
                    .append(Html.escape(check.target()))
                    .append("</td><td>")
                    .append(fixed(check.actual()))
                    .append("</td><td class=\"")
                    .append(check.passed() ? "pass\">pass" : "fail\">fail")
                    .append("</td></tr>");
        }
        html.append("</table>");

        VaultMetrics sd = spread.get(Variant.STRATEGY);
        table(
                html,
                vault,
                sd,
                "APY attribution, % of capital per year",
                List.of(
                        row("net APY", VaultMetrics::netApyPct),
                        row("HODL (the starting tokens held)", VaultMetrics::hodlApyPct),
                        row("excess vs HODL", VaultMetrics::excessVsHodlApyPct),
                        row("edge = fees + LVR + rebalance cost", VaultMetrics::edgeApyPct),
                        row("fees (valued when earned)", VaultMetrics::feeApyPct),
                        row("LVR", VaultMetrics::lvrApyPct),
                        row("rebalance cost (swaps and gas)", VaultMetrics::rebalanceCostApyPct),
                        row("direction vs HODL", VaultMetrics::directionApyPct),
                        row("hedge P&L (price, at the marks)", VaultMetrics::hedgePnlApyPct),
                        row("hedging cost (trading fees + slippage)", VaultMetrics::hedgingCostApyPct),
                        row("funding received", VaultMetrics::fundingApyPct)));
        table(
                html,
                vault,
                sd,
                "Hedge and delta (|delta| % of the vault's value, time-weighted, before the hedger acts)",
                List.of(
                        row("capital, USD", VaultMetrics::capitalUsd),
                        row("hedge collateral, USD", VaultMetrics::hedgeCollateralUsd),
                        row("time with delta within the band %", VaultMetrics::deltaWithinBandPct),
                        row("hours over the band %", VaultMetrics::hoursOverBandPct),
                        row("|delta| p50 %", VaultMetrics::deltaP50Pct),
                        row("|delta| p99 %", VaultMetrics::deltaP99Pct),
                        row("hedge orders", m -> m.hedgeOrders()),
                        row("IL reduction % (vs the same ranges unhedged)", VaultMetrics::ilReductionPct)));
        table(
                html,
                vault,
                sd,
                "Rebalances",
                List.of(
                        row("rebalances", m -> m.rebalances()),
                        row("cost per swapped notional, mean %", VaultMetrics::avgRebalanceSlippagePct),
                        row("cost per swapped notional, p95 %", VaultMetrics::slippageP95Pct),
                        row("longest wait for a rebalance, h", VaultMetrics::maxRebalanceLagHours)));

        VaultMetrics whole = vault.strategy().metrics();
        html.append(
                "<h3>Strategy per calendar year (APY, % of the capital at the year's start)</h3><table><tr><th>year</th>"
                        + "<th>net</th><th>HODL</th><th>excess</th><th>edge</th><th>fees</th><th>LVR</th><th>rebalance</th>"
                        + "<th>direction</th><th>hedge</th><th>hedging cost</th><th>funding</th><th>in band %</th><th>|delta| p99</th>"
                        + "<th>rebalances</th></tr>");
        vault.strategy().years().forEach((year, m) -> yearRow(html, String.valueOf(year), m));
        yearRow(html, "whole run", whole);
        html.append("</table><p>90 % interval (30-day block bootstrap of the daily P&amp;L): net APY ")
                .append(interval(whole.netApyCi90()))
                .append(", edge APY ")
                .append(interval(whole.edgeApyCi90()))
                .append(".</p>");

        table(
                html,
                vault,
                sd,
                "Cumulative over the run, % of capital",
                List.of(
                        row("price exposure (HODL)", VaultMetrics::priceExposurePct),
                        row("impermanent loss (pool value − fees − HODL)", VaultMetrics::ilPct),
                        row("hedge P&L", VaultMetrics::hedgePnlPct),
                        row("funding", VaultMetrics::fundingPct),
                        row("hedge trading fees", VaultMetrics::tradingFeesPct),
                        row("gas", VaultMetrics::gasPct)));

        List<HourSample> samples = vault.strategy().samples();
        Instant[] times = samples.stream().map(HourSample::time).toArray(Instant[]::new);
        html.append(SvgChart.render(
                "Price and the vault's range",
                times,
                List.of(new SvgChart.Series("price", "#1f6feb", column(samples, HourSample::price))),
                new SvgChart.Band(
                        "range",
                        "#2da44e",
                        column(samples, HourSample::rangeLowerPrice),
                        column(samples, HourSample::rangeUpperPrice))));
        double[] band = column(samples, HourSample::bandPct);
        double[] negativeBand = new double[band.length];
        for (int i = 0; i < band.length; i++) negativeBand[i] = -band[i];
        html.append(SvgChart.render(
                "Net delta (% of vault value) at each hour's last mark, against the measuring band",
                times,
                List.of(new SvgChart.Series("delta", "#cf222e", column(samples, HourSample::deltaPct))),
                new SvgChart.Band("band", "#8c959f", negativeBand, band)));
        html.append(SvgChart.render(
                "Cumulative P&L by source (USD)",
                times,
                List.of(
                        new SvgChart.Series("fees", "#2da44e", column(samples, HourSample::fees)),
                        new SvgChart.Series("LVR", "#cf222e", column(samples, HourSample::lvr)),
                        new SvgChart.Series("rebalance cost", "#bf8700", column(samples, HourSample::rebalanceCost)),
                        new SvgChart.Series("direction", "#8c959f", column(samples, HourSample::direction)),
                        new SvgChart.Series("HODL", "#57606a", column(samples, HourSample::hodl)),
                        new SvgChart.Series("hedge", "#1f6feb", column(samples, HourSample::hedgePnl)),
                        new SvgChart.Series("hedging cost", "#fb8f44", column(samples, HourSample::hedgeCost)),
                        new SvgChart.Series("funding", "#8250df", column(samples, HourSample::funding))),
                null));
    }

    private record Row(String label, ToDoubleFunction<VaultMetrics> metric) {}

    private static Row row(String label, ToDoubleFunction<VaultMetrics> metric) {
        return new Row(label, metric);
    }

    /** One metric per row, one run per column, and the strategy's spread over seeds when there is one. */
    private static void table(
            StringBuilder html, BacktestResult.VaultResult vault, VaultMetrics sd, String title, List<Row> rows) {
        html.append("<h3>").append(Html.escape(title)).append("</h3><table><tr><th></th>");
        for (Variant variant : vault.runs().keySet()) {
            html.append("<th>").append(Html.escape(variant.label())).append("</th>");
            if (variant == Variant.STRATEGY && sd != null) {
                html.append("<th>± sd</th>");
            }
        }
        html.append("</tr>");
        for (Row row : rows) {
            html.append("<tr><td>").append(Html.escape(row.label())).append("</td>");
            vault.runs().forEach((variant, run) -> {
                html.append("<td>")
                        .append(fixed(row.metric().applyAsDouble(run.metrics())))
                        .append("</td>");
                if (variant == Variant.STRATEGY && sd != null) {
                    html.append("<td>")
                            .append(fixed(row.metric().applyAsDouble(sd)))
                            .append("</td>");
                }
            });
            html.append("</tr>");
        }
        html.append("</table>");
    }

    private static void yearRow(StringBuilder html, String label, VaultMetrics m) {
        Function<Double, String> cell = v -> "<td>" + fixed(v) + "</td>";
        html.append("<tr><td>")
                .append(label)
                .append("</td>")
                .append(cell.apply(m.netApyPct()))
                .append(cell.apply(m.hodlApyPct()))
                .append(cell.apply(m.excessVsHodlApyPct()))
                .append(cell.apply(m.edgeApyPct()))
                .append(cell.apply(m.feeApyPct()))
                .append(cell.apply(m.lvrApyPct()))
                .append(cell.apply(m.rebalanceCostApyPct()))
                .append(cell.apply(m.directionApyPct()))
                .append(cell.apply(m.hedgePnlApyPct()))
                .append(cell.apply(m.hedgingCostApyPct()))
                .append(cell.apply(m.fundingApyPct()))
                .append(cell.apply(m.deltaWithinBandPct()))
                .append(cell.apply(m.deltaP99Pct()))
                .append("<td>")
                .append(m.rebalances())
                .append("</td></tr>");
    }

    private static String interval(List<Double> ci) {
        return ci.isEmpty()
                ? "– (the run is shorter than one 30-day block)"
                : String.format(Locale.ROOT, "[%.2f, %.2f]", ci.get(0), ci.get(1));
    }

    private static double[] column(List<HourSample> samples, ToDoubleFunction<HourSample> field) {
        return samples.stream().mapToDouble(field).toArray();
    }

    private static String fixed(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "–";
    }
}
