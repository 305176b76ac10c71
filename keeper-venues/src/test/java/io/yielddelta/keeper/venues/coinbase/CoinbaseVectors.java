package io.yielddelta.keeper.venues.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The official Coinbase vectors in {@code shared/vectors/coinbase.json} and the SDK's public test keys. */
public final class CoinbaseVectors {

    static final JsonNode ROOT = load();
    public static final String KEY_NAME =
            ROOT.path("testKeys").path("apiKeyName").asText();
    public static final String ES256_PEM =
            ROOT.path("testKeys").path("es256").path("pem").asText();
    static final String ED25519_BASE64_64 = ROOT.path("testKeys")
            .path("ed25519")
            .path("base64_64byte")
            .path("value")
            .asText();

    private CoinbaseVectors() {}

    /** {@code shared.dir} is set by surefire; from an IDE the shared folder sits beside the project root. */
    static Path sharedDir() {
        String configured = System.getProperty("shared.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path here = Path.of("").toAbsolutePath();
        Path projectRoot = Files.exists(here.resolve("mvnw")) ? here : here.getParent();
        return projectRoot.resolve("../shared").normalize();
    }

    static CdpKey es256Key() {
        return CdpKey.load(KEY_NAME, ES256_PEM);
    }

    private static JsonNode load() {
        Path file = sharedDir().resolve("vectors/coinbase.json");
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Coinbase vectors at " + file, e);
        }
    }
}
