/**
 * Hyperliquid perpetuals behind {@link io.yielddelta.keeper.core.venue.HedgeVenue}.
 *
 * <ul>
 *   <li>{@link io.yielddelta.keeper.venues.hyperliquid.HyperliquidVenue}: the adapter (market data, orders, positions,
 *       margin, leverage, USDC transfers, streams), mapping the raw API in {@code dto} onto the core's types through
 *       {@code HyperliquidAdapters}.
 *   <li>{@link io.yielddelta.keeper.venues.hyperliquid.HyperliquidRequestSigner} builds and signs exchange bodies with
 *       no I/O; {@link io.yielddelta.keeper.venues.hyperliquid.HyperliquidSigner} holds the key and implements both
 *       signing schemes; {@link io.yielddelta.keeper.venues.hyperliquid.MsgPackWriter} packs actions exactly as the
 *       Python SDK; {@link io.yielddelta.keeper.venues.hyperliquid.HyperliquidNumbers} applies the price/size rules.
 *   <li>{@code HyperliquidRestClient} maps HTTP outcomes to the core's errors (429 → rate limited, 5xx or failure
 *       before the body was written → unavailable, failure after → unknown outcome, refusals → rejected);
 *       {@code HyperliquidStream} keeps one WebSocket alive (ping, reconnect, resubscribe) and {@code FillFeed}
 *       delivers each fill once, recovering through REST what a dropped stream missed.
 * </ul>
 *
 * Proven by {@code HyperliquidVectorsTest} (every official SDK vector in {@code ../shared/vectors/hyperliquid.json})
 * and by {@code HyperliquidVenueTest} against a local venue that authenticates each request by recovering its signer.
 * Build + sign time per order (keeper-core installed): {@code ./mvnw -q -pl keeper-venues -Pbench verify
 * -DskipTests -Dbench=HyperliquidOrderBenchmark}.
 */
package io.yielddelta.keeper.venues.hyperliquid;
