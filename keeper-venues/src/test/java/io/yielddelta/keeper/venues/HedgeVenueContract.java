package io.yielddelta.keeper.venues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.yielddelta.keeper.core.hedge.Discrepancy;
import io.yielddelta.keeper.core.hedge.FailoverSettings;
import io.yielddelta.keeper.core.hedge.HedgeIntent;
import io.yielddelta.keeper.core.hedge.HedgeJournal;
import io.yielddelta.keeper.core.hedge.HedgeReconciler;
import io.yielddelta.keeper.core.hedge.InMemoryHedgeJournal;
import io.yielddelta.keeper.core.hedge.VenueRouter;
import io.yielddelta.keeper.core.risk.RiskEngine;
import io.yielddelta.keeper.core.risk.RiskEvents;
import io.yielddelta.keeper.core.risk.RiskLimits;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderStatus;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.core.venue.UnknownOutcomeException;
import io.yielddelta.keeper.core.venue.VenueOrder;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * What every {@link HedgeVenue} must do, run against each venue through its local server (paper in memory): orders
 * found by client and venue id, resting orders listed and cancelled by client id, a taking order moving the position
 * once, an order the venue took but answered 5xx leaving exactly one position, and a fresh client (a keeper restart)
 * finding the keeper's resting orders under their client ids, so reconciliation cancels none of them.
 */
public abstract class HedgeVenueContract {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T21:59:00Z"), ZoneOffset.UTC);

    /** The venue under test, fresh for each test. */
    protected abstract HedgeVenue venue();

    /** A new client of the same venue, as after a keeper restart, reading {@code journal}. */
    protected abstract HedgeVenue restarted(HedgeJournal journal);

    /**
     * The market the contract trades and its orders there: a buy of {@code size} resting at {@code restingBuy}, and a
     * market order of {@code size} on {@code takingSide} (protected by {@code takingLimit}, null where the venue has
     * native market orders) that fills at once.
     */
    public record Market(
            String name, BigDecimal size, BigDecimal restingBuy, Side takingSide, BigDecimal takingLimit) {}

    protected abstract Market trading();

    private String market() {
        return trading().name();
    }

    private OrderRequest resting(ClientOrderId id) {
        return new OrderRequest(
                market(), Side.BUY, trading().size(), trading().restingBuy(), OrderType.LIMIT_GTC, false, id);
    }

    private OrderRequest taking(ClientOrderId id) {
        return new OrderRequest(
                market(),
                trading().takingSide(),
                trading().size(),
                trading().takingLimit(),
                OrderType.MARKET_IOC,
                false,
                id);
    }

    /** Makes the venue act on the next order and then answer it with a 5xx; false where there is no wire (paper). */
    protected abstract boolean actOnNextOrderThenAnswer5xx();

    @Test
    public void aPlacedOrderIsFoundByClientIdAndByVenueId() {
        OrderRequest request = resting(ClientOrderId.of("contract/find"));
        VenueOrder placed = venue().place(request);
        assertThat(placed.clientId()).isEqualTo(request.clientId());
        assertThat(venue().orderByClientId(market(), request.clientId()))
                .get()
                .satisfies(o -> assertThat(o.venueOrderId()).isEqualTo(placed.venueOrderId()));
        assertThat(venue().orderByVenueId(market(), placed.venueOrderId()))
                .get()
                .satisfies(o -> assertThat(o.clientId()).isEqualTo(request.clientId()));
        assertThat(venue().orderByClientId(market(), ClientOrderId.of("contract/never-placed")))
                .isEmpty();
    }

    @Test
    public void aRestingOrderIsListedUnderItsClientIdUntilCancelledByIt() {
        OrderRequest request = resting(ClientOrderId.of("contract/rest"));
        venue().place(request);
        assertThat(venue().openOrders())
                .anySatisfy(o -> assertThat(o.clientId()).isEqualTo(request.clientId()));

        venue().cancelByClientId(market(), request.clientId());
        assertThat(venue().orderByClientId(market(), request.clientId()))
                .get()
                .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.CANCELED));
        assertThat(venue().openOrders())
                .noneSatisfy(o -> assertThat(o.clientId()).isEqualTo(request.clientId()));
    }

    @Test
    public void aTakingOrderMovesThePositionOnce() {
        OrderRequest request = taking(ClientOrderId.of("contract/take"));
        venue().place(request);
        assertThat(position()).isEqualByComparingTo(HedgeVenue.signed(request.side(), request.size()));
    }

    @Test
    public void a5xxAfterTheVenueTookTheOrderLeavesExactlyOnePosition() {
        assumeThat(actOnNextOrderThenAnswer5xx())
                .as("a venue without a wire cannot answer 5xx")
                .isTrue();
        OrderRequest request = taking(ClientOrderId.of("contract/5xx"));
        try {
            venue().place(request); // a venue may settle the outcome at once by client id
        } catch (UnknownOutcomeException expected) {
            assertThat(expected.clientId()).isEqualTo(request.clientId());
        }
        assertThat(venue().orderByClientId(market(), request.clientId())).isPresent();
        assertThat(position()).isEqualByComparingTo(HedgeVenue.signed(request.side(), request.size()));
    }

    @Test
    public void afterARestartTheKeepersOrdersKeepTheirClientIdsAndNoneIsCancelledAsAStray() {
        OrderRequest request = resting(ClientOrderId.of("contract/restart"));
        InMemoryHedgeJournal journal = new InMemoryHedgeJournal();
        journal.recordIntent(new HedgeIntent("0xvault", venue().name(), request, CLOCK.instant()));
        journal.recordOrder(request.clientId(), venue().place(request));

        HedgeVenue restarted = restarted(journal);
        assertThat(restarted.openOrders())
                .anySatisfy(o -> assertThat(o.clientId()).isEqualTo(request.clientId()));
        RiskEngine risk = new RiskEngine(
                RiskLimits.withDefaults(
                        new BigDecimal("50000"),
                        new BigDecimal("200000"),
                        new BigDecimal("300000"),
                        new BigDecimal("5000")),
                CLOCK,
                RiskEvents.NONE);
        HedgeReconciler reconciler =
                new HedgeReconciler(new VenueRouter(restarted, null, FailoverSettings.NEVER, CLOCK), journal, risk);
        assertThat(reconciler.reconcile(market()).discrepancies())
                .noneSatisfy(d -> assertThat(d.kind()).isEqualTo(Discrepancy.Kind.UNKNOWN_OPEN_ORDER));
        assertThat(restarted.orderByClientId(market(), request.clientId()))
                .get()
                .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.OPEN));
    }

    private BigDecimal position() {
        return venue().positions().stream()
                .filter(p -> p.market().equals(market()))
                .map(Position::size)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
