package io.yielddelta.keeper.app.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One YAML mapping read field by field. Every accessor records a problem (with line and field path) instead of
 * throwing and returns empty, so a whole file is checked in one pass. {@link #finish} reports keys nobody asked for,
 * which catches typos.
 */
final class YamlMap {

    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    /** The file, the environment and the problems found so far, shared by every map of one file. */
    static final class Context {
        final String file;
        final Map<String, String> env;
        final List<ConfigProblem> problems = new ArrayList<>();

        Context(String file, Map<String, String> env) {
            this.file = file;
            this.env = env;
        }

        void problem(Node node, String path, String message) {
            problems.add(new ConfigProblem(file, node.getStartMark().getLine() + 1, path, message));
        }
    }

    private final Context ctx;
    private final Node node;
    private final String path;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> read = new java.util.HashSet<>();

    private YamlMap(Context ctx, MappingNode node, String path) {
        this.ctx = ctx;
        this.node = node;
        this.path = path;
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                ctx.problem(tuple.getKeyNode(), path, "keys must be plain names");
                continue;
            }
            if (entries.putIfAbsent(key.getValue(), tuple) != null) {
                ctx.problem(key, child(key.getValue()), "given twice");
            }
        }
    }

    /** The node as a mapping, or empty with a problem recorded. */
    static Optional<YamlMap> of(Context ctx, Node node, String path) {
        if (node instanceof MappingNode mapping) {
            return Optional.of(new YamlMap(ctx, mapping, path));
        }
        ctx.problem(node, path, "expected a mapping of fields");
        return Optional.empty();
    }

    Context context() {
        return ctx;
    }

    Node node() {
        return node;
    }

    String path() {
        return path;
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The keys present, in file order (for maps whose keys are names, such as venues). */
    List<String> keys() {
        return List.copyOf(entries.keySet());
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Optional<Node> raw(String key) {
        NodeTuple tuple = entries.get(key);
        read.add(key);
        if (tuple == null || isNull(tuple.getValueNode())) {
            return Optional.empty();
        }
        return Optional.of(tuple.getValueNode());
    }

    Optional<Node> required(String key) {
        Optional<Node> value = raw(key);
        if (value.isEmpty()) {
            ctx.problem(entries.containsKey(key) ? entries.get(key).getKeyNode() : node, child(key), "is required");
        }
        return value;
    }

    Optional<YamlMap> map(String key, boolean required) {
        return (required ? required(key) : raw(key)).flatMap(n -> of(ctx, n, child(key)));
    }

    /** The items of a sequence field, each with its path {@code key[i]}. */
    List<Item> list(String key, boolean required) {
        Optional<Node> value = required ? required(key) : raw(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!(value.get() instanceof SequenceNode sequence)) {
            ctx.problem(value.get(), child(key), "expected a list");
            return List.of();
        }
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            items.add(new Item(sequence.getValue().get(i), child(key) + "[" + i + "]"));
        }
        if (required && items.isEmpty()) {
            ctx.problem(value.get(), child(key), "needs at least one entry");
        }
        return items;
    }

    record Item(Node node, String path) {}

    /** A scalar with {@code ${ENV}} (or {@code ${ENV:-default}}) substituted. */
    Optional<String> string(String key, boolean required) {
        return (required ? required(key) : raw(key)).flatMap(n -> scalar(ctx, n, child(key)));
    }

    static Optional<String> scalar(Context ctx, Node n, String path) {
        if (!(n instanceof ScalarNode scalar)) {
            ctx.problem(n, path, "expected a single value");
            return Optional.empty();
        }
        Matcher m = ENV.matcher(scalar.getValue());
        StringBuilder out = new StringBuilder();
        boolean missing = false;
        while (m.find()) {
            String value = ctx.env.get(m.group(1));
            if (value == null) {
                value = m.group(2);
            }
            if (value == null) {
                ctx.problem(n, path, "environment variable " + m.group(1) + " is not set");
                missing = true;
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return missing ? Optional.empty() : Optional.of(out.toString().strip());
    }

    Optional<Secret> secret(String key, boolean required) {
        return string(key, required).map(Secret::new);
    }

    Optional<Long> integer(String key, boolean required, long min, long max) {
        return string(key, required).flatMap(s -> {
            try {
                long v = Long.parseLong(s);
                if (v >= min && v <= max) {
                    return Optional.of(v);
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            ctx.problem(raw(key).orElseThrow(), child(key), "expected a whole number from " + min + " to " + max);
            return Optional.empty();
        });
    }

    /** A decimal in (min, max] when {@code minExclusive}, else [min, max]. */
    Optional<BigDecimal> decimal(String key, boolean required, BigDecimal min, boolean minExclusive, BigDecimal max) {
        return string(key, required).flatMap(s -> {
            try {
                BigDecimal v = new BigDecimal(s);
                int lower = v.compareTo(min);
                if ((minExclusive ? lower > 0 : lower >= 0) && v.compareTo(max) <= 0) {
                    return Optional.of(v);
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            ctx.problem(raw(key).orElseThrow(), child(key), "expected a number " + (minExclusive ? "above " : "from ")
                    + min.toPlainString() + (minExclusive ? " up to " : " to ") + max.toPlainString());
            return Optional.empty();
        });
    }

    Optional<Boolean> bool(String key) {
        return string(key, false).flatMap(s -> switch (s) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> {
                ctx.problem(raw(key).orElseThrow(), child(key), "expected true or false");
                yield Optional.empty();
            }
        });
    }

    <E extends Enum<E>> Optional<E> enumeration(String key, boolean required, Class<E> type) {
        return string(key, required).flatMap(s -> {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(s)) {
                    return Optional.of(e);
                }
            }
            ctx.problem(raw(key).orElseThrow(), child(key), "expected one of " + java.util.Arrays.toString(type.getEnumConstants()));
            return Optional.empty();
        });
    }

    /** Reports every key present that no accessor asked for. */
    void finish() {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!read.contains(e.getKey())) {
                ctx.problem(e.getValue().getKeyNode(), child(e.getKey()), "unknown field");
            }
        }
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.getTag().getValue().endsWith(":null");
    }
}
