/**
 * The web3j side of the chain gateway: Multicall3 batched reads, RPC fail-over, fee estimation, and the transaction
 * manager (nonces, replacement, confirmations, journaled broadcasts).
 */
package io.yielddelta.keeper.app.chain;
