package io.yielddelta.keeper.core.cycle;

import java.util.Optional;

/**
 * Whether a vault may rebalance right now. The trading state closes it for every vault while trading is halted,
 * reducing or in an emergency exit; a hedged vault's own hedge closes it for that vault while the hedge cannot run: a
 * rebalance changes the delta the hedge has to follow, so it must not happen while the hedge cannot.
 */
@FunctionalInterface
public interface RebalanceGate {

    /** Never closed: for runs without a hedge side (backtests of unhedged vaults, tests). */
    RebalanceGate OPEN = vault -> Optional.empty();

    /** Why {@code vault} may not rebalance now, or empty if it may go ahead. */
    Optional<String> closedBecause(CycleVault vault);
}
