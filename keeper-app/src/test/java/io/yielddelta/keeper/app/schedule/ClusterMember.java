package io.yielddelta.keeper.app.schedule;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One keeper process of the cluster test: a clustered {@link KeeperScheduler} whose vault jobs record each run in
 * {@code cluster_runs} and "act" only if they win the cycle's row in {@code cluster_acts} (the journal's unique cycle
 * id in miniature). It stops when its standard input closes, so it never outlives the test.
 *
 * <p>Arguments: JDBC URL, user, instance id, vault count.
 */
public final class ClusterMember {

    public static void main(String[] args) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setUsername(args[1]);
        config.setMaximumPoolSize(6);
        String instance = args[2];
        int vaults = Integer.parseInt(args[3]);
        try (HikariDataSource db = new HikariDataSource(config)) {
            VaultCycleRunner runner = (vault, fireTime) -> {
                try (Connection c = db.getConnection()) {
                    try (PreparedStatement p = c.prepareStatement(
                            "INSERT INTO cluster_runs (vault, fire_time, instance) VALUES (?, ?, ?)")) {
                        p.setString(1, vault);
                        p.setTimestamp(2, Timestamp.from(fireTime));
                        p.setString(3, instance);
                        p.executeUpdate();
                    }
                    try (PreparedStatement p =
                            c.prepareStatement("INSERT INTO cluster_acts (vault, fire_time, instance) "
                                    + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                        p.setString(1, vault);
                        p.setTimestamp(2, Timestamp.from(fireTime));
                        p.setString(3, instance);
                        p.executeUpdate();
                    }
                    Thread.sleep(150); // a cycle takes a while: a kill may land in the middle of one
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            try (KeeperScheduler scheduler =
                    new KeeperScheduler(db, true, true, instance, Duration.ofSeconds(1), 4, runner)) {
                List<ScheduledVault> jobs = new ArrayList<>();
                for (int i = 0; i < vaults; i++) {
                    jobs.add(new ScheduledVault("vault-" + i, "* * * * * ?"));
                }
                scheduler.sync(jobs);
                scheduler.start();
                System.out.println("started " + instance);
                System.out.flush();
                while (System.in.read() != -1) {
                    // wait for the test to close our input
                }
            }
        }
    }
}
