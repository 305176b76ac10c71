package io.yielddelta.keeper.app.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
public final class YamlMap {

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    /**
     * The file, the environment and the problems found so far, shared by every map of one file.
     *
     * @param checkKeys whether readers also load every key and build every client (validate-config)
     */
    public static final class Context {
        final String file;
        final Map<String, String> env;
        final boolean checkKeys;
        final List<ConfigProblem> problems = new ArrayList<>();

        Context(String file, Map<String, String> env, boolean checkKeys) {
            this.file = file;
            this.env = env;
            this.checkKeys = checkKeys;
        }

        public void problem(Node node, String path, String message) {
            problems.add(new ConfigProblem(file, node.getStartMark().getLine() + 1, path, message));
        }

        /** Whether the keys are loaded and the clients built while reading (validate-config), not only checked. */
        public boolean checkKeys() {
            return checkKeys;
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
    public static Optional<YamlMap> of(Context ctx, Node node, String path) {
        if (node instanceof MappingNode mapping) {
            return Optional.of(new YamlMap(ctx, mapping, path));
        }
        ctx.problem(node, path, "expected a mapping of fields");
        return Optional.empty();
    }

    public Context context() {
        return ctx;
    }

    public Node node() {
        return node;
    }

    public String path() {
        return path;
    }

    public String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The keys present, in file order (for maps whose keys are names, such as venues). */
    public List<String> keys() {
        return List.copyOf(entries.keySet());
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    public Optional<Node> raw(String key) {
        NodeTuple tuple = entries.get(key);
        read.add(key);
        if (tuple == null || isNull(tuple.getValueNode())) {
            return Optional.empty();
        }
        return Optional.of(tuple.getValueNode());
    }

    public Optional<Node> required(String key) {
        Optional<Node> value = raw(key);
        if (value.isEmpty()) {
            ctx.problem(entries.containsKey(key) ? entries.get(key).getKeyNode() : node, child(key), "is required");
        }
        return value;
    }

    public Optional<YamlMap> map(String key, boolean required) {
        return (required ? required(key) : raw(key)).flatMap(n -> of(ctx, n, child(key)));
    }

    /** The items of a sequence field, each with its path {@code key[i]}. */
    public List<Item> list(String key, boolean required) {
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

    public record Item(Node node, String path) {}

    /** A scalar with {@code ${ENV}} (or {@code ${ENV:-default}}) substituted. */
    public Optional<String> string(String key, boolean required) {
        return (required ? required(key) : raw(key)).flatMap(n -> scalar(ctx, n, child(key)));
    }

    public static Optional<String> scalar(Context ctx, Node n, String path) {
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

    public Optional<Secret> secret(String key, boolean required) {
        return string(key, required).map(Secret::new);
    }

    public Optional<Long> integer(String key, boolean required, long min, long max) {
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
    public Optional<BigDecimal> decimal(
            String key, boolean required, BigDecimal min, boolean minExclusive, BigDecimal max) {
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
            ctx.problem(
                    raw(key).orElseThrow(),
                    child(key),
                    "expected a number " + (minExclusive ? "above " : "from ") + min.toPlainString()
                            + (minExclusive ? " up to " : " to ") + max.toPlainString());
            return Optional.empty();
        });
    }

    public Optional<Boolean> bool(String key) {
        return string(key, false).flatMap(s -> switch (s) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> {
                ctx.problem(raw(key).orElseThrow(), child(key), "expected true or false");
                yield Optional.empty();
            }
        });
    }

    public <E extends Enum<E>> Optional<E> enumeration(String key, boolean required, Class<E> type) {
        return string(key, required).flatMap(s -> {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(s)) {
                    return Optional.of(e);
                }
            }
            ctx.problem(
                    raw(key).orElseThrow(),
                    child(key),
                    "expected one of " + java.util.Arrays.toString(type.getEnumConstants()));
            return Optional.empty();
        });
    }

    /** A positive duration: {@code 90s}, {@code 10m}, {@code 1h}, {@code 7d} or ISO-8601 ({@code PT1H}). */
    public Optional<Duration> duration(String key) {
        return string(key, false).flatMap(s -> {
            Optional<Duration> d = parseDuration(s);
            if (d.isEmpty() || !d.get().isPositive()) {
                ctx.problem(
                        raw(key).orElseThrow(),
                        child(key),
                        "expected a positive duration such as 90s, 10m, 1h, 7d or PT1H");
                return Optional.empty();
            }
            return d;
        });
    }

    static Optional<Duration> parseDuration(String s) {
        try {
            if (s.startsWith("P") || s.startsWith("p")) {
                return Optional.of(Duration.parse(s));
            }
            long amount = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (s.charAt(s.length() - 1)) {
                case 's' -> Optional.of(Duration.ofSeconds(amount));
                case 'm' -> Optional.of(Duration.ofMinutes(amount));
                case 'h' -> Optional.of(Duration.ofHours(amount));
                case 'd' -> Optional.of(Duration.ofDays(amount));
                default -> Optional.empty();
            };
        } catch (DateTimeParseException | NumberFormatException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** An EVM address, lower-cased; a mixed-case one must carry a valid EIP-55 checksum. */
    public Optional<String> address(String key, boolean required) {
        return string(key, required)
                .filter(a -> {
                    if (!ADDRESS.matcher(a).matches()) {
                        ctx.problem(raw(key).orElseThrow(), child(key), "expected 0x and 40 hex digits");
                        return false;
                    }
                    String digits = a.substring(2);
                    boolean mixedCase = !digits.equals(digits.toLowerCase(Locale.ROOT))
                            && !digits.equals(digits.toUpperCase(Locale.ROOT));
                    if (mixedCase && !org.web3j.crypto.Keys.toChecksumAddress(a).equals(a)) {
                        ctx.problem(
                                raw(key).orElseThrow(), child(key), "mixed-case address with a wrong EIP-55 checksum");
                        return false;
                    }
                    return true;
                })
                .map(a -> a.toLowerCase(Locale.ROOT));
    }

    /** A value matching {@code pattern}, else a problem saying what was {@code expected}. */
    public Optional<String> matching(String key, boolean required, Pattern pattern, String expected) {
        return string(key, required).filter(v -> {
            if (pattern.matcher(v).matches()) {
                return true;
            }
            ctx.problem(raw(key).orElseThrow(), child(key), expected);
            return false;
        });
    }

    /** An absolute URL with one of {@code schemes}; its value is never repeated in a problem (it may carry a key). */
    public Optional<URI> url(String key, boolean required, Set<String> schemes) {
        return (required ? required(key) : raw(key))
                .flatMap(n -> scalar(ctx, n, child(key)).flatMap(s -> uri(ctx, new Item(n, child(key)), s, schemes)));
    }

    static Optional<URI> uri(Context ctx, Item item, String value, Set<String> schemes) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() != null
                    && schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException ignored) {
            // reported below, without the value: URLs may carry API keys
        }
        ctx.problem(
                item.node(),
                item.path(),
                "expected an absolute URL with scheme "
                        + schemes.stream().sorted().toList());
        return Optional.empty();
    }

    /** A path to a regular file that exists now. */
    public Optional<Path> existingFile(String key, boolean required) {
        return string(key, required).flatMap(s -> {
            Path file = Path.of(s);
            if (!Files.isRegularFile(file)) {
                ctx.problem(raw(key).orElseThrow(), child(key), "no such file");
                return Optional.empty();
            }
            return Optional.of(file);
        });
    }

    /** A secret read from the environment variable this field names. */
    public Optional<Secret> secretFromEnv(String key, boolean required) {
        return string(key, required).flatMap(name -> {
            Node n = raw(key).orElseThrow();
            if (!ENV_NAME.matcher(name).matches()) {
                ctx.problem(n, child(key), "expected the name of an environment variable");
                return Optional.empty();
            }
            String value = ctx.env.get(name);
            if (value == null || value.isEmpty()) {
                ctx.problem(n, child(key), "environment variable " + name + " is not set");
                return Optional.empty();
            }
            return Optional.of(new Secret(value));
        });
    }

    /** Records a problem at this map's field {@code key} (or at the map itself when the field is absent). */
    public void problem(String key, String message) {
        ctx.problem(raw(key).orElse(node), child(key), message);
    }

    /** Reports every key present that no accessor asked for. */
    public void finish() {
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
