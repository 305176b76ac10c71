/**
 * Historical market data for replays: hourly bars with gaps and bad rows named by file and line, funding history,
 * the marks streamed within an hour.
 */
package io.yielddelta.keeper.core.market;
