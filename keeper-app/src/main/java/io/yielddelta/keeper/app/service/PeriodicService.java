package io.yielddelta.keeper.app.service;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service that does one thing every period on a thread of its own, from {@link #start} until {@link #stop}. A
 * failed pass is logged, shown in the health, and tried again at the next period.
 */
public abstract class PeriodicService implements Service {

    private static final Logger log = LoggerFactory.getLogger(PeriodicService.class);

    private final String name;
    private final Duration initialDelay;
    private final Duration period;
    private ScheduledExecutorService executor;
    private volatile Health health = Health.of(State.NEW, "not started");

    protected PeriodicService(String name, Duration initialDelay, Duration period) {
        this.name = name;
        this.initialDelay = initialDelay;
        this.period = period;
    }

    /** One pass; returns the health it leaves the service in. */
    protected abstract Health runOnce();

    /** Called once after the last pass (release what the passes held). */
    protected void stopped() {}

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        health = Health.of(State.STARTING, "first pass due in " + initialDelay);
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "keeper-" + name);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::pass, initialDelay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pass() {
        try {
            health = runOnce();
        } catch (RuntimeException e) {
            log.warn("{} failed, retrying in {}: {}", name, period, e.toString());
            health = Health.of(State.DEGRADED, "last pass failed: " + e.getMessage());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = executor;
            executor = null;
            if (running == null || health.state() == State.STOPPED) {
                health = Health.of(State.STOPPED, "stopped");
                return;
            }
        }
        running.shutdownNow();
        try {
            if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("{} did not stop within 10 s", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopped();
        health = Health.of(State.STOPPED, "stopped");
    }

    @Override
    public Health health() {
        return health;
    }
}
