package io.yielddelta.keeper.app.backtest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yielddelta.keeper.core.backtest.BacktestResult;
import io.yielddelta.keeper.core.backtest.Bootstrap;
import io.yielddelta.keeper.core.backtest.Variant;
import io.yielddelta.keeper.core.backtest.VaultMetrics;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One backtest under several seeds of the intra-hour path: every metric is the mean over the seeds, with its standard
 * deviation beside it; the bootstrap intervals are of the seeds' mean daily P&amp;L. Charts and the end state come from
 * the first seed.
 *
 * @param mean   the runs with every metric, per-year metric and attribution line averaged over the seeds
 * @param spread by vault name and run: each metric's standard deviation over the seeds (empty for one seed)
 */
record SeedRuns(int seeds, BacktestResult mean, Map<String, Map<Variant, VaultMetrics>> spread) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    static SeedRuns of(List<BacktestResult> results) {
        BacktestResult first = results.getFirst();
        if (results.size() == 1) {
            return new SeedRuns(1, first, Map.of());
        }
        List<BacktestResult.VaultResult> vaults = new ArrayList<>();
        Map<String, Map<Variant, VaultMetrics>> spread = new LinkedHashMap<>();
        for (int v = 0; v < first.vaults().size(); v++) {
            int index = v;
            BacktestResult.VaultResult vault = first.vaults().get(v);
            Map<Variant, BacktestResult.Run> runs = new EnumMap<>(Variant.class);
            Map<Variant, VaultMetrics> sds = new EnumMap<>(Variant.class);
            for (Variant variant : vault.runs().keySet()) {
                List<BacktestResult.Run> perSeed = results.stream()
                        .map(r -> r.vaults().get(index).runs().get(variant))
                        .toList();
                runs.put(variant, mean(perSeed));
                sds.put(
                        variant,
                        combine(
                                perSeed.stream()
                                        .map(BacktestResult.Run::metrics)
                                        .toList(),
                                true));
            }
            vaults.add(new BacktestResult.VaultResult(vault.name(), vault.kind(), runs));
            spread.put(vault.name(), sds);
        }
        Map<String, String> assumptions = new LinkedHashMap<>(first.assumptions());
        assumptions.computeIfPresent(
                "price path",
                (key, path) ->
                        path + "; run with " + results.size() + " seeds from the first: the figures are their mean");
        return new SeedRuns(
                results.size(),
                new BacktestResult(
                        first.from(),
                        first.to(),
                        assumptions,
                        vaults,
                        first.gaps(),
                        first.fundingFallbacks(),
                        first.feeCarriedHours()),
                spread);
    }

    private static BacktestResult.Run mean(List<BacktestResult.Run> runs) {
        BacktestResult.Run first = runs.getFirst();
        List<Double> net = meanSeries(runs, d -> d.net());
        List<Double> edge = meanSeries(runs, d -> d.edge());
        VaultMetrics metrics =
                combine(runs.stream().map(BacktestResult.Run::metrics).toList(), false);
        Map<String, Object> withIntervals = JSON.convertValue(metrics, MAP);
        withIntervals.put("netApyCi90", Bootstrap.interval90(unbox(net), metrics.capitalUsd(), metrics.years()));
        withIntervals.put("edgeApyCi90", Bootstrap.interval90(unbox(edge), metrics.capitalUsd(), metrics.years()));
        Map<Integer, VaultMetrics> years = new LinkedHashMap<>();
        for (Integer year : first.years().keySet()) {
            years.put(year, combine(runs.stream().map(r -> r.years().get(year)).toList(), false));
        }
        Map<String, Object> attribution = meanOf(
                runs.stream().map(r -> JSON.convertValue(r.attribution(), MAP)).toList());
        return new BacktestResult.Run(
                JSON.convertValue(withIntervals, VaultMetrics.class),
                years,
                JSON.convertValue(attribution, BacktestResult.Attribution.class),
                first.end(),
                new BacktestResult.Daily(net, edge),
                first.samples());
    }

    /** The seeds' mean (or standard deviation) of every numeric field; the intervals are left empty. */
    private static VaultMetrics combine(List<VaultMetrics> metrics, boolean sd) {
        List<Map<String, Object>> maps =
                metrics.stream().map(m -> JSON.convertValue(m, MAP)).toList();
        Map<String, Object> out = sd ? spreadOf(maps) : meanOf(maps);
        out.put("netApyCi90", List.of());
        out.put("edgeApyCi90", List.of());
        return JSON.convertValue(out, VaultMetrics.class);
    }

    private static Map<String, Object> meanOf(List<Map<String, Object>> maps) {
        Map<String, Object> out = new LinkedHashMap<>(maps.getFirst());
        out.replaceAll((key, value) -> value instanceof Number
                ? round(
                        value,
                        maps.stream()
                                .mapToDouble(m -> ((Number) m.get(key)).doubleValue())
                                .average()
                                .orElseThrow())
                : value);
        return out;
    }

    private static Map<String, Object> spreadOf(List<Map<String, Object>> maps) {
        Map<String, Object> out = new LinkedHashMap<>(maps.getFirst());
        out.replaceAll((key, value) -> {
            if (!(value instanceof Number)) {
                return value;
            }
            double[] xs = maps.stream()
                    .mapToDouble(m -> ((Number) m.get(key)).doubleValue())
                    .toArray();
            double mean = java.util.Arrays.stream(xs).average().orElseThrow();
            double variance = java.util.Arrays.stream(xs)
                            .map(x -> (x - mean) * (x - mean))
                            .sum()
                    / (xs.length - 1);
            return round(value, Math.sqrt(variance));
        });
        return out;
    }

    /** Whole-number fields (counts) stay whole. */
    private static Object round(Object like, double value) {
        return like instanceof Integer || like instanceof Long ? Math.round(value) : value;
    }

    private static List<Double> meanSeries(
            List<BacktestResult.Run> runs, Function<BacktestResult.Daily, List<Double>> series) {
        int days = series.apply(runs.getFirst().daily()).size();
        List<Double> mean = new ArrayList<>(days);
        for (int d = 0; d < days; d++) {
            int day = d;
            mean.add(runs.stream()
                    .mapToDouble(r -> series.apply(r.daily()).get(day))
                    .average()
                    .orElseThrow());
        }
        return mean;
    }

    private static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
