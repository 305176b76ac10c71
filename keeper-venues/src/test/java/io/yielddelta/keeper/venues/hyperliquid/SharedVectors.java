package io.yielddelta.keeper.venues.hyperliquid;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code shared/vectors/}: the {@code shared.dir} system property (set by surefire), else a {@code shared} folder beside the project or one of its parents. */
final class SharedVectors {

    private SharedVectors() {}

    static Path file(String name) {
        String configured = System.getProperty("shared.dir");
        if (configured != null) {
            Path candidate = Path.of(configured, "vectors", name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        // A git worktree sits deeper than the main checkout, so ../shared may be a few levels up.
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("vectors").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("vectors/" + name + " not found: set -Dshared.dir (was " + configured + ")");
    }
}
