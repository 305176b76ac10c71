package io.yielddelta.keeper.app.backtest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.yielddelta.keeper.core.backtest.BacktestResult;
import io.yielddelta.keeper.core.backtest.Variant;

/**
 * {@code {"vaults": [{"name", "kind", …metrics of the strategy run, "baselines": {variant: metrics}}], "assumptions"}}.
 */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    public static void write(BacktestResult result, Path file) throws IOException {
        JSON.writeValue(file.toFile(), toTree(result));
    }

    static Map<String, Object> toTree(BacktestResult result) {
        List<Map<String, Object>> vaults = result.vaults().stream().map(vault -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", vault.name());
            v.put("kind", vault.kind());
            v.putAll(JSON.convertValue(vault.strategy().metrics(), Map.class));
            Map<String, Object> baselines = new LinkedHashMap<>();
            vault.runs().forEach((variant, run) -> {
                if (variant != Variant.STRATEGY) {
                    baselines.put(variant.name(), run.metrics());
                }
            });
            v.put("baselines", baselines);
            return v;
        }).toList();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("from", result.from().toString());
        root.put("to", result.to().toString());
        root.put("assumptions", result.assumptions());
        root.put("vaults", vaults);
        return root;
    }
}
