package io.yielddelta.keeper.contracts.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The vault's sources say exactly which compiler they were built and audited with (the one package.json pins). */
class VaultSourcesTest {
    private static final Path SOURCES = Path.of("src/main/solidity/vault");
    private static final Pattern PRAGMA = Pattern.compile("pragma solidity ([^;]+);");

    @Test
    void everyVaultSourcePinsThePragmaToTheCompilerTheBuildUses() throws IOException {
        String solc = new ObjectMapper()
                .readTree(Path.of("package.json").toFile())
                .path("devDependencies")
                .path("solc")
                .asText();
        assertThat(solc).matches("\\d+\\.\\d+\\.\\d+");
        List<Path> sources;
        try (Stream<Path> files = Files.list(SOURCES)) {
            sources = files.filter(f -> f.toString().endsWith(".sol")).sorted().toList();
        }
        assertThat(sources).isNotEmpty();
        for (Path source : sources) {
            Matcher pragma = PRAGMA.matcher(Files.readString(source));
            assertThat(pragma.find()).as("%s declares a pragma", source).isTrue();
            assertThat(pragma.group(1).trim()).as("pragma of %s", source).isEqualTo(solc);
        }
    }
}
