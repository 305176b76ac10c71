package io.yielddelta.keeper.app.daemon;

import io.yielddelta.keeper.app.service.PeriodicService;
import io.yielddelta.keeper.core.risk.TradingControl;
import io.yielddelta.keeper.core.risk.TradingStateStore;
import java.time.Duration;

/** Every second, the trading state stored by another keeper, the CLI or the admin endpoint takes effect here. */
final class TradingStateSync extends PeriodicService {

    private final TradingControl trading;

    TradingStateSync(TradingControl trading) {
        super("trading-state", Duration.ZERO, Duration.ofSeconds(1));
        this.trading = trading;
    }

    @Override
    protected Health runOnce() {
        TradingStateStore.Stored stored = trading.sync();
        return Health.of(
                State.RUNNING,
                "trading " + stored.state() + (stored.emergencyExit() ? " after an emergency exit" : "") + " since "
                        + stored.changedAt() + ": " + stored.reason());
    }
}
