package io.yielddelta.keeper.core.cycle;

import java.util.Optional;

/**
 * Whether rebalancing may go ahead right now. The risk engine closes it while trading is halted, reducing or in an
 * emergency exit: a rebalance changes the delta the hedge has to follow, so it must not happen while the hedge cannot.
 */
@FunctionalInterface
public interface RebalanceGate {

    /** Never closed: for runs without a hedge side (backtests of unhedged vaults, tests). */
    RebalanceGate OPEN = Optional::empty;

    /** Why rebalancing is stopped now, or empty if it may go ahead. */
    Optional<String> closedBecause();
}
