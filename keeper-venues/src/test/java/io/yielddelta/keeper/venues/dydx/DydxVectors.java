package io.yielddelta.keeper.venues.dydx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The official dYdX vectors in {@code shared/vectors/dydx.json}. */
public final class DydxVectors {

    static final JsonNode ROOT = load();

    private DydxVectors() {}

    /** {@code shared.dir} is set by surefire; otherwise the {@code shared} folder beside the project root. */
    static Path sharedDir() {
        String configured = System.getProperty("shared.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path here = Path.of("").toAbsolutePath();
        Path projectRoot = Files.exists(here.resolve("mvnw")) ? here : here.getParent();
        return projectRoot.resolve("../shared").normalize();
    }

    /** A key set by its name in the file (KEY_1, KEY_3, MNEMONIC_2). */
    public static JsonNode key(String name) {
        for (JsonNode key : ROOT.path("keys")) {
            if (key.path("name").asText().equals(name)) {
                return key;
            }
        }
        throw new IllegalArgumentException("no key " + name);
    }

    private static JsonNode load() {
        Path file = sharedDir().resolve("vectors/dydx.json");
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (set -Dshared.dir)", e);
        }
    }
}
