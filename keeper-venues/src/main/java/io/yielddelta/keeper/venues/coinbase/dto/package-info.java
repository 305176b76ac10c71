/**
 * Coinbase Advanced Trade requests and responses exactly as the API defines them. Fields are camelCase here and
 * snake_case on the wire ({@link io.yielddelta.keeper.venues.coinbase.CoinbaseJson}); null fields are left out, as the
 * SDK drops None values. Amounts stay decimal strings as Coinbase sends them; the adapter turns them into BigDecimal.
 */
package io.yielddelta.keeper.venues.coinbase.dto;
