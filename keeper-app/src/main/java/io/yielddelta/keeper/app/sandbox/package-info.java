/**
 * {@code keeper sandbox}: a local chain with the real Uniswap V3 contracts, replayed market history and the real
 * daemon keeping a vault rebalanced and hedged on a paper venue.
 */
package io.yielddelta.keeper.app.sandbox;
