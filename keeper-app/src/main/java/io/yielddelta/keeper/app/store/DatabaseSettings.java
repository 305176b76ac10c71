package io.yielddelta.keeper.app.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the journal and the Quartz job store live.
 *
 * @param h2Path   for H2: the database file, without the {@code .mv.db} suffix
 * @param url      for PostgreSQL: the JDBC URL (no credentials in it)
 * @param password for PostgreSQL; never logged
 */
public record DatabaseSettings(Kind kind, Path h2Path, String url, String user, String password, int poolSize) {

    public enum Kind {
        H2,
        POSTGRESQL
    }

    public DatabaseSettings {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.H2) {
            Objects.requireNonNull(h2Path, "h2Path");
        } else {
            Objects.requireNonNull(url, "url");
        }
        if (poolSize < 2) {
            throw new IllegalArgumentException("poolSize must be at least 2 (journal and scheduler share it)");
        }
    }

    public static DatabaseSettings h2(Path file) {
        return new DatabaseSettings(Kind.H2, file, null, null, null, 5);
    }

    public static DatabaseSettings postgres(String url, String user, String password) {
        return new DatabaseSettings(Kind.POSTGRESQL, null, url, user, password, 5);
    }

    public String jdbcUrl() {
        // One process owns an embedded file (no AUTO_SERVER: it would open a TCP port); several keepers need
        // PostgreSQL.
        // WRITE_DELAY=0: a commit reaches the file before it returns. H2's default keeps commits in memory for up to
        // 500 ms, so a keeper killed just after broadcasting lost the journal row written before the broadcast.
        // retry: an interrupted thread closes a FileChannel under H2 (Quartz interrupts its threads at shutdown, and
        // H2 then closed the database for every connection); this file system reopens it and retries.
        return kind == Kind.H2 ? "jdbc:h2:retry:" + h2Path.toAbsolutePath() + ";WRITE_DELAY=0" : url;
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + kind + " " + (kind == Kind.H2 ? h2Path : url) + "]";
    }
}
