/**
 * One keeper cycle: observe every vault in one batched read, score, decide, act and journal, behind the
 * {@link io.yielddelta.keeper.core.cycle.RebalanceGate}; the journal's types and its reconciliation with the chain.
 */
package io.yielddelta.keeper.core.cycle;
