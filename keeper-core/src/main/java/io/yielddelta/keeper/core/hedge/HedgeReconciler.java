package io.yielddelta.keeper.core.hedge;

import io.yielddelta.keeper.core.risk.RiskEngine;
import io.yielddelta.keeper.core.risk.TradingState;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.VenueException;
import io.yielddelta.keeper.core.venue.VenueOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the journal in line with the venues, on start and every few minutes: orders in flight are looked up by
 * client id, positions and open orders are compared with what the journal expects. Every difference is journaled;
 * it is acted on (positions adopted so the next hedge trades the total back to target, unknown orders cancelled)
 * only in the ACTIVE state.
 */
public final class HedgeReconciler {
    private static final Logger log = LoggerFactory.getLogger(HedgeReconciler.class);

    private final VenueRouter router;
    private final HedgeJournal journal;
    private final RiskEngine risk;

    public HedgeReconciler(VenueRouter router, HedgeJournal journal, RiskEngine risk) {
        this.router = router;
        this.journal = journal;
        this.risk = risk;
    }

    public ReconcileReport reconcile(String market) {
        boolean correct = risk.state() == TradingState.ACTIVE;
        List<Discrepancy> found = new ArrayList<>();
        int resolved = 0;
        Set<String> venuesWithOpenQuestions = new HashSet<>();

        for (HedgeIntent intent : journal.inFlight()) {
            if (!intent.request().market().equals(market)) {
                continue;
            }
            HedgeVenue venue = router.venue(intent.venue());
            try {
                Optional<VenueOrder> order = venue.orderByClientId(market, intent.clientId());
                if (order.isPresent()) {
                    journal.recordOrder(intent.clientId(), order.get());
                    if (order.get().status().isTerminal()) {
                        resolved++;
                    } else {
                        venuesWithOpenQuestions.add(venue.name());
                    }
                } else {
                    Discrepancy missing = new Discrepancy(
                            Discrepancy.Kind.ORDER_NOT_FOUND,
                            venue.name(),
                            market,
                            null,
                            null,
                            intent.clientId(),
                            "journaled order unknown to the venue: it never took effect");
                    found.add(missing);
                    journal.recordDiscrepancy(missing, false);
                    journal.recordNotPlaced(intent.clientId(), "not found at " + venue.name() + " on reconciliation");
                    resolved++;
                }
            } catch (VenueException e) {
                venuesWithOpenQuestions.add(venue.name());
                log.warn("order {} still in flight: {}", intent.clientId(), e.getMessage());
            }
        }
        int stillInFlight = (int) journal.inFlight().stream()
                .filter(i -> i.request().market().equals(market))
                .count();

        for (HedgeVenue venue : router.venues()) {
            try {
                if (!venuesWithOpenQuestions.contains(venue.name())) {
                    comparePosition(venue, market, correct, found);
                }
                compareOpenOrders(venue, market, correct, found);
            } catch (VenueException e) {
                log.warn("cannot reconcile {} now: {}", venue.name(), e.getMessage());
            }
        }
        if (!found.isEmpty()) {
            log.warn(
                    "reconciliation of {} found {} difference(s){}",
                    market,
                    found.size(),
                    correct ? ", corrected" : ", not corrected in state " + risk.state());
        }
        return new ReconcileReport(found, correct, resolved, stillInFlight);
    }

    private void comparePosition(HedgeVenue venue, String market, boolean correct, List<Discrepancy> found) {
        BigDecimal actual = BigDecimal.ZERO;
        for (Position position : venue.positions()) {
            if (position.market().equals(market)) {
                actual = actual.add(position.size());
            }
        }
        BigDecimal expected = journal.expectedPosition(venue.name(), market);
        if (actual.compareTo(expected) != 0) {
            Discrepancy difference = new Discrepancy(
                    Discrepancy.Kind.POSITION,
                    venue.name(),
                    market,
                    expected,
                    actual,
                    null,
                    "venue position differs from the journal's fills");
            found.add(difference);
            journal.recordDiscrepancy(difference, correct);
        }
    }

    private void compareOpenOrders(HedgeVenue venue, String market, boolean correct, List<Discrepancy> found) {
        for (VenueOrder order : venue.openOrders()) {
            if (!order.market().equals(market)) {
                continue;
            }
            if (order.clientId() != null && journal.intent(order.clientId()).isPresent()) {
                continue;
            }
            Discrepancy stray = new Discrepancy(
                    Discrepancy.Kind.UNKNOWN_OPEN_ORDER,
                    venue.name(),
                    market,
                    null,
                    order.remainingSize(),
                    order.clientId(),
                    "open order " + order.venueOrderId() + " not placed by the keeper");
            found.add(stray);
            journal.recordDiscrepancy(stray, correct);
            if (correct) {
                venue.cancel(market, order.venueOrderId());
            }
        }
    }
}
