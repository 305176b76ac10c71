/**
 * {@code keeper backtest}: reads the backtest file and the history, runs keeper-core's backtest (over several path
 * seeds when asked) on paper venues, and writes the table, the JSON metrics and the self-contained HTML report.
 */
package io.yielddelta.keeper.app.backtest;
