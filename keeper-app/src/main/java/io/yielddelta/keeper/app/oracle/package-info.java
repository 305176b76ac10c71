/**
 * The aiOracle signer in its own trust domain: its policy checked before it signs a rebalance, run in-process (the
 * sandbox) or as its own process ({@code keeper oracle serve}) that the keeper asks over HTTP with a bearer token. See
 * {@code docs/contracts.md}.
 */
package io.yielddelta.keeper.app.oracle;
