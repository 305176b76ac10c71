package io.yielddelta.keeper.app.schedule;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz with one cron job per vault, in a JDBC job store on the keeper's database (its tables are created by
 * {@code SchemaMigrator}). With {@code clustered}, keepers sharing a PostgreSQL database form one Quartz cluster: each
 * fire time runs on exactly one of them, and when one stops checking in, the others take its jobs over.
 *
 * <p>Misfire policy: <b>fire once now, then proceed</b> ({@code MISFIRE_INSTRUCTION_FIRE_ONCE_NOW}). After downtime
 * longer than the misfire threshold, each vault runs one catch-up cycle at once (for the most recent missed fire
 * time), not one per missed hour and not none: "do nothing" would leave an out-of-range vault for up to another full
 * period, beyond the roadmap's two-hour lag target, and replaying every missed hour would act on stale decisions.
 * Jobs request recovery, so a cycle cut off by a crash runs again elsewhere; its cycle id is the same and the journal
 * keeps it from acting twice.
 */
public final class KeeperScheduler implements AutoCloseable {

    /** Every keeper of one deployment shares this name: Quartz forms the cluster by it. */
    public static final String SCHEDULER_NAME = "yield-delta-keeper";

    static final String GROUP = "vaults";
    private static final Logger log = LoggerFactory.getLogger(KeeperScheduler.class);

    private final Scheduler scheduler;

    /**
     * @param instanceId   this keeper's id in the cluster (unique among the keepers)
     * @param checkinEvery how often a clustered keeper checks in; others take over after missing ~2 check-ins
     */
    public KeeperScheduler(
            DataSource dataSource,
            boolean postgres,
            boolean clustered,
            String instanceId,
            Duration checkinEvery,
            int threads,
            VaultCycleRunner runner) {
        Objects.requireNonNull(runner, "runner");
        String dataSourceName = "keeperDb-" + instanceId;
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new SharedDataSource(dataSource));
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, SCHEDULER_NAME);
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, instanceId);
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty(
                "org.quartz.jobStore.driverDelegateClass",
                postgres
                        ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
                        : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", Boolean.toString(clustered));
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(checkinEvery.toMillis()));
        // A fire more than a minute late counts as misfired and follows the misfire policy above.
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        try {
            StdSchedulerFactory factory = new StdSchedulerFactory(p);
            scheduler = factory.getScheduler();
            scheduler.getContext().put(VaultCycleJob.RUNNER, runner);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not create the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    /**
     * Makes the stored jobs match the configured vaults: adds new ones, reschedules a trigger only when its cron
     * changed (so a trigger's last fire and misfire state survive a restart), removes vaults no longer configured.
     * Keepers of a cluster starting together all call it; the first to store a job wins, the others keep it.
     */
    public void sync(List<ScheduledVault> vaults) {
        try {
            Set<JobKey> wanted = new HashSet<>();
            for (ScheduledVault vault : vaults) {
                JobKey jobKey = JobKey.jobKey(vault.name(), GROUP);
                wanted.add(jobKey);
                Trigger existing = scheduler.getTrigger(TriggerKey.triggerKey(vault.name(), GROUP));
                if (existing instanceof CronTrigger cron
                        && cron.getCronExpression().equals(vault.cron())) {
                    continue;
                }
                CronTrigger trigger = TriggerBuilder.newTrigger()
                        .withIdentity(vault.name(), GROUP)
                        .forJob(jobKey)
                        .withSchedule(CronScheduleBuilder.cronSchedule(vault.cron())
                                .inTimeZone(TimeZone.getTimeZone("UTC"))
                                .withMisfireHandlingInstructionFireAndProceed())
                        .build();
                if (existing != null) {
                    scheduler.rescheduleJob(existing.getKey(), trigger);
                } else {
                    JobDetail job = JobBuilder.newJob(VaultCycleJob.class)
                            .withIdentity(jobKey)
                            .usingJobData(VaultCycleJob.VAULT, vault.name())
                            .requestRecovery(true)
                            .storeDurably(false)
                            .build();
                    try {
                        // Never replace: a replaced trigger forgets its last fire and could fire that time again.
                        scheduler.scheduleJob(job, trigger);
                    } catch (ObjectAlreadyExistsException e) {
                        continue; // another keeper of the cluster, starting at the same moment, stored it first
                    }
                }
                log.info("scheduled vault {} with cron '{}'", vault.name(), vault.cron());
            }
            for (JobKey stored : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
                if (!wanted.contains(stored)) {
                    scheduler.deleteJob(stored);
                    log.info("unscheduled vault {}: no longer configured", stored.getName());
                }
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not store the vault jobs: " + e.getMessage(), e);
        }
    }

    /** The stored trigger of a vault's job, if any. */
    Optional<CronTrigger> trigger(String vaultName) {
        try {
            return Optional.ofNullable((CronTrigger) scheduler.getTrigger(TriggerKey.triggerKey(vaultName, GROUP)));
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not read the trigger of " + vaultName, e);
        }
    }

    public void start() {
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not start the scheduler: " + e.getMessage(), e);
        }
    }

    /** Stops, waiting for running cycles to finish so none is cut off between submit and record. */
    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            log.warn("scheduler shutdown failed", e);
        }
    }

    /** Quartz takes connections from the keeper's own pool; the pool is closed by its owner, not by Quartz. */
    private record SharedDataSource(DataSource dataSource) implements ConnectionProvider {
        @Override
        public java.sql.Connection getConnection() throws java.sql.SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // owned elsewhere
        }

        @Override
        public void initialize() {
            // nothing to set up
        }
    }
}
