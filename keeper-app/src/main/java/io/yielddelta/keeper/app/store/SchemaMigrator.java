package io.yielddelta.keeper.app.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and migrates the keeper's tables at start: numbered scripts under {@code db/}, each applied once and recorded
 * in {@code keeper_schema_version}, and Quartz's job-store tables from the DDL shipped in the Quartz jar when they are
 * missing. All in one transaction; on PostgreSQL an advisory lock serialises keepers that start together.
 */
public final class SchemaMigrator {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);
    /** In order; never edit a released script, add the next one. */
    private static final List<String> SCRIPTS = List.of(
            "db/V1__journal.sql", "db/V2__hedge_journal.sql", "db/V3__trading_state.sql", "db/V4__hedge_status.sql");

    private static final long ADVISORY_LOCK = 0x6b65657065724dL; // "keeperM"

    private SchemaMigrator() {}

    public static void migrate(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            boolean postgres =
                    c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            c.setAutoCommit(false);
            try {
                if (postgres) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK + ")");
                    }
                }
                if (!tableExists(c, "keeper_schema_version")) {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE TABLE keeper_schema_version (version INTEGER NOT NULL PRIMARY KEY)");
                    }
                }
                int current = currentVersion(c);
                for (int version = current + 1; version <= SCRIPTS.size(); version++) {
                    for (String statement : statements(SCRIPTS.get(version - 1))) {
                        try (Statement s = c.createStatement()) {
                            s.execute(statement);
                        }
                    }
                    try (PreparedStatement p =
                            c.prepareStatement("INSERT INTO keeper_schema_version (version) VALUES (?)")) {
                        p.setInt(1, version);
                        p.executeUpdate();
                    }
                    log.info("journal schema migrated to version {}", version);
                }
                if (!tableExists(c, "qrtz_locks")) {
                    String script =
                            "org/quartz/impl/jdbcjobstore/" + (postgres ? "tables_postgres.sql" : "tables_h2.sql");
                    for (String statement : statements(script)) {
                        String verb = statement.split("\\s+", 2)[0].toUpperCase();
                        if (verb.equals("DROP") || verb.equals("COMMIT")) {
                            continue; // the tables are known to be absent; the transaction is ours
                        }
                        try (Statement s = c.createStatement()) {
                            s.execute(statement);
                        }
                    }
                    log.info("Quartz job-store tables created");
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("could not create or migrate the journal schema: " + e.getMessage(), e);
        }
    }

    /** Whether the database already holds the current schema, so reading it changes nothing (dry runs). */
    public static boolean isCurrent(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return tableExists(c, "keeper_schema_version")
                    && tableExists(c, "qrtz_locks")
                    && currentVersion(c) == SCRIPTS.size();
        } catch (SQLException e) {
            throw new StoreException("could not read the journal schema's version: " + e.getMessage(), e);
        }
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        for (String name : new String[] {table, table.toUpperCase()}) {
            try (ResultSet rs = meta.getTables(null, null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM keeper_schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static List<String> statements(String resource) {
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema script " + resource);
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^\\s*--.*$", "");
            return Arrays.stream(sql.split(";"))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
