package io.yielddelta.keeper.app.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a YAML file with snakeyaml's node API (so every problem has its line), hands its top mapping to a reader that
 * reports problems instead of throwing, and throws every problem found at once: nothing is half-applied.
 */
public final class YamlFile {

    private YamlFile() {}

    /**
     * @param checkKeys whether the readers load every key and build every client while reading (validate-config)
     * @throws ConfigException with every problem, if there is any
     */
    static <T> T read(Path file, Map<String, String> env, boolean checkKeys, Function<YamlMap, T> reader) {
        Node root = compose(file);
        YamlMap.Context ctx = new YamlMap.Context(file.toString(), env, checkKeys);
        T config = YamlMap.of(ctx, root, "").map(reader).orElse(null);
        if (!ctx.problems.isEmpty()) {
            throw new ConfigException(ctx.problems);
        }
        return config;
    }

    /**
     * The keys at the top of the file, to tell a deployment file from a backtest file.
     *
     * @throws ConfigException when the file cannot be read or is not a YAML mapping
     */
    public static List<String> topKeys(Path file) {
        YamlMap.Context ctx = new YamlMap.Context(file.toString(), Map.of(), false);
        return YamlMap.of(ctx, compose(file), "").map(YamlMap::keys).orElse(List.of());
    }

    private static Node compose(Path file) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(
                    name, 0, "", "cannot read the file (" + e.getClass().getSimpleName() + ")")));
        }
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ConfigException(List.of(new ConfigProblem(name, line, "", "not valid YAML: " + e.getProblem())));
        }
        return Optional.ofNullable(root)
                .orElseThrow(() -> new ConfigException(List.of(new ConfigProblem(name, 1, "", "the file is empty"))));
    }
}
