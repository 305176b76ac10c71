package io.yielddelta.keeper.app.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.app.store.SchemaMigrator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two keeper processes on one PostgreSQL database form a Quartz cluster: every vault's fire time runs on one of them;
 * after one is killed (SIGKILL, no goodbye), the other runs every vault's jobs, including the cycle the dead one was
 * in the middle of (recovered with its original fire time, and stopped from acting twice by the cycle's unique row).
 */
class KeeperSchedulerClusterIT {

    private static final int VAULTS = 4;

    private EmbeddedPostgres postgres;
    private final List<Process> members = new ArrayList<>();

    @BeforeEach
    void database() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().start();
        SchemaMigrator.migrate(db());
        try (Connection c = db().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE cluster_runs (vault VARCHAR(40), fire_time TIMESTAMP, instance VARCHAR(40), "
                    + "at TIMESTAMP DEFAULT clock_timestamp())");
            s.execute("CREATE TABLE cluster_acts (vault VARCHAR(40), fire_time TIMESTAMP, instance VARCHAR(40), "
                    + "PRIMARY KEY (vault, fire_time))");
        }
    }

    @AfterEach
    void stop() throws IOException, InterruptedException {
        for (Process p : members) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        postgres.close();
    }

    private DataSource db() {
        return postgres.getPostgresDatabase();
    }

    @Test
    void eachFireRunsOnOneKeeperAndTheSurvivorTakesOverFromAKilledOne() throws Exception {
        Process a = member("keeper-a");
        Process b = member("keeper-b");

        awaitCount(
                "SELECT COUNT(DISTINCT instance) FROM cluster_runs WHERE at > clock_timestamp() - interval '3 seconds'",
                2,
                Duration.ofSeconds(40));
        Instant killedAt = dbNow();
        a.destroyForcibly();
        assertThat(a.waitFor(10, TimeUnit.SECONDS)).isTrue();

        // Take-over: after the check-in interval and Quartz's grace period, keeper-b runs every vault on its own.
        String bAlone = "SELECT COUNT(DISTINCT vault) FROM cluster_runs WHERE instance = 'keeper-b' AND at > '"
                + killedAt.plusSeconds(10) + "'::timestamptz";
        awaitCount(bAlone, VAULTS, Duration.ofSeconds(45));
        assertThat(b.isAlive()).isTrue();
        // Stop keeper-b cleanly (it waits for running cycles), so the tables are quiet while they are checked.
        b.getOutputStream().close();
        assertThat(b.waitFor(30, TimeUnit.SECONDS)).isTrue();

        // A fire time ran on both keepers only if it was the last cycle keeper-a started for that vault, the one it
        // was killed in (recovered by keeper-b).
        long doubledElsewhere = count("SELECT COUNT(*) FROM (SELECT vault, fire_time FROM cluster_runs "
                + "GROUP BY vault, fire_time HAVING COUNT(DISTINCT instance) > 1) d WHERE d.fire_time <> (SELECT "
                + "MAX(r.fire_time) FROM cluster_runs r WHERE r.vault = d.vault AND r.instance = 'keeper-a')");
        assertThat(doubledElsewhere)
                .as(() -> "fire times run on both keepers: "
                        + rows(
                                "SELECT vault || ' ' || fire_time || ' ' || instance || ' ' || at FROM cluster_runs WHERE (vault, fire_time) IN "
                                        + "(SELECT vault, fire_time FROM cluster_runs GROUP BY vault, fire_time HAVING COUNT(DISTINCT instance) > 1)"
                                        + " ORDER BY at")
                        + " killed at " + killedAt)
                .isZero();
        // Every cycle that started acted exactly once, even the one cut off by the kill (recovered with its
        // scheduled fire time, so it maps to the same act row).
        long acts = count("SELECT COUNT(*) FROM cluster_acts");
        long distinctRuns = count("SELECT COUNT(*) FROM (SELECT DISTINCT vault, fire_time FROM cluster_runs) r");
        assertThat(acts)
                .as(() -> "runs without act: "
                        + rows("SELECT r.vault || ' ' || r.fire_time || ' ' || r.instance "
                                + "|| ' ' || r.at FROM cluster_runs r WHERE NOT EXISTS (SELECT 1 FROM cluster_acts a WHERE a.vault = r.vault "
                                + "AND a.fire_time = r.fire_time)")
                        + " killed at " + killedAt)
                .isEqualTo(distinctRuns);
        // No fire time was skipped after the take-over: each vault fires every second on keeper-b.
        long late =
                count("SELECT COUNT(*) FROM (SELECT vault, COUNT(*) n FROM cluster_runs WHERE instance = 'keeper-b' "
                        + "AND fire_time > '" + killedAt.plusSeconds(12)
                        + "'::timestamptz GROUP BY vault) v WHERE n < 2");
        assertThat(late).isZero();
    }

    private Process member(String instance) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(
                        java.toString(),
                        "-Xmx128m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ClusterMember.class.getName(),
                        postgres.getJdbcUrl("postgres", "postgres"),
                        "postgres",
                        instance,
                        Integer.toString(VAULTS))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .start();
        members.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Thread.ofVirtual().start(() -> out.lines().forEach(line -> System.out.println("[" + instance + "] " + line)));
        return p;
    }

    private void awaitCount(String sql, long expected, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            last = count(sql);
            if (last >= expected) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("waited " + within + " for " + expected + " from [" + sql + "], last " + last);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> rows(String sql) {
        List<String> rows = new ArrayList<>();
        try (Connection c = db().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        } catch (SQLException e) {
            rows.add(e.toString());
        }
        return rows;
    }

    private Instant dbNow() throws SQLException {
        try (Connection c = db().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT clock_timestamp()")) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }
}
