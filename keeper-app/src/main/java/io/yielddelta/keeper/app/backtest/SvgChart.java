package io.yielddelta.keeper.app.backtest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Line charts as inline SVG, so the report is one self-contained file that renders without scripts. */
final class SvgChart {
    /** More points than this are thinned by a fixed stride: hourly data over years would bloat the file. */
    static final int MAX_POINTS = 1200;

    private static final int WIDTH = 960;
    private static final int HEIGHT = 260;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 28;
    private static final int BOTTOM = 28;
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    record Series(String name, String color, double[] values) {}

    /** A shaded area between two series (e.g. the vault's range, or ± the hedge band). */
    record Band(String name, String color, double[] low, double[] high) {}

    private SvgChart() {}

    static String render(String title, Instant[] times, List<Series> series, Band band) {
        int n = times.length;
        int stride = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (band != null) {
            for (int i = 0; i < n; i++) {
                if (Double.isFinite(band.low()[i])) {
                    min = Math.min(min, band.low()[i]);
                }
                if (Double.isFinite(band.high()[i])) {
                    max = Math.max(max, band.high()[i]);
                }
            }
        }
        if (!Double.isFinite(min)) {
            min = 0;
            max = 1;
        }
        if (max == min) {
            max = min + 1;
        }
        double pad = (max - min) * 0.05;
        Scale scale = new Scale(n, min - pad, max + pad);

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT));
        svg.append("<title>").append(Html.escape(title)).append("</title>");
        svg.append(String.format(
                Locale.ROOT, "<text x=\"%d\" y=\"16\" class=\"chart-title\">%s</text>", LEFT, Html.escape(title)));
        axes(svg, times, scale);
        if (band != null) {
            svg.append(bandPath(band, scale, stride, n));
        }
        for (Series s : series) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.3\"/>",
                    path(s.values(), scale, stride, n),
                    s.color()));
        }
        legend(svg, series, band);
        return svg.append("</svg>").toString();
    }

    private record Scale(int n, double min, double max) {
        double x(int i) {
            return LEFT + (WIDTH - LEFT - RIGHT) * (n <= 1 ? 0 : (double) i / (n - 1));
        }

        double y(double v) {
            return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (v - min) / (max - min));
        }
    }

    private static void axes(StringBuilder svg, Instant[] times, Scale scale) {
        for (int k = 0; k <= 4; k++) {
            double v = scale.min() + (scale.max() - scale.min()) * k / 4;
            double y = scale.y(v);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/><text x=\"%d\" y=\"%.1f\" class=\"axis\" text-anchor=\"end\">%s</text>",
                    LEFT,
                    WIDTH - RIGHT,
                    y,
                    y,
                    LEFT - 6,
                    y + 4,
                    number(v)));
        }
        int n = times.length;
        for (int k = 0; k <= 5 && n > 0; k++) {
            int i = (int) Math.round((double) (n - 1) * k / 5);
            String anchor = k == 0 ? "start" : k == 5 ? "end" : "middle";
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" class=\"axis\" text-anchor=\"%s\">%s</text>",
                    scale.x(i),
                    HEIGHT - 8,
                    anchor,
                    DAY.format(times[i])));
        }
    }

    private static String path(double[] values, Scale scale, int stride, int n) {
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < n; i += stride) {
            double v = values[i];
            if (!Double.isFinite(v)) {
                pen = false;
                continue;
            }
            d.append(pen ? 'L' : 'M').append(String.format(Locale.ROOT, "%.1f %.1f", scale.x(i), scale.y(v)));
            pen = true;
        }
        return d.toString();
    }

    private static String bandPath(Band band, Scale scale, int stride, int n) {
        StringBuilder svg = new StringBuilder();
        // One polygon per stretch where the band exists (ranges can be absent, e.g. before the first rebalance).
        int i = 0;
        while (i < n) {
            while (i < n && !(Double.isFinite(band.low()[i]) && Double.isFinite(band.high()[i]))) i++;
            int start = i;
            while (i < n && Double.isFinite(band.low()[i]) && Double.isFinite(band.high()[i])) i++;
            if (i - start < 1) continue;
            StringBuilder d = new StringBuilder();
            for (int j = start; j < i; j += stride) {
                d.append(j == start ? 'M' : 'L')
                        .append(String.format(Locale.ROOT, "%.1f %.1f", scale.x(j), scale.y(band.high()[j])));
            }
            for (int j = i - 1; j >= start; j -= stride) {
                d.append('L').append(String.format(Locale.ROOT, "%.1f %.1f", scale.x(j), scale.y(band.low()[j])));
            }
            svg.append(String.format(
                    Locale.ROOT,
                    "<path d=\"%sZ\" fill=\"%s\" fill-opacity=\"0.25\" stroke=\"none\"/>",
                    d,
                    band.color()));
        }
        return svg.toString();
    }

    private static void legend(StringBuilder svg, List<Series> series, Band band) {
        int x = WIDTH - RIGHT - 10;
        StringBuilder items = new StringBuilder();
        int y = 14;
        if (band != null) {
            items.append(legendItem(x, y, band.color(), band.name()));
            y += 14;
        }
        for (Series s : series) {
            items.append(legendItem(x, y, s.color(), s.name()));
            y += 14;
        }
        svg.append(items);
    }

    private static String legendItem(int x, int y, String color, String name) {
        return String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" class=\"legend\" text-anchor=\"end\">%s</text>",
                x,
                y - 9,
                color,
                x - 4,
                y,
                Html.escape(name));
    }

    static String number(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        if (a >= 1e4) return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
