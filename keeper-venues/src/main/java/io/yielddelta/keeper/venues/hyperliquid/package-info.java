/**
 * Hyperliquid perpetuals behind {@link io.yielddelta.keeper.core.venue.HedgeVenue}.
 *
 * <ul>
 *   <li>{@link io.yielddelta.keeper.venues.hyperliquid.HyperliquidVenue}: the front, delegating market data to
 *       {@code HyperliquidMarkets} (asset indexes, live contexts), orders to {@code HyperliquidTrading} (sign, send,
 *       read the status, look up by oid or cloid) and account reads to the raw client; it owns the streams.
 *   <li>{@code HyperliquidRestClient} is the raw API: /info requests and /exchange actions exactly as the venue defines
 *       them, answered in the {@code dto} records, with {@code HyperliquidRateLimiter}'s weight budget and the shared
 *       transport's outcome rule; {@code HyperliquidAdapters} maps the DTOs onto the core's types.
 *   <li>{@code HyperliquidRequestSigner} builds and signs exchange bodies with no I/O;
 *       {@link io.yielddelta.keeper.venues.hyperliquid.HyperliquidSigner} holds the key and implements both signing
 *       schemes; {@code MsgPackWriter} packs actions exactly as the Python SDK; {@code HyperliquidNumbers} applies the
 *       price/size rules.
 *   <li>{@code HyperliquidStream} writes Hyperliquid's WebSocket messages on the shared stream (ping, reconnect,
 *       resubscribe); the shared {@code FillFeed} delivers each fill once, recovering through REST what a dropped
 *       stream missed.
 * </ul>
 *
 * Proven by {@code HyperliquidVectorsTest} (every official SDK vector in {@code ../shared/vectors/hyperliquid.json})
 * and by {@code HyperliquidVenueTest} against a local venue that authenticates each request by recovering its signer.
 * Build + sign time per order (keeper-core installed): {@code ./mvnw -q -pl keeper-venues -Pbench verify
 * -DskipTests -Dbench=HyperliquidOrderBenchmark}.
 */
package io.yielddelta.keeper.venues.hyperliquid;
