package io.yielddelta.keeper.app.hedge;

import io.yielddelta.keeper.core.risk.RiskAlert;
import io.yielddelta.keeper.core.risk.RiskEvents;
import io.yielddelta.keeper.core.risk.TradingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Risk events as structured log lines: trading-state changes at WARN, alerts (collateral low with the suggested
 * transfer, liquidation near, daily loss, blocked orders) at WARN with their fields. The daemon fans the same events
 * out to the metrics and the dashboard and to Sentry ({@code observability.Monitoring.riskEvents}).
 */
public final class LoggedRiskEvents implements RiskEvents {

    private static final Logger log = LoggerFactory.getLogger(LoggedRiskEvents.class);

    @Override
    public void stateChanged(TradingState from, TradingState to, String reason) {
        log.atWarn()
                .addKeyValue("trading_state", to)
                .addKeyValue("previous_state", from)
                .log("trading state {} -> {}: {}", from, to, reason);
    }

    @Override
    public void alert(RiskAlert alert) {
        log.atWarn().addKeyValue("risk_alert", alert.getClass().getSimpleName()).log("risk alert: {}", alert);
    }
}
