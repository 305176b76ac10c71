package io.yielddelta.keeper.contracts.devchain;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's contracts/ folder, where npm installed the pinned chain tools. */
final class ContractsDir {
    private ContractsDir() {}

    /**
     * The system property {@code contracts.dir} (set by the build for integration tests), else the environment
     * variable {@code KEEPER_CONTRACTS_DIR} (set by ./keeper), else the nearest contracts/ above the working directory.
     */
    static Path locate() {
        String configured = System.getProperty("contracts.dir", System.getenv("KEEPER_CONTRACTS_DIR"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("package.json"))
                    && dir.getFileName().toString().equals("contracts")) {
                return dir;
            }
            if (Files.isRegularFile(dir.resolve("contracts/package.json"))) {
                return dir.resolve("contracts");
            }
        }
        throw new IllegalStateException("contracts/ not found above "
                + Path.of("").toAbsolutePath() + ": set -Dcontracts.dir or KEEPER_CONTRACTS_DIR");
    }
}
