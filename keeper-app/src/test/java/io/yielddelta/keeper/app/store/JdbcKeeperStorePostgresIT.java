package io.yielddelta.keeper.app.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The journal on a real PostgreSQL server (embedded, started from a Maven artifact). */
class JdbcKeeperStorePostgresIT extends KeeperStoreContract {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS keeper_journal, keeper_sent_transaction, keeper_hedge_order, "
                    + "keeper_hedge_position, keeper_hedge_discrepancy, keeper_schema_version");
        }
    }

    @Override
    DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }
}
