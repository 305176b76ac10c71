/**
 * The vault as the keeper sees it: its state as read from the chain, its range, the contract's guards and the
 * rebalance order the oracle signs.
 */
package io.yielddelta.keeper.core.vault;
