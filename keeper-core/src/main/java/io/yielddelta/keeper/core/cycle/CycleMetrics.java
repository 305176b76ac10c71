package io.yielddelta.keeper.core.cycle;

import io.yielddelta.keeper.core.vault.VaultState;
import java.time.Duration;

/**
 * What the {@link KeeperCycle} reports as it runs, for metrics: each vault read, each scoring and what became of each
 * rebalance it decided. Records nothing by default; the kernel's metrics sink implements it.
 */
public interface CycleMetrics {

    /** {@code vault} was read from the chain (its price, TWAP, range and fees, for the dashboard). */
    default void vaultRead(String vault, VaultState state) {}

    /** The scorer answered for {@code vault} with {@code model} in {@code took}. */
    default void scored(String vault, String model, Duration took) {}

    /** The scorer failed for {@code vault} after {@code took}: the vault is skipped this cycle (its fallback today). */
    default void scoringFailed(String vault, Duration took) {}

    /** A rebalance of {@code vault} decided under {@code decisionId} reached {@code outcome}. */
    default void rebalance(String vault, String decisionId, RebalanceOutcome outcome) {}

    CycleMetrics NONE = new CycleMetrics() {};
}
