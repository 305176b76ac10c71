package io.yielddelta.keeper.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator documents against the series the keeper really sends: {@code docs/datadog/dashboard.json} and
 * {@code monitors.json} may reference only metrics that arrived at Datadog's series endpoint, and
 * {@code docs/metrics.md} documents every keeper series that arrived (and none that did not).
 */
public final class DatadogDocs {

    static final Path DOCS = Path.of("..", "docs");
    /** A metric name as the dashboards and monitors write it. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:keeper|jvm|process|system|logback)\\.[a-z0-9_.]+)");
    /** A series documented in metrics.md's tables: the first column, in backquotes. */
    private static final Pattern DOCUMENTED = Pattern.compile("(?m)^\\| `(keeper\\.[a-z0-9_.]+)`");
    /** What Micrometer's Datadog registry appends to a timer's or distribution summary's name. */
    private static final List<String> SUFFIXES = List.of(".count", ".sum", ".avg", ".max");

    private DatadogDocs() {}

    /** @param received the metric names that arrived at the local Datadog endpoint */
    public static void assertReferenceOnly(Set<String> received) throws IOException {
        for (String file : List.of("datadog/dashboard.json", "datadog/monitors.json")) {
            Set<String> referenced = names(METRIC, Files.readString(DOCS.resolve(file)));
            assertThat(referenced).as("metrics named in docs/%s", file).isNotEmpty();
            assertThat(received).as("series received, against docs/%s", file).containsAll(referenced);
        }
        Set<String> documented = names(DOCUMENTED, Files.readString(DOCS.resolve("metrics.md")));
        Set<String> keeperSeries = new TreeSet<>();
        for (String name : received) {
            if (name.startsWith("keeper.")) {
                keeperSeries.add(base(name, received));
            }
        }
        assertThat(documented)
                .as("keeper series documented in docs/metrics.md vs received")
                .isEqualTo(keeperSeries);
    }

    /** The meter's own name: a timer's {@code x.count} is {@code x} when {@code x.sum} came too. */
    private static String base(String name, Set<String> received) {
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix)) {
                String stem = name.substring(0, name.length() - suffix.length());
                if (received.contains(stem + ".sum") && received.contains(stem + ".count")) {
                    return stem;
                }
            }
        }
        return name;
    }

    private static Set<String> names(Pattern pattern, String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            names.add(m.group(1).replaceAll("\\.$", ""));
        }
        return names;
    }
}
