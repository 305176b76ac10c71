/**
 * The backtest: real hourly history replayed through the daemon's own decision code. {@link
 * io.yielddelta.keeper.core.backtest.Backtest} walks each hour along a seeded price path, moves the exact pools of
 * {@link io.yielddelta.keeper.core.backtest.SimulatedChain} (the backtest's {@code ChainGateway}), credits fees from
 * the calibrated {@link io.yielddelta.keeper.core.backtest.FeeModel}, streams the path to the hedge's simulated venues
 * and runs the keeper cycle at the close; the ledger splits every move into HODL, direction, LVR, fees, rebalance costs,
 * hedge P&amp;L, hedging costs and funding. See {@code docs/backtest.md}.
 */
package io.yielddelta.keeper.core.backtest;
