package io.yielddelta.keeper.app.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;

/**
 * The measured results of the reliability scenarios, one Markdown table row each, appended to
 * {@code target/reliability/<group>.md} as the scenarios run; {@link ReliabilityReport} puts them into
 * {@code docs/reliability.md}.
 */
final class Figures {

    static final Path DIR = Path.of(System.getProperty("reliability.figures", "target/reliability"));

    private Figures() {}

    /** Starts a group's file afresh (one per test class run). */
    static void begin(String group) {
        try {
            Files.createDirectories(DIR);
            Files.deleteIfExists(DIR.resolve(group + ".md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void row(String group, String scenario, String checks, String measured) {
        try {
            Files.createDirectories(DIR);
            Files.writeString(
                    DIR.resolve(group + ".md"),
                    "| " + scenario + " | " + checks + " | " + measured + " |\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
