/**
 * The independent price: each vault's Chainlink feed read on chain, and the check that the pool's TWAP, the feed and
 * the hedge venue's mark agree before a rebalance is signed.
 */
package io.yielddelta.keeper.app.chainlink;
