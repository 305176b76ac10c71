package io.yielddelta.keeper.core.risk;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;

/**
 * The trading state of every keeper of a deployment: the risk engine's state, kept in step with the
 * {@link TradingStateStore}. An operator's halt, resume or exit (through this class, the admin endpoint or the CLI
 * from another process) and the engine's own moves (the daily loss limit) are stored; a change stored elsewhere is
 * picked up by {@link #sync}.
 */
public final class TradingControl implements RiskEvents {

    private final TradingStateStore store;
    private final RiskEvents downstream;
    private final RiskEngine engine;
    private long appliedVersion = -1;
    private boolean applying;

    public TradingControl(
            TradingStateStore store,
            RiskLimits limits,
            Map<String, BigDecimal> vaultCaps,
            Clock clock,
            RiskEvents downstream) {
        this.store = store;
        this.downstream = downstream;
        this.engine = new RiskEngine(limits, vaultCaps, clock, this);
        sync();
    }

    public RiskEngine engine() {
        return engine;
    }

    /** Kill switch: takes effect for the very next order in this process, then for every keeper on the database. */
    public synchronized TradingStateStore.Stored halt(String reason) {
        return apply(() -> engine.halt(reason), reason);
    }

    public synchronized TradingStateStore.Stored resume(String reason) {
        return apply(() -> engine.resume(reason), reason);
    }

    /** Stops rebalancing and lets only closing orders through; the caller closes the hedges. */
    public synchronized TradingStateStore.Stored exit(String reason) {
        return apply(() -> engine.emergencyExit(reason), "emergency exit: " + reason);
    }

    /** Applies the stored state if it changed since this process last applied or stored it. */
    public synchronized TradingStateStore.Stored sync() {
        TradingStateStore.Stored stored = store.load();
        if (stored.version() != appliedVersion) {
            applying = true;
            try {
                engine.restore(stored.state(), stored.emergencyExit(), stored.reason());
            } finally {
                applying = false;
            }
            appliedVersion = stored.version();
        }
        return stored;
    }

    private TradingStateStore.Stored apply(Runnable change, String reason) {
        applying = true;
        try {
            change.run();
        } finally {
            applying = false;
        }
        TradingStateStore.Stored stored = store.save(engine.state(), engine.emergencyExitInForce(), reason);
        appliedVersion = stored.version();
        return stored;
    }

    @Override
    public void stateChanged(TradingState from, TradingState to, String reason) {
        downstream.stateChanged(from, to, reason);
        synchronized (this) {
            if (!applying) {
                // The engine moved by itself (daily loss limit): every keeper must follow.
                appliedVersion =
                        store.save(to, engine.emergencyExitInForce(), reason).version();
            }
        }
    }

    @Override
    public void alert(RiskAlert alert) {
        downstream.alert(alert);
    }
}
