package io.yielddelta.keeper.app.dashboard;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The dashboard as one HTML page: no script library and no request to anywhere but the keeper. The charts are inline
 * SVG drawn here; a small script replaces {@code <main>} with {@code /dashboard/main} every five seconds and sends the
 * halt / resume / exit buttons to {@code /admin/*} with the token typed in (kept only in the page's memory).
 */
final class DashboardPage {

    static final String PRICE = "#1f6feb";
    static final String TWAP = "#8250df";
    static final String RANGE = "#2da44e";
    static final String DELTA = "#cf222e";
    private static final int WIDTH = 520;
    private static final int HEIGHT = 150;

    private DashboardPage() {}

    static String page(StatusSnapshot s) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Yield Delta Keeper · %s</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>
                body{font:14px/1.4 system-ui,sans-serif;margin:0;background:#f6f8fa;color:#1f2328}
                header{background:#24292f;color:#fff;padding:10px 18px;display:flex;gap:18px;align-items:center;flex-wrap:wrap}
                header h1{font-size:17px;margin:0} .badge{padding:2px 8px;border-radius:10px;font-weight:600}
                .ACTIVE{background:#2da44e} .REDUCING{background:#bf8700} .HALTED{background:#cf222e}
                main{padding:12px 18px;display:grid;gap:14px}
                section{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:10px 14px}
                h2{font-size:15px;margin:0 0 8px} h3{font-size:14px;margin:4px 0}
                table{border-collapse:collapse;width:100%%} td,th{padding:3px 6px;border-bottom:1px solid #eaeef2;text-align:left;vertical-align:top}
                th{font-weight:600;color:#57606a} .num{text-align:right;font-variant-numeric:tabular-nums}
                .vault{display:grid;grid-template-columns:minmax(300px,1fr) 540px;gap:12px;border-top:1px solid #eaeef2;padding-top:8px}
                .figures span{display:inline-block;margin-right:14px} .bad{color:#cf222e;font-weight:600} .ok{color:#1a7f37}
                .controls input{width:260px} .controls button{margin-left:6px} .muted{color:#57606a}
                </style></head><body>
                <header><h1>Yield Delta Keeper</h1><span>%s · %s</span>
                <span>trading <span class="badge %s" id="trading-state">%s</span></span>
                <span id="role">role: %s</span><span id="ready">%s</span>
                <span class="controls">admin token <input id="token" type="password" autocomplete="off">
                <button onclick="act('halt')">Halt</button><button onclick="act('resume')">Resume</button>
                <button onclick="act('exit')">Emergency exit</button> <span id="answer"></span></span></header>
                <main id="main">%s</main>
                <script>
                async function refresh(){try{const r=await fetch('/dashboard/main',{cache:'no-store'});
                if(r.ok){document.getElementById('main').innerHTML=await r.text();}}catch(e){}}
                setInterval(refresh,5000);
                async function act(action){const token=document.getElementById('token').value;
                const reason=prompt('Reason for '+action+'?');if(reason===null)return;
                const r=await fetch('/admin/'+action+'?reason='+encodeURIComponent(reason),
                {method:'POST',headers:{'Authorization':'Bearer '+token}});
                document.getElementById('answer').textContent=r.status===200?action+' done':'refused ('+r.status+')';refresh();}
                </script></body></html>
                """.formatted(
                        esc(s.instance()),
                        esc(s.instance()),
                        esc(s.version()),
                        esc(s.trading().state()),
                        esc(s.trading().state() + (s.trading().emergencyExit() ? " (emergency exit)" : "")),
                        esc(s.role()),
                        s.ready() ? "ready" : "<span class=\"bad\">not ready</span>",
                        main(s));
    }

    /** The part that refreshes: everything under the header. */
    static String main(StatusSnapshot s) {
        StringBuilder html = new StringBuilder();
        html.append("<section><h2>Vaults</h2>");
        for (StatusSnapshot.Vault vault : s.vaults()) {
            vault(html, vault);
        }
        html.append("</section>");
        venues(html, s.venues());
        html.append("<section><h2>Last cycles</h2><table id=\"cycles\"><tr><th>fire time</th><th>vault</th>"
                + "<th>action</th><th>triggers</th><th>reason</th><th>outcome</th></tr>");
        for (StatusSnapshot.Cycle c : s.cycles()) {
            html.append("<tr><td>")
                    .append(c.fireTime())
                    .append("</td><td>")
                    .append(esc(c.vault()))
                    .append("</td><td>")
                    .append(c.action())
                    .append("</td><td>")
                    .append(String.join(", ", c.triggers()))
                    .append("</td><td>")
                    .append(esc(c.reason()))
                    .append("</td><td>")
                    .append(c.outcome() == null ? "" : c.outcome())
                    .append("</td></tr>");
        }
        html.append("</table></section><section><h2>Open journal entries</h2>");
        if (s.journal().isEmpty()) {
            html.append("<p class=\"muted\" id=\"journal\">none: every decision is closed</p>");
        } else {
            html.append("<table id=\"journal\"><tr><th>decision</th><th>vault</th><th>status</th><th>outcome</th>"
                    + "<th>updated</th></tr>");
            for (StatusSnapshot.Journal j : s.journal()) {
                html.append("<tr><td>")
                        .append(esc(j.decisionId()))
                        .append("</td><td>")
                        .append(esc(j.vault()))
                        .append("</td><td>")
                        .append(j.status())
                        .append("</td><td>")
                        .append(esc(j.outcome()))
                        .append("</td><td>")
                        .append(j.updatedAt())
                        .append("</td></tr>");
            }
            html.append("</table>");
        }
        html.append("</section><section><h2>Alerts</h2><ul id=\"alerts\">");
        for (StatusSnapshot.Alert a : s.alerts()) {
            html.append("<li>")
                    .append(a.at())
                    .append(" <b>")
                    .append(esc(a.kind()))
                    .append("</b> ")
                    .append(esc(a.text()))
                    .append("</li>");
        }
        if (s.alerts().isEmpty()) {
            html.append("<li class=\"muted\">none since start</li>");
        }
        html.append("</ul></section><section><h2>Services</h2><table id=\"services\">");
        s.services()
                .forEach((name, h) -> html.append("<tr><td>")
                        .append(esc(name))
                        .append("</td><td>")
                        .append(h.state())
                        .append("</td><td>")
                        .append(esc(h.detail()))
                        .append("</td></tr>"));
        html.append("</table><p class=\"muted\">trading ")
                .append(esc(s.trading().state()))
                .append(" since ")
                .append(s.trading().since())
                .append(": ")
                .append(esc(s.trading().reason()))
                .append(" · ")
                .append(s.clustered() ? "clustered" : "single keeper")
                .append(" · updated ")
                .append(s.at())
                .append("</p></section>");
        return html.toString();
    }

    private static void vault(StringBuilder html, StatusSnapshot.Vault v) {
        html.append("<div class=\"vault\" data-vault=\"")
                .append(esc(v.name()))
                .append("\"><div><h3 class=\"vault-name\">")
                .append(esc(v.name()))
                .append("</h3><div class=\"muted\">")
                .append(v.kind())
                .append(" · ")
                .append(esc(v.address()))
                .append("</div><div class=\"figures\">");
        StatusSnapshot.Point p = v.latest();
        if (p != null) {
            html.append("<span>price <b class=\"price\">")
                    .append(fmt(p.price()))
                    .append("</b></span><span>TWAP <b class=\"twap\">")
                    .append(fmt(p.twap()))
                    .append("</b></span>");
            if (p.lower() != null) {
                html.append("<span>range <b class=\"range\">")
                        .append(fmt(p.lower()))
                        .append(" – ")
                        .append(fmt(p.upper()))
                        .append("</b></span>");
            }
            html.append("<span class=\"muted\">")
                    .append(esc(v.unit()))
                    .append(" at ")
                    .append(p.at())
                    .append("</span>");
        } else {
            html.append("<span class=\"muted\">not read yet</span>");
        }
        html.append("</div>");
        StatusSnapshot.Delta d = v.delta();
        if (d != null) {
            html.append("<div class=\"figures\"><span>delta <b class=\"delta ")
                    .append(d.outOfBand() ? "bad" : "ok")
                    .append("\">")
                    .append(String.format(Locale.ROOT, "%+.2f %%", d.deltaPct()))
                    .append("</b> of value (band ±")
                    .append(String.format(Locale.ROOT, "%.2f %%", d.bandPct()))
                    .append(")</span><span>hedge <b class=\"hedge-size\">")
                    .append(dec(d.hedgeSize()))
                    .append("</b> against vault delta <b class=\"vault-delta\">")
                    .append(dec(d.vaultDelta()))
                    .append("</b></span><span class=\"muted\">value ")
                    .append(dec(d.vaultValue()))
                    .append(" at mark ")
                    .append(dec(d.mark()))
                    .append(", last pass ")
                    .append(d.lastPass())
                    .append("</span></div>");
        } else if (v.hedged()) {
            html.append("<div class=\"muted\">no hedge pass yet</div>");
        }
        if (v.hedgeRunning() != null && !v.hedgeRunning()) {
            html.append("<div class=\"bad\">hedge down: rebalancing stopped</div>");
        }
        if (v.pnl() != null) {
            StatusSnapshot.Pnl pnl = v.pnl();
            html.append(
                    "<table class=\"pnl\"><tr><th>since start</th><th class=\"num\">fees</th><th class=\"num\">LVR</th>"
                            + "<th class=\"num\">price</th><th class=\"num\">hedge</th><th class=\"num\">funding</th>"
                            + "<th class=\"num\">costs</th><th class=\"num\">net</th></tr><tr><td>quote</td>");
            for (double x : new double[] {
                pnl.fees(), -pnl.lvr(), pnl.price(), pnl.hedge(), pnl.funding(), -pnl.executionCost(), pnl.net()
            }) {
                html.append("<td class=\"num\">").append(fmt(x)).append("</td>");
            }
            html.append("</tr></table><div class=\"muted\">")
                    .append(pnl.rebalances())
                    .append(" rebalance(s), gas ")
                    .append(String.format(Locale.ROOT, "%.6f", pnl.gasNative()))
                    .append(" (chain token, not in net)</div>");
        }
        if (v.lastDecision() != null) {
            html.append("<div class=\"muted\">last decision: ")
                    .append(v.lastDecision().action())
                    .append(": ")
                    .append(esc(v.lastDecision().reason()))
                    .append("</div>");
        }
        html.append("</div><div>")
                .append(priceChart(v.history()))
                .append(deltaChart(v))
                .append("</div></div>");
    }

    private static String priceChart(List<StatusSnapshot.Point> points) {
        if (points.size() < 2) {
            return "<p class=\"muted\">the chart starts after two chain reads</p>";
        }
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (StatusSnapshot.Point p : points) {
            for (Double y : new Double[] {p.price(), p.twap(), p.lower(), p.upper()}) {
                if (y != null) {
                    lo = Math.min(lo, y);
                    hi = Math.max(hi, y);
                }
            }
        }
        Scale scale = new Scale(points.size(), lo, hi);
        StringBuilder band = new StringBuilder();
        StringBuilder upper = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            StatusSnapshot.Point p = points.get(i);
            if (p.lower() != null) {
                band.append(band.isEmpty() ? "M" : "L")
                        .append(scale.x(i))
                        .append(',')
                        .append(scale.y(p.lower()));
                upper.insert(0, "L" + scale.x(i) + "," + scale.y(p.upper()));
            }
        }
        return "<svg class=\"price-chart\" width=\"" + WIDTH + "\" height=\"" + HEIGHT + "\" viewBox=\"0 0 " + WIDTH
                + " "
                + HEIGHT + "\"><path d=\"" + band + upper + "Z\" fill=\"" + RANGE + "\" fill-opacity=\"0.18\" stroke=\""
                + RANGE + "\"/>" + line(points, StatusSnapshot.Point::twap, scale, TWAP, "4 3")
                + line(points, StatusSnapshot.Point::price, scale, PRICE, null)
                + "<text x=\"4\" y=\"12\" font-size=\"11\">" + fmt(hi) + "</text><text x=\"4\" y=\"" + (HEIGHT - 4)
                + "\" font-size=\"11\">" + fmt(lo) + "</text><text x=\"" + (WIDTH - 150)
                + "\" y=\"12\" font-size=\"11\">"
                + "price · TWAP · range</text></svg>";
    }

    private static String deltaChart(StatusSnapshot.Vault v) {
        if (v.deltaHistory().size() < 2 || v.delta() == null) {
            return "";
        }
        double band = v.delta().bandPct();
        double extent = band;
        for (StatusSnapshot.DeltaPoint p : v.deltaHistory()) {
            extent = Math.max(extent, Math.abs(p.deltaPct()));
        }
        Scale scale = new Scale(v.deltaHistory().size(), -extent * 1.1, extent * 1.1);
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < v.deltaHistory().size(); i++) {
            path.append(i == 0 ? "M" : "L")
                    .append(scale.x(i))
                    .append(',')
                    .append(scale.y(v.deltaHistory().get(i).deltaPct()));
        }
        return "<svg class=\"delta-chart\" width=\"" + WIDTH + "\" height=\"" + HEIGHT / 2 + "\" viewBox=\"0 0 " + WIDTH
                + " " + HEIGHT + "\" preserveAspectRatio=\"none\"><line x1=\"0\" x2=\"" + WIDTH + "\" y1=\""
                + scale.y(band)
                + "\" y2=\"" + scale.y(band) + "\" stroke=\"#57606a\" stroke-dasharray=\"3 3\"/><line x1=\"0\" x2=\""
                + WIDTH
                + "\" y1=\"" + scale.y(-band) + "\" y2=\"" + scale.y(-band)
                + "\" stroke=\"#57606a\" stroke-dasharray=\"3 3\"/>"
                + "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + DELTA + "\" stroke-width=\"2\"/></svg>"
                + "<div class=\"muted\">delta net of the hedge, % of value, within the dashed band</div>";
    }

    private static String line(
            List<StatusSnapshot.Point> points,
            ToDoubleFunction<StatusSnapshot.Point> y,
            Scale scale,
            String colour,
            String dashes) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            path.append(i == 0 ? "M" : "L")
                    .append(scale.x(i))
                    .append(',')
                    .append(scale.y(y.applyAsDouble(points.get(i))));
        }
        return "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\""
                + (dashes == null ? "" : " stroke-dasharray=\"" + dashes + "\"") + "/>";
    }

    /** Maps point index and value to the chart's pixels (y grows downwards), with a small margin. */
    private record Scale(int points, double lo, double hi) {
        String x(int i) {
            return String.format(Locale.ROOT, "%.1f", 2 + (WIDTH - 4) * (double) i / Math.max(1, points - 1));
        }

        String y(double value) {
            double span = hi > lo ? hi - lo : 1;
            return String.format(Locale.ROOT, "%.1f", HEIGHT - 6 - (HEIGHT - 20) * (value - lo) / span);
        }
    }

    private static void venues(StringBuilder html, List<StatusSnapshot.Venue> venues) {
        html.append("<section><h2>Hedge per venue</h2>");
        if (venues.isEmpty()) {
            html.append("<p class=\"muted\">no venue read yet (the maintenance pass reads them)</p>");
        }
        for (StatusSnapshot.Venue v : venues) {
            html.append("<h3 class=\"venue\">")
                    .append(esc(v.name()))
                    .append("</h3><div class=\"figures\"><span>account value <b>")
                    .append(dec(v.accountValue()))
                    .append("</b></span><span>margin used <b>")
                    .append(dec(v.marginUsed()))
                    .append("</b></span><span>leverage <b>")
                    .append(v.leverage() == null ? "–" : String.format(Locale.ROOT, "%.2fx", v.leverage()))
                    .append("</b></span><span class=\"muted\">read ")
                    .append(v.at())
                    .append("</span></div><table class=\"positions\"><tr><th>market</th><th class=\"num\">size</th>"
                            + "<th class=\"num\">entry</th><th class=\"num\">mark</th><th class=\"num\">liquidation</th>"
                            + "<th class=\"num\">distance</th><th class=\"num\">funding / h</th></tr>");
            for (StatusSnapshot.VenuePosition p : v.positions()) {
                html.append("<tr><td>")
                        .append(esc(p.market()))
                        .append("</td><td class=\"num position-size\">")
                        .append(dec(p.size()))
                        .append("</td><td class=\"num\">")
                        .append(dec(p.entryPrice()))
                        .append("</td><td class=\"num\">")
                        .append(dec(p.mark()))
                        .append("</td><td class=\"num\">")
                        .append(dec(p.liquidationPrice()))
                        .append("</td><td class=\"num liquidation-distance\">")
                        .append(
                                p.liquidationDistancePct() == null
                                        ? "–"
                                        : String.format(Locale.ROOT, "%.1f %%", p.liquidationDistancePct()))
                        .append("</td><td class=\"num\">")
                        .append(
                                p.fundingRatePerHour() == null
                                        ? "–"
                                        : p.fundingRatePerHour()
                                                        .movePointRight(2)
                                                        .stripTrailingZeros()
                                                        .toPlainString() + " %")
                        .append("</td></tr>");
            }
            html.append("</table>");
        }
        html.append("</section>");
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.2f" : "%,.4f", value);
    }

    private static String dec(BigDecimal value) {
        return value == null ? "–" : fmt(value.doubleValue());
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
