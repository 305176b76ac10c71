package io.yielddelta.keeper.core.risk;

import java.time.Instant;

/**
 * Where the trading state shared by every keeper of a deployment lives: a database row in production (several
 * keepers and the operator's commands see one state), memory in a backtest.
 */
public interface TradingStateStore {

    /** @param version grows with every change; 0 for the initial ACTIVE state */
    record Stored(TradingState state, boolean emergencyExit, String reason, long version, Instant changedAt) {}

    Stored load();

    /** Writes a new state unless it is already the stored one; returns what is stored afterwards. */
    Stored save(TradingState state, boolean emergencyExit, String reason);
}
