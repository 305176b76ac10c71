package io.yielddelta.keeper.core.kernel;

import io.yielddelta.keeper.core.cycle.CycleMetrics;
import io.yielddelta.keeper.core.cycle.Decision;
import io.yielddelta.keeper.core.hedge.HedgeResult;
import io.yielddelta.keeper.core.hedge.VaultExposure;
import io.yielddelta.keeper.core.venue.FundingRate;
import io.yielddelta.keeper.core.venue.Margin;
import io.yielddelta.keeper.core.venue.Position;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where the kernel reports what it does, for metrics and the dashboard (Micrometer in keeper-app): the cycle's events
 * ({@link CycleMetrics}), every hedge pass, each hedge's health and what the risk watch reads from the venues.
 * Records nothing by default. Called on the cycle's, the streams' and the maintenance pass's threads.
 */
public interface KeeperMetrics extends CycleMetrics {

    /** A cycle over some vaults ran, with the decisions it took, in {@code took}. */
    default void cycleRan(List<Decision> decisions, Duration took) {}

    /** One hedge pass of {@code vault}: the exposure it hedged (at the mark) and what it did. */
    default void hedgePass(String vault, VaultExposure exposure, HedgeResult result) {}

    /** Whether {@code vault}'s hedge runs (or it does not hedge) and may rebalance. */
    default void hedgeHealth(String vault, boolean healthy) {}

    /**
     * A venue's account as the risk watch read it.
     *
     * @param marks the mark of each hedged market, for liquidation distances
     */
    default void venueWatched(String venue, Margin margin, List<Position> positions, Map<String, BigDecimal> marks) {}

    /** The funding rate a hedge pays or earns on its active venue, as the risk watch read it. */
    default void fundingRead(String venue, FundingRate rate) {}

    KeeperMetrics NONE = new KeeperMetrics() {};
}
