package io.yielddelta.keeper.core.risk;

/** The pre-trade check an order failed. */
public enum RiskCheck {
    HALTED,
    REDUCING_ONLY,
    ORDER_NOTIONAL,
    VAULT_POSITION,
    VENUE_POSITION,
    LEVERAGE
}
