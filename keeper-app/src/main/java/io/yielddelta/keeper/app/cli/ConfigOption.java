package io.yielddelta.keeper.app.cli;

import io.yielddelta.keeper.app.config.ConfigException;
import io.yielddelta.keeper.app.config.ConfigLoader;
import io.yielddelta.keeper.app.config.ConfigProblem;
import io.yielddelta.keeper.app.config.KeeperConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/** Loads the configuration for a command, printing every problem; exit code 2 means the configuration is bad. */
public final class ConfigOption {

    public static final int BAD_CONFIG = 2;

    private ConfigOption() {}

    public static Optional<KeeperConfig> load(Path file, PrintWriter err) {
        return load(file, err, ConfigLoader.fromEnvironment());
    }

    /** As {@link #load(Path, PrintWriter)}, with {@code ${ENV}} values from the given loader. */
    public static Optional<KeeperConfig> load(Path file, PrintWriter err, ConfigLoader loader) {
        return load(file, err, loader::load);
    }

    /** Any configuration file: {@code read} throws {@link ConfigException} with every problem. */
    public static <T> Optional<T> load(Path file, PrintWriter err, Function<Path, T> read) {
        try {
            return Optional.of(read.apply(file));
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                err.println(p);
            }
            err.println(e.problems().size() + " problem(s) in " + file + "; nothing was started");
            err.flush();
            return Optional.empty();
        }
    }
}
