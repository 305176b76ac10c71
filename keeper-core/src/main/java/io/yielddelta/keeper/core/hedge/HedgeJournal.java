package io.yielddelta.keeper.core.hedge;

import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.VenueOrder;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The hedge side of the keeper's journal: what the hedge code needs to write before and after every order and to
 * reconcile. keeper-app stores it in its database; {@link InMemoryHedgeJournal} serves backtests and tests.
 */
public interface HedgeJournal {

    /**
     * Records an order before it is sent.
     *
     * @return false if an order with this client id was journaled before: the decision was taken already and its order
     *         must not be sent a second time
     */
    boolean recordIntent(HedgeIntent intent);

    /** The venue's report of a journaled order (the answer to the placement, or a later status). */
    void recordOrder(ClientOrderId clientId, VenueOrder order);

    /** The order was sent but its outcome is unknown: it stays in flight until reconciliation finds it. */
    void recordUnknown(ClientOrderId clientId, String detail);

    /** The order never took effect (refused, venue unreachable before acting, or not found by reconciliation). */
    void recordNotPlaced(ClientOrderId clientId, String reason);

    Optional<HedgeIntent> intent(ClientOrderId clientId);

    /** Orders journaled but not settled: outcome unknown, not yet answered, or still open at the venue. */
    List<HedgeIntent> inFlight();

    /** The position the journal expects on a venue in a market: the last adopted position plus fills since. */
    BigDecimal expectedPosition(String venue, String market);

    /**
     * Records a difference found by reconciliation; when {@code adopted}, a position difference makes the venue's
     * figure the new expectation.
     */
    void recordDiscrepancy(Discrepancy discrepancy, boolean adopted);
}
