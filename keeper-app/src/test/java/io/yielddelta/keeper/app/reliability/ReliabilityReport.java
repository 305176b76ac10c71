package io.yielddelta.keeper.app.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writes {@code docs/reliability.md}: the scenario descriptions (a template in the test resources) with the tables
 * the reliability ITs measured in this build ({@link Figures}). Run by the {@code reliability} Maven profile after the
 * ITs; a group without figures says so rather than keeping old numbers.
 *
 * <p>Arguments: the figures directory, the document to write.
 */
public final class ReliabilityReport {

    static final List<String> GROUPS = List.of("crash-points", "rpc-faults", "two-keepers");

    private ReliabilityReport() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ReliabilityReport FIGURES_DIR OUTPUT.md");
            System.exit(2);
        }
        Path figures = Path.of(args[0]);
        String doc;
        try (InputStream in = ReliabilityReport.class.getResourceAsStream("/reliability/reliability.md")) {
            if (in == null) {
                throw new IOException("missing resource /reliability/reliability.md");
            }
            doc = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String group : GROUPS) {
            Path rows = figures.resolve(group + ".md");
            String table =
                    Files.exists(rows) ? Files.readString(rows).stripTrailing() : "| (not run in this build) | | |";
            doc = doc.replace("{{" + group + "}}", table);
        }
        doc = doc.replace(
                "{{environment}}",
                "Measured " + Instant.now().truncatedTo(ChronoUnit.MINUTES) + " on "
                        + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch") + ", Java " + Runtime.version()
                        + " (tests and keepers share the "
                        + "machine with anvil and PostgreSQL; other builds may have been running).");
        Path out = Path.of(args[1]);
        Files.writeString(out, doc);
        System.out.println("wrote " + out.toAbsolutePath());
    }
}
