package io.yielddelta.keeper.core.kernel;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Hedge reports kept in one process: backtests, and keepers that share them with nobody. */
public final class InMemoryHedgeStatusStore implements HedgeStatusStore {

    private final Clock clock;
    private final Map<String, Status> statuses = new ConcurrentHashMap<>();

    public InMemoryHedgeStatusStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void report(String vault, Optional<String> downBecause) {
        statuses.put(vault, new Status(vault, downBecause, clock.instant()));
    }

    @Override
    public Optional<Status> read(String vault) {
        return Optional.ofNullable(statuses.get(vault));
    }
}
