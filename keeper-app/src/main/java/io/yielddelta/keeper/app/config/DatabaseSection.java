package io.yielddelta.keeper.app.config;

import io.yielddelta.keeper.app.store.DatabaseSettings;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code database}: an embedded H2 file (one keeper) or PostgreSQL (several keepers, clustered by default). A problem
 * in the section is reported once: a database that could not be read is not checked further.
 */
final class DatabaseSection {

    private static final Path DEFAULT_H2 = Path.of("data", "keeper");
    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://[^@\\s]+");

    /** @param clustered whether several keepers share the database (Quartz clustering, hedge leadership) */
    record Database(DatabaseSettings settings, boolean clustered) {}

    private DatabaseSection() {}

    static Optional<Database> read(Optional<YamlMap> section) {
        if (section.isEmpty()) {
            return Optional.of(new Database(DatabaseSettings.h2(DEFAULT_H2), false));
        }
        YamlMap m = section.get();
        String type = m.string("type", false).orElse("h2");
        int pool = m.integer("poolSize", false, 2, 100).orElse(5L).intValue();
        Optional<DatabaseSettings> settings = switch (type) {
            case "h2" ->
                Optional.of(new DatabaseSettings(
                        DatabaseSettings.Kind.H2,
                        m.string("path", false).map(Path::of).orElse(DEFAULT_H2),
                        null,
                        null,
                        null,
                        pool));
            case "postgresql" -> {
                Optional<String> url = m.matching(
                        "url", true, JDBC_URL, "expected jdbc:postgresql://host:port/database, without credentials");
                Optional<String> user = m.string("user", true);
                Optional<Secret> password = m.secret("password", true);
                yield url.flatMap(u -> user.flatMap(n -> password.map(
                        p -> new DatabaseSettings(DatabaseSettings.Kind.POSTGRESQL, null, u, n, p.reveal(), pool))));
            }
            default -> {
                m.problem("type", "expected h2 or postgresql");
                yield Optional.empty();
            }
        };
        Optional<Boolean> cluster = m.bool("cluster");
        Optional<Database> database = settings.flatMap(s -> {
            boolean clustered = cluster.orElse(s.kind() == DatabaseSettings.Kind.POSTGRESQL);
            if (clustered && s.kind() == DatabaseSettings.Kind.H2) {
                m.problem("cluster", "clustering needs type postgresql");
                return Optional.empty();
            }
            return Optional.of(new Database(s, clustered));
        });
        m.finish();
        return database;
    }
}
