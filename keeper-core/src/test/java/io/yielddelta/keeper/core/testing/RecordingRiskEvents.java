package io.yielddelta.keeper.core.testing;

import io.yielddelta.keeper.core.risk.RiskAlert;
import io.yielddelta.keeper.core.risk.RiskEvents;
import io.yielddelta.keeper.core.risk.TradingState;
import java.util.ArrayList;
import java.util.List;

/** Keeps every state change and alert for assertions. */
public final class RecordingRiskEvents implements RiskEvents {
    public record Change(TradingState from, TradingState to, String reason) {}

    public final List<Change> changes = new ArrayList<>();
    public final List<RiskAlert> alerts = new ArrayList<>();

    @Override
    public void stateChanged(TradingState from, TradingState to, String reason) {
        changes.add(new Change(from, to, reason));
    }

    @Override
    public void alert(RiskAlert alert) {
        alerts.add(alert);
    }
}
