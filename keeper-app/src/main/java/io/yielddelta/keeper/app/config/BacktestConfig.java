package io.yielddelta.keeper.app.config;

import io.yielddelta.keeper.core.backtest.Backtest;
import java.nio.file.Path;
import java.util.List;

/**
 * A backtest's configuration: which market file to replay, the simulated pool and fee model, and the vaults.
 *
 * @param marketFile the hourly kline file's name inside the data directory given on the command line
 */
public record BacktestConfig(Path source, String marketFile, Backtest.Settings settings, List<Backtest.VaultSpec> vaults) {}
