package io.yielddelta.keeper.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal on the embedded H2 file database, the default. */
class JdbcKeeperStoreTest extends KeeperStoreContract {

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

    @Test
    void theJournalSurvivesAReopenOfTheFileAndMigratesOnlyOnce() {
        store().recordDecision(rebalance(FIRE));
        dataSource.close();
        dataSource = Databases.open(DatabaseSettings.h2(dir.resolve("keeper")));
        JdbcKeeperStore reopened = store();
        assertThat(reopened.openEntries()).hasSize(1);
        assertThat(reopened.hasCycle(rebalance(FIRE).id())).isTrue();
    }
}
