package io.yielddelta.keeper.app.daemon;

import io.yielddelta.keeper.app.schedule.KeeperScheduler;
import io.yielddelta.keeper.app.schedule.ScheduledVault;
import io.yielddelta.keeper.app.service.Service;
import java.util.List;
import java.util.function.Supplier;

/** The Quartz schedule: one job per vault, started last, once the journal is reconciled. */
final class ScheduleService implements Service {

    private final Supplier<KeeperScheduler> scheduler;
    private final List<ScheduledVault> vaults;
    private KeeperScheduler running;
    private volatile Health health = Health.of(State.NEW, "not started");

    /** @param scheduler opens the scheduler (its thread pool starts with it): called at {@link #start} */
    ScheduleService(Supplier<KeeperScheduler> scheduler, List<ScheduledVault> vaults) {
        this.scheduler = scheduler;
        this.vaults = List.copyOf(vaults);
    }

    @Override
    public String name() {
        return "schedule";
    }

    @Override
    public synchronized void start() {
        if (running != null) {
            return;
        }
        running = scheduler.get();
        running.sync(vaults);
        running.start();
        health = Health.of(State.RUNNING, vaults.size() + " vault job(s) scheduled");
    }

    @Override
    public synchronized void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
        health = Health.of(State.STOPPED, "stopped");
    }

    @Override
    public Health health() {
        return health;
    }
}
