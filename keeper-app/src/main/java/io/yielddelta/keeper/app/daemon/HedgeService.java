package io.yielddelta.keeper.app.daemon;

import io.yielddelta.keeper.app.hedge.HedgeLeadership;
import io.yielddelta.keeper.app.service.PeriodicService;
import io.yielddelta.keeper.core.kernel.Keeper;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hedge side, leader-aware: in a cluster only the keeper holding {@link HedgeLeadership} hedges (the others stand
 * by, and their rebalance gates read its reports). Every {@code maintainEvery} the leader runs the kernel's
 * maintenance pass; a keeper that loses the lead stops hedging at once.
 */
final class HedgeService extends PeriodicService {

    private static final Logger log = LoggerFactory.getLogger(HedgeService.class);

    private final Keeper kernel;
    private final HedgeLeadership leadership;
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    HedgeService(Keeper kernel, HedgeLeadership leadership, Duration maintainEvery) {
        super("hedging", Duration.ZERO, maintainEvery);
        this.kernel = kernel;
        this.leadership = leadership;
    }

    /** Completes once this keeper hedges (after its first maintenance pass as the leader). */
    CompletableFuture<Void> started() {
        return started;
    }

    @Override
    protected Health runOnce() {
        if (!leadership.leads()) {
            if (kernel.hedging()) {
                log.warn("hedge leadership lost; this keeper stops hedging");
                kernel.stopHedging();
            }
            return Health.of(State.RUNNING, "standby: another keeper of the cluster hedges");
        }
        kernel.startHedging();
        kernel.maintain();
        started.complete(null);
        Map<String, String> down = kernel.hedgesDown();
        return down.isEmpty()
                ? Health.of(
                        State.RUNNING,
                        "hedging " + kernel.settings().hedgedVaults().size() + " vault(s)")
                : Health.of(State.DEGRADED, "hedge down, rebalancing stopped for " + down);
    }

    @Override
    protected void stopped() {
        kernel.stopHedging();
        leadership.close();
    }
}
