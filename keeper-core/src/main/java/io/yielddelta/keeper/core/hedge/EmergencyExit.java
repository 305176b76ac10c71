package io.yielddelta.keeper.core.hedge;

import io.yielddelta.keeper.core.risk.OrderProposal;
import io.yielddelta.keeper.core.risk.RiskEngine;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.core.venue.UnknownOutcomeException;
import io.yielddelta.keeper.core.venue.VenueException;
import io.yielddelta.keeper.core.venue.VenueOrder;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One command to get out: stop rebalancing, cancel every open order and close every hedge with reduce-only IOC orders
 * (split to respect the per-order notional limit). Runs again safely: each run is its own decision.
 */
public final class EmergencyExit {
    private static final Logger log = LoggerFactory.getLogger(EmergencyExit.class);
    /** Protective limit of the closing orders: wide, because getting out matters more than the price. */
    private static final BigDecimal EXIT_SLIPPAGE = new BigDecimal("0.02");

    private static final int MAX_CHUNKS = 100;

    private final RiskEngine risk;
    private final VenueRouter router;
    private final HedgeJournal journal;
    private final Clock clock;

    public EmergencyExit(RiskEngine risk, VenueRouter router, HedgeJournal journal, Clock clock) {
        this.risk = risk;
        this.router = router;
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * Closes every position on each of {@code venues} on its own (no fail-over: each venue's positions are closed
     * where they are), for a keeper that runs no hedges (the {@code exit} command) as well as for one that does.
     */
    public static List<VenueOrder> closeEvery(
            Collection<HedgeVenue> venues, RiskEngine risk, HedgeJournal journal, Clock clock, String reason) {
        List<VenueOrder> closing = new ArrayList<>();
        for (HedgeVenue venue : venues) {
            VenueRouter router = new VenueRouter(venue, null, FailoverSettings.NEVER, clock);
            closing.addAll(new EmergencyExit(risk, router, journal, clock).run(reason));
        }
        return closing;
    }

    /** @return the closing orders placed; positions that could not be closed are logged and stay for the next run */
    public List<VenueOrder> run(String reason) {
        risk.emergencyExit(reason);
        String decision = "exit-" + clock.instant().toEpochMilli();
        List<VenueOrder> closing = new ArrayList<>();
        for (HedgeVenue venue : router.venues()) {
            try {
                for (VenueOrder open : venue.openOrders()) {
                    venue.cancel(open.market(), open.venueOrderId());
                }
                for (Position position : venue.positions()) {
                    if (position.size().signum() != 0) {
                        close(decision, venue, position, closing);
                    }
                }
            } catch (VenueException e) {
                log.error("emergency exit incomplete on {}: {}", venue.name(), e.getMessage());
            }
        }
        return closing;
    }

    private void close(String decision, HedgeVenue venue, Position position, List<VenueOrder> closing) {
        String market = position.market();
        Instrument instrument = venue.instrument(market);
        BigDecimal mark = venue.markPrice(market).mark();
        Side side = position.size().signum() > 0 ? Side.SELL : Side.BUY;
        BigDecimal limit = side == Side.BUY
                ? instrument.roundPrice(mark.multiply(BigDecimal.ONE.add(EXIT_SLIPPAGE)), RoundingMode.DOWN)
                : instrument.roundPrice(mark.multiply(BigDecimal.ONE.subtract(EXIT_SLIPPAGE)), RoundingMode.UP);
        BigDecimal chunkCap = instrument.roundSizeDown(
                risk.limits().maxOrderNotional().divide(limit.max(mark), MathContext.DECIMAL64));
        BigDecimal remaining = position.size();
        for (int chunk = 0; remaining.signum() != 0 && chunk < MAX_CHUNKS; chunk++) {
            BigDecimal size = remaining.abs().min(chunkCap);
            if (size.signum() <= 0) {
                log.error(
                        "cannot close {} {} on {}: one lot exceeds the order notional limit",
                        remaining,
                        market,
                        venue.name());
                return;
            }
            OrderRequest request = new OrderRequest(
                    market,
                    side,
                    size,
                    limit,
                    OrderType.MARKET_IOC,
                    true,
                    ClientOrderId.of(decision + "/" + venue.name() + "/" + market + "/" + chunk));
            var verdict = risk.check(new OrderProposal(
                    "emergency-exit",
                    venue.name(),
                    request,
                    mark,
                    remaining,
                    remaining,
                    remaining.abs().multiply(mark),
                    venue.margin().accountValue()));
            if (!verdict.isApproved()) {
                log.error("closing order refused by risk: {}", verdict.detail());
                return;
            }
            journal.recordIntent(new HedgeIntent("emergency-exit", venue.name(), request, clock.instant()));
            try {
                VenueOrder order = venue.place(request);
                journal.recordOrder(request.clientId(), order);
                closing.add(order);
                if (order.filledSize().signum() == 0) {
                    return;
                }
                remaining = remaining.add(HedgeVenue.signed(side, order.filledSize()));
            } catch (UnknownOutcomeException e) {
                journal.recordUnknown(request.clientId(), e.getMessage());
                return;
            } catch (VenueException e) {
                journal.recordNotPlaced(request.clientId(), e.getMessage());
                log.error("closing order failed on {}: {}", venue.name(), e.getMessage());
                return;
            }
        }
    }
}
