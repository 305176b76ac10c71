package io.yielddelta.keeper.core.risk;

/** Listener for state changes and alerts; keeper-app forwards them to the log, metrics and Sentry. */
public interface RiskEvents {

    void stateChanged(TradingState from, TradingState to, String reason);

    void alert(RiskAlert alert);

    /** Ignores everything: for backtests that only read the outcome. */
    RiskEvents NONE = new RiskEvents() {
        @Override
        public void stateChanged(TradingState from, TradingState to, String reason) {}

        @Override
        public void alert(RiskAlert alert) {}
    };
}
