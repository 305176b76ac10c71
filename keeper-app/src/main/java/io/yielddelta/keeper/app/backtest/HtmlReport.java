package io.yielddelta.keeper.app.backtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import io.yielddelta.keeper.core.backtest.BacktestResult;
import io.yielddelta.keeper.core.backtest.HourSample;
import io.yielddelta.keeper.core.backtest.SuccessMetrics;
import io.yielddelta.keeper.core.backtest.Variant;
import io.yielddelta.keeper.core.backtest.VaultMetrics;

/**
 * The backtest report: one self-contained HTML file (inline CSS and SVG, no scripts, nothing fetched) with, per vault,
 * the roadmap's success metrics with pass or fail, an APY attribution table across the side-by-side runs, price with
 * the vault's range, delta against the band, and cumulative P&amp;L by source.
 */
public final class HtmlReport {
    private static final String STYLE = """
            body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1000px;color:#1d2430}
            h1{font-size:22px} h2{font-size:18px;margin-top:36px;border-bottom:1px solid #d0d7de}
            table{border-collapse:collapse;margin:10px 0} td,th{padding:4px 10px;border:1px solid #d0d7de;text-align:right}
            th:first-child,td:first-child{text-align:left} .pass{color:#116329;font-weight:600} .fail{color:#b42318;font-weight:600}
            .grid{stroke:#e6e9ee} .axis{font-size:11px;fill:#57606a} .legend{font-size:11px;fill:#1d2430}
            .chart-title{font-size:13px;font-weight:600;fill:#1d2430} .note{color:#57606a}
            """;

    private HtmlReport() {}

    public static void write(BacktestResult result, Path file) throws IOException {
        Files.writeString(file, render(result));
    }

    static String render(BacktestResult result) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Yield Delta Keeper backtest</title><style>").append(STYLE).append("</style></head><body>")
                .append("<h1>Yield Delta Keeper backtest</h1>")
                .append("<p class=\"note\">").append(result.from()).append(" → ").append(result.to())
                .append(", ").append(result.vaults().size()).append(" vault(s). The keeper's own decision code ran every hour.</p>")
                .append("<h2>Assumptions</h2><table>");
        result.assumptions().forEach((k, v) -> html.append("<tr><td>").append(Html.escape(k)).append("</td><td>")
                .append(Html.escape(v)).append("</td></tr>"));
        html.append("</table>");
        for (BacktestResult.VaultResult vault : result.vaults()) {
            vaultSection(html, vault);
        }
        return html.append("</body></html>").toString();
    }

    private static void vaultSection(StringBuilder html, BacktestResult.VaultResult vault) {
        html.append("<h2>").append(Html.escape(vault.name())).append(" <span class=\"note\">")
                .append(vault.kind()).append("</span></h2>");

        html.append("<table><tr><th>success metric</th><th>target</th><th>result</th><th></th></tr>");
        for (SuccessMetrics.Check check : SuccessMetrics.evaluate(vault)) {
            html.append("<tr><td>").append(Html.escape(check.metric())).append("</td><td>").append(Html.escape(check.target()))
                    .append("</td><td>").append(fixed(check.actual())).append("</td><td class=\"")
                    .append(check.passed() ? "pass\">pass" : "fail\">fail").append("</td></tr>");
        }
        html.append("</table>");

        attributionTable(html, vault);

        List<HourSample> samples = vault.strategy().samples();
        Instant[] times = samples.stream().map(HourSample::time).toArray(Instant[]::new);
        html.append(SvgChart.render("Price and the vault's range", times,
                List.of(new SvgChart.Series("price", "#1f6feb", column(samples, HourSample::price))),
                new SvgChart.Band("range", "#2da44e", column(samples, HourSample::rangeLowerPrice),
                        column(samples, HourSample::rangeUpperPrice))));
        double[] band = column(samples, HourSample::bandPct);
        double[] negativeBand = new double[band.length];
        for (int i = 0; i < band.length; i++) negativeBand[i] = -band[i];
        html.append(SvgChart.render("Net delta (% of vault value) against the hedge band", times,
                List.of(new SvgChart.Series("delta", "#cf222e", column(samples, HourSample::deltaPctOfValue))),
                new SvgChart.Band("band", "#8c959f", negativeBand, band)));
        html.append(SvgChart.render("Cumulative P&L by source (USD)", times, List.of(
                new SvgChart.Series("fees", "#2da44e", column(samples, HourSample::fees)),
                new SvgChart.Series("impermanent loss", "#cf222e", column(samples, HourSample::impermanentLoss)),
                new SvgChart.Series("hedge", "#1f6feb", column(samples, HourSample::hedgePnl)),
                new SvgChart.Series("funding", "#8250df", column(samples, HourSample::funding)),
                new SvgChart.Series("trading fees", "#bf8700", negativeOf(column(samples, HourSample::tradingFees))),
                new SvgChart.Series("gas", "#57606a", negativeOf(column(samples, HourSample::gas)))), null));
    }

    private static void attributionTable(StringBuilder html, BacktestResult.VaultResult vault) {
        html.append("<table><tr><th>APY attribution</th>");
        for (Variant variant : vault.runs().keySet()) {
            html.append("<th>").append(Html.escape(variant.label())).append("</th>");
        }
        html.append("</tr>");
        row(html, vault, "price exposure %", VaultMetrics::priceExposurePct);
        row(html, vault, "fee APY %", VaultMetrics::feeApyPct);
        row(html, vault, "impermanent loss %", VaultMetrics::ilPct);
        row(html, vault, "hedge P&L %", VaultMetrics::hedgePnlPct);
        row(html, vault, "funding %", VaultMetrics::fundingPct);
        row(html, vault, "trading fees %", VaultMetrics::tradingFeesPct);
        row(html, vault, "gas %", VaultMetrics::gasPct);
        row(html, vault, "net APY %", VaultMetrics::netApyPct);
        textRow(html, vault, "rebalances", m -> String.valueOf(m.rebalances()));
        textRow(html, vault, "hedge orders", m -> String.valueOf(m.hedgeOrders()));
        html.append("</table>");
    }

    private static void row(StringBuilder html, BacktestResult.VaultResult vault, String label, ToDoubleFunction<VaultMetrics> metric) {
        textRow(html, vault, label, m -> fixed(metric.applyAsDouble(m)));
    }

    private static void textRow(StringBuilder html, BacktestResult.VaultResult vault, String label, Function<VaultMetrics, String> cell) {
        html.append("<tr><td>").append(Html.escape(label)).append("</td>");
        vault.runs().values().forEach(run -> html.append("<td>").append(cell.apply(run.metrics())).append("</td>"));
        html.append("</tr>");
    }

    private static double[] column(List<HourSample> samples, ToDoubleFunction<HourSample> field) {
        return samples.stream().mapToDouble(field).toArray();
    }

    private static double[] negativeOf(double[] costs) {
        double[] out = new double[costs.length];
        for (int i = 0; i < costs.length; i++) out[i] = -costs[i];
        return out;
    }

    private static String fixed(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "–";
    }
}
