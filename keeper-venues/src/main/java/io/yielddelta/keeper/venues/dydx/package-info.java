/**
 * dYdX v4 behind {@link io.yielddelta.keeper.core.venue.HedgeVenue}.
 *
 * <ul>
 *   <li>{@link io.yielddelta.keeper.venues.dydx.DydxVenue}: the front, delegating orders to {@code DydxTrading} and
 *       reading markets, positions, margin and fills from the indexer; it owns the streams.
 *   <li>The raw API, answered in the {@code dto} records: {@code DydxIndexer} (the indexer's /v4 REST) and
 *       {@code DydxNode} (a node's REST gateway: account, latest block, broadcast), both over {@code DydxRestClient}
 *       and the shared transport's outcome rule; {@code DydxAdapters} maps them onto the core's types.
 *   <li>{@code DydxTrading} builds, signs ({@code DydxOrderSigner}, {@code DydxWallet}) and broadcasts orders and
 *       cancels through {@code DydxTransactions} (sequence cache, CheckTx codes); {@code DydxOrderIds} computes the
 *       indexer's order ids and {@code DydxClientIds} maps them back to the keeper's client ids, from memory or, after
 *       a restart, from the journal.
 *   <li>{@code DydxStream} writes the indexer's WebSocket messages on the shared stream.
 * </ul>
 *
 * Proven by {@code DydxVectorsTest} (the official vectors in {@code ../shared/vectors/dydx.json}) and by
 * {@code DydxVenueTest} against a local indexer and node that check every transaction's signature and sequence.
 */
package io.yielddelta.keeper.venues.dydx;
