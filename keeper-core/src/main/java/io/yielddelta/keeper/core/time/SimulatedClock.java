package io.yielddelta.keeper.core.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Replayed time, set by the replay as it goes: the backtest's, and the sandbox's (its keeper and its paper venue
 * both live in the replayed history's time). Read from any thread.
 */
public final class SimulatedClock extends Clock {
    private volatile Instant now;

    public SimulatedClock(Instant start) {
        this.now = start;
    }

    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulated clock is UTC only");
    }
}
