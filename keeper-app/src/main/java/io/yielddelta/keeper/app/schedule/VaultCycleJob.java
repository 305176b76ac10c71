package io.yielddelta.keeper.app.schedule;

import java.time.Instant;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One vault's job. The cycle id comes from the <em>scheduled</em> fire time, so a misfired run, or a run recovered by
 * another cluster member after this one died mid-job, carries the id of the cycle it stands for and the journal
 * keeps it from acting twice.
 */
@DisallowConcurrentExecution
public final class VaultCycleJob implements Job {

    static final String RUNNER = "vaultCycleRunner";
    static final String VAULT = "vault";
    private static final Logger log = LoggerFactory.getLogger(VaultCycleJob.class);

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        String vault = context.getMergedJobDataMap().getString(VAULT);
        Instant scheduled = scheduledFireTime(context);
        try {
            VaultCycleRunner runner =
                    (VaultCycleRunner) context.getScheduler().getContext().get(RUNNER);
            runner.run(vault, scheduled);
        } catch (SchedulerException e) {
            throw new JobExecutionException("scheduler context unavailable", e);
        } catch (RuntimeException e) {
            // The journal holds what happened; the next fire time is a new cycle. Never re-fire immediately.
            log.error("cycle for vault {} at {} failed", vault, scheduled, e);
        }
    }

    static Instant scheduledFireTime(JobExecutionContext context) {
        if (context.isRecovering()) {
            // The scheduled time, not the actual (slightly later) one: it is what the cycle id was made from.
            String original = context.getMergedJobDataMap()
                    .getString(org.quartz.Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS);
            if (original != null) {
                return Instant.ofEpochMilli(Long.parseLong(original));
            }
        }
        return context.getScheduledFireTime().toInstant();
    }
}
