package io.yielddelta.keeper.app.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.yielddelta.keeper.app.store.DatabaseSettings;
import io.yielddelta.keeper.app.store.Databases;
import io.yielddelta.keeper.app.store.SchemaMigrator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronTrigger;

/** The vault jobs as stored in the embedded H2 job store (the scheduler is not started: nothing fires). */
class KeeperSchedulerTest {

    @TempDir
    Path dir;

    private HikariDataSource db;

    @BeforeEach
    void open() {
        db = Databases.open(DatabaseSettings.h2(dir.resolve("keeper")));
        SchemaMigrator.migrate(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private KeeperScheduler scheduler() {
        return new KeeperScheduler(db, false, false, "test", Duration.ofSeconds(15), 2, (vault, fireTime) -> {});
    }

    @Test
    void eachVaultGetsAUtcCronTriggerThatFiresOnceAfterAMisfireAndARecoverableJob() {
        try (KeeperScheduler s = scheduler()) {
            s.sync(List.of(
                    new ScheduledVault("eth-usdc", "0 0 * * * ?"), new ScheduledVault("btc-usdc", "0 30 * * * ?")));
            CronTrigger trigger = s.trigger("eth-usdc").orElseThrow();
            assertThat(trigger.getCronExpression()).isEqualTo("0 0 * * * ?");
            assertThat(trigger.getTimeZone().getID()).isEqualTo("UTC");
            assertThat(trigger.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
            assertThat(s.trigger("btc-usdc").orElseThrow().getCronExpression()).isEqualTo("0 30 * * * ?");
        }
    }

    @Test
    void aRestartKeepsAnUnchangedTriggerReschedulesAChangedOneAndDropsARemovedVault() {
        Date firstStart;
        try (KeeperScheduler s = scheduler()) {
            s.sync(List.of(
                    new ScheduledVault("eth-usdc", "0 0 * * * ?"), new ScheduledVault("btc-usdc", "0 0 * * * ?")));
            firstStart = s.trigger("eth-usdc").orElseThrow().getStartTime();
        }
        try (KeeperScheduler s = scheduler()) {
            s.sync(List.of(
                    new ScheduledVault("eth-usdc", "0 0 * * * ?"), new ScheduledVault("sei-usdc", "0 */15 * * * ?")));
            assertThat(s.trigger("eth-usdc").orElseThrow().getStartTime()).isEqualTo(firstStart);
            assertThat(s.trigger("btc-usdc")).isEmpty();
            assertThat(s.trigger("sei-usdc").orElseThrow().getCronExpression()).isEqualTo("0 */15 * * * ?");
            s.sync(List.of(new ScheduledVault("eth-usdc", "0 5 * * * ?")));
            assertThat(s.trigger("eth-usdc").orElseThrow().getCronExpression()).isEqualTo("0 5 * * * ?");
            assertThat(s.trigger("sei-usdc")).isEmpty();
        }
    }
}
