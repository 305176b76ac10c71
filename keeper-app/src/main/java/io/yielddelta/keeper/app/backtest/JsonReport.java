package io.yielddelta.keeper.app.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.yielddelta.keeper.core.backtest.BacktestResult;
import io.yielddelta.keeper.core.backtest.Variant;
import io.yielddelta.keeper.core.backtest.VaultMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code {"from", "to", "seeds", "assumptions", "gaps", "fundingFallbacks", "feeCarriedHours", "vaults": [{"name",
 * "kind", …metrics of the strategy run, "years": [{"year", …metrics}], "attributionUsd", "sd", "baselines": {variant:
 * {…metrics, "years"}}}]}}. The metrics' meaning is {@link VaultMetrics}'s (and docs/backtest.md's); with several
 * seeds they are the seeds' means and {@code sd} holds their standard deviations.
 */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    public static void write(SeedRuns runs, Path file) throws IOException {
        JSON.writeValue(file.toFile(), toTree(runs));
    }

    static Map<String, Object> toTree(SeedRuns runs) {
        BacktestResult result = runs.mean();
        List<Map<String, Object>> vaults = result.vaults().stream()
                .map(vault -> {
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("name", vault.name());
                    v.put("kind", vault.kind());
                    v.putAll(run(vault.strategy()));
                    v.put("attributionUsd", vault.strategy().attribution());
                    VaultMetrics sd =
                            runs.spread().getOrDefault(vault.name(), Map.of()).get(Variant.STRATEGY);
                    if (sd != null) {
                        v.put("sd", sd);
                    }
                    Map<String, Object> baselines = new LinkedHashMap<>();
                    vault.runs().forEach((variant, run) -> {
                        if (variant != Variant.STRATEGY) {
                            baselines.put(variant.name(), run(run));
                        }
                    });
                    v.put("baselines", baselines);
                    return v;
                })
                .toList();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("from", result.from().toString());
        root.put("to", result.to().toString());
        root.put("seeds", runs.seeds());
        root.put("assumptions", result.assumptions());
        root.put(
                "gaps",
                result.gaps().stream()
                        .map(g -> Map.of("from", g.from().toString(), "to", g.to().toString(), "hours", g.hours()))
                        .toList());
        root.put(
                "fundingFallbacks",
                result.fundingFallbacks().stream()
                        .map(f -> Map.of(
                                "venue",
                                f.venue(),
                                "from",
                                f.from().toString(),
                                "to",
                                f.to().toString(),
                                "hours",
                                f.hours()))
                        .toList());
        root.put("feeCarriedHours", result.feeCarriedHours());
        root.put("vaults", vaults);
        return root;
    }

    /** A run's metrics, then its per-year metrics as a list. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> run(BacktestResult.Run run) {
        Map<String, Object> out = new LinkedHashMap<>(JSON.convertValue(run.metrics(), Map.class));
        out.put(
                "years",
                run.years().entrySet().stream()
                        .map(e -> {
                            Map<String, Object> year = new LinkedHashMap<>();
                            year.put("year", e.getKey());
                            year.putAll(JSON.convertValue(e.getValue(), Map.class));
                            year.remove("netApyCi90");
                            year.remove("edgeApyCi90");
                            return year;
                        })
                        .toList());
        return out;
    }
}
