package io.yielddelta.keeper.core.kernel;

import io.yielddelta.keeper.core.cycle.Decision;
import io.yielddelta.keeper.core.hedge.HedgeResult;
import java.time.Duration;
import java.util.List;

/** Where the kernel reports what it does, for metrics (Micrometer in keeper-app); records nothing by default. */
public interface KeeperMetrics {

    /** A cycle over some vaults ran, with the decisions it took, in {@code took}. */
    default void cycleRan(List<Decision> decisions, Duration took) {}

    /** One hedge pass of {@code vault}. */
    default void hedgePass(String vault, HedgeResult result) {}

    /** Whether {@code vault}'s hedge runs (or it does not hedge) and may rebalance. */
    default void hedgeHealth(String vault, boolean healthy) {}

    KeeperMetrics NONE = new KeeperMetrics() {};
}
