/**
 * The risk engine (limits, trading states ACTIVE / REDUCING / HALTED, the daily loss and margin watch), the shared
 * trading state ({@link io.yielddelta.keeper.core.risk.TradingControl} over a
 * {@link io.yielddelta.keeper.core.risk.TradingStateStore}) and the alerts on-call should hear of.
 */
package io.yielddelta.keeper.core.risk;
