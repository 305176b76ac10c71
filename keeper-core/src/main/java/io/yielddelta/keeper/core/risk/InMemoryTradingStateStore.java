package io.yielddelta.keeper.core.risk;

import java.time.Clock;

/** The trading state of one process that shares it with nobody: backtests and dry runs. */
public final class InMemoryTradingStateStore implements TradingStateStore {

    private final Clock clock;
    private Stored stored;

    public InMemoryTradingStateStore(Clock clock) {
        this.clock = clock;
        this.stored = new Stored(TradingState.ACTIVE, false, "initial state", 0, clock.instant());
    }

    /** Starts from a state read elsewhere (a dry run shows what the running keepers would do). */
    public InMemoryTradingStateStore(Clock clock, Stored initial) {
        this.clock = clock;
        this.stored = initial;
    }

    @Override
    public synchronized Stored load() {
        return stored;
    }

    @Override
    public synchronized Stored save(TradingState state, boolean emergencyExit, String reason) {
        if (state != stored.state() || emergencyExit != stored.emergencyExit()) {
            stored = new Stored(state, emergencyExit, reason, stored.version() + 1, clock.instant());
        }
        return stored;
    }
}
