package io.yielddelta.keeper.app.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.SQLException;
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
        KeeperTables.drop(dataSource());
    }

    @Override
    DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }
}
