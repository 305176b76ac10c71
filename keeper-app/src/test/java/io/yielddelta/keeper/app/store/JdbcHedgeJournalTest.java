package io.yielddelta.keeper.app.store;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The hedge journal on the embedded H2 file database, the default. */
class JdbcHedgeJournalTest extends HedgeJournalContract {

    @TempDir
    Path dir;

    private HikariDataSource dataSource;

    @BeforeEach
    void open() {
        dataSource = Databases.open(DatabaseSettings.h2(dir.resolve("keeper")));
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Override
    DataSource dataSource() {
        return dataSource;
    }
}
