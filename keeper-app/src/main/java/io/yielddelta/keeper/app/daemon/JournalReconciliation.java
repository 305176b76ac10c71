package io.yielddelta.keeper.app.daemon;

import io.yielddelta.keeper.app.service.Service;
import io.yielddelta.keeper.core.cycle.JournalEntry;
import io.yielddelta.keeper.core.cycle.JournalReconciler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the journal in line with the chain before anything acts: every open row is looked up on chain, and the start
 * returns only once none is left open (retried every {@code retryEvery}). Until then the keeper does not schedule or
 * hedge; its health says how many rows are still open, or why the chain cannot answer.
 */
final class JournalReconciliation implements Service {

    private static final Logger log = LoggerFactory.getLogger(JournalReconciliation.class);

    private final JournalReconciler reconciler;
    private final Duration retryEvery;
    private final CompletableFuture<Void> reconciled = new CompletableFuture<>();
    private ScheduledExecutorService executor;
    private volatile Health health = Health.of(State.NEW, "not started");

    JournalReconciliation(JournalReconciler reconciler, Duration retryEvery) {
        this.reconciler = reconciler;
        this.retryEvery = retryEvery;
    }

    @Override
    public String name() {
        return "journal";
    }

    @Override
    public void start() throws Exception {
        synchronized (this) {
            if (executor != null) {
                throw new IllegalStateException("already started");
            }
            health = Health.of(State.STARTING, "reconciling the journal with the chain");
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "keeper-reconcile");
                t.setDaemon(true);
                return t;
            });
            executor.execute(this::attempt);
        }
        try {
            reconciled.get();
        } catch (CancellationException e) {
            throw new IllegalStateException("stopped before the journal was reconciled", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "journal reconciliation failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            executor.shutdown();
        }
    }

    private void attempt() {
        if (reconciled.isDone()) {
            return;
        }
        try {
            List<JournalEntry> open = reconciler.reconcile();
            if (open.isEmpty()) {
                health = Health.of(State.RUNNING, "journal reconciled with the chain");
                reconciled.complete(null);
                return;
            }
            health = Health.of(State.STARTING, open.size() + " journal row(s) still open on chain; not acting yet");
            log.warn(
                    "{} journal row(s) still open on chain; not scheduling yet, retrying in {}",
                    open.size(),
                    retryEvery);
        } catch (RuntimeException e) {
            health = Health.of(State.STARTING, "cannot reconcile the journal yet: " + e.getMessage());
            log.warn("cannot reconcile the journal yet, retrying in {}: {}", retryEvery, e.toString());
        }
        executor.schedule(this::attempt, retryEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        reconciled.cancel(false);
        synchronized (this) {
            if (executor != null) {
                executor.shutdownNow();
            }
        }
        health = Health.of(State.STOPPED, "stopped");
    }

    @Override
    public Health health() {
        return health;
    }
}
