/**
 * The chain gateway contract ({@link io.yielddelta.keeper.core.chain.ChainGateway}): batched vault reads, journaled
 * rebalance submission, transaction status.
 */
package io.yielddelta.keeper.core.chain;
