package io.yielddelta.keeper.core.hedge;

import io.yielddelta.keeper.core.risk.OrderProposal;
import io.yielddelta.keeper.core.risk.RiskAlert;
import io.yielddelta.keeper.core.risk.RiskEngine;
import io.yielddelta.keeper.core.risk.RiskEvents;
import io.yielddelta.keeper.core.risk.RiskVerdict;
import io.yielddelta.keeper.core.venue.FundingRate;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.Margin;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.UnknownOutcomeException;
import io.yielddelta.keeper.core.venue.VenueException;
import io.yielddelta.keeper.core.venue.VenueOrder;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One vault's hedge pass, run after every rebalance and on every mark update: plan, check each leg with the risk
 * engine, journal it, send it. While any order of the vault is in flight (outcome unknown, or still open) no new order
 * is planned, so a lost answer can never lead to a second hedge for the same exposure.
 */
public final class HedgeExecutor {
    private static final Logger log = LoggerFactory.getLogger(HedgeExecutor.class);

    private final HedgePlanner planner;
    private final RiskEngine risk;
    private final VenueRouter router;
    private final HedgeJournal journal;
    private final Clock clock;
    private final RiskEvents events;
    private final FundingVenueSelector fundingSelector;

    /** @param fundingSelector chooses the venue for the Arbitrage kind; null for the other kinds */
    public HedgeExecutor(
            HedgePlanner planner,
            RiskEngine risk,
            VenueRouter router,
            HedgeJournal journal,
            Clock clock,
            RiskEvents events,
            FundingVenueSelector fundingSelector) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.risk = Objects.requireNonNull(risk, "risk");
        this.router = Objects.requireNonNull(router, "router");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
        this.fundingSelector = fundingSelector;
        if (planner.settings().venueByFunding() && fundingSelector == null) {
            throw new IllegalArgumentException("a funding-driven hedge needs a FundingVenueSelector");
        }
    }

    /**
     * One pass. Passes are serialised: a mark event (stream thread) and a rebalance (scheduler thread) for the same
     * vault must not both plan from the same positions. Use one executor per vault.
     */
    public synchronized HedgeResult hedge(HedgeTrigger trigger, VaultExposure exposure, VolatilityForecast forecast) {
        String vault = exposure.vault();
        String market = exposure.market();
        List<HedgeIntent> inFlight = journal.inFlight().stream()
                .filter(i -> i.vault().equals(vault) && i.request().market().equals(market))
                .toList();
        if (!inFlight.isEmpty()) {
            return new HedgeResult(
                    HedgeResult.Status.WAITING_FOR_IN_FLIGHT,
                    null,
                    List.of(),
                    inFlight.size() + " order(s) in flight, first "
                            + inFlight.getFirst().clientId());
        }
        HedgePlan plan;
        try {
            plan = planner.plan(trigger, situation(exposure, forecast));
        } catch (VenueException e) {
            return new HedgeResult(HedgeResult.Status.FAILED, null, List.of(), e.getMessage());
        }
        if (!plan.trades()) {
            return new HedgeResult(HedgeResult.Status.NOTHING_TO_DO, plan, List.of(), plan.reason());
        }
        List<VenueOrder> placed = new ArrayList<>();
        for (HedgeOrder leg : plan.orders()) {
            HedgeResult stop = send(vault, exposure, plan, leg, placed);
            if (stop != null) {
                return stop;
            }
        }
        log.info(
                "hedge {} {}: target {} position {} -> {} order(s)",
                vault,
                trigger.id(),
                plan.target(),
                plan.position(),
                placed.size());
        return new HedgeResult(HedgeResult.Status.PLACED, plan, placed, plan.reason());
    }

    private HedgeSituation situation(VaultExposure exposure, VolatilityForecast forecast) {
        String market = exposure.market();
        Map<String, BigDecimal> positions = router.positions(market);
        HedgeVenue active = router.active();
        boolean consolidate = false;
        if (planner.settings().venueByFunding()) {
            HedgeVenue chosen = fundingChoice(market, positions);
            if (chosen != null) {
                active = chosen;
                consolidate = true;
            }
        }
        Map<String, Instrument> instruments = new LinkedHashMap<>();
        instruments.put(active.name(), active.instrument(market));
        if (consolidate) {
            for (HedgeVenue venue : router.venues()) {
                if (venue != active
                        && positions.getOrDefault(venue.name(), BigDecimal.ZERO).signum() != 0) {
                    instruments.put(venue.name(), venue.instrument(market));
                }
            }
        }
        return new HedgeSituation(exposure, positions, active.name(), instruments, consolidate, forecast);
    }

    /** The venue the funding selector prefers, or null when a rate cannot be read (then the router decides). */
    private HedgeVenue fundingChoice(String market, Map<String, BigDecimal> positions) {
        Map<String, FundingRate> rates = new LinkedHashMap<>();
        try {
            for (HedgeVenue venue : router.venues()) {
                rates.put(venue.name(), venue.fundingRate(market));
            }
        } catch (VenueException e) {
            log.warn("funding rates unavailable, hedging on the router's venue: {}", e.getMessage());
            return null;
        }
        String holder = positions.entrySet().stream()
                .filter(e -> e.getValue().signum() != 0)
                .max((a, b) -> a.getValue().abs().compareTo(b.getValue().abs()))
                .map(Map.Entry::getKey)
                .orElse(null);
        return router.venue(fundingSelector.choose(holder, rates));
    }

    /** Sends one leg; returns the result to stop with, or null to go on with the next leg. */
    private HedgeResult send(
            String vault, VaultExposure exposure, HedgePlan plan, HedgeOrder leg, List<VenueOrder> placed) {
        HedgeVenue venue = router.venue(leg.venue());
        OrderRequest request = leg.request();
        RiskVerdict verdict;
        try {
            verdict = risk.check(proposal(vault, venue, exposure, plan, request, placed));
        } catch (VenueException e) {
            return new HedgeResult(HedgeResult.Status.FAILED, plan, placed, e.getMessage());
        }
        if (!verdict.isApproved()) {
            events.alert(new RiskAlert.OrderBlocked(
                    vault, venue.name(), request.clientId(), verdict.failed(), verdict.detail()));
            return new HedgeResult(HedgeResult.Status.BLOCKED, plan, placed, verdict.detail());
        }
        if (!journal.recordIntent(new HedgeIntent(vault, venue.name(), request, clock.instant()))) {
            return new HedgeResult(
                    HedgeResult.Status.ALREADY_DECIDED,
                    plan,
                    placed,
                    "order " + request.clientId() + " was journaled before; not sent again");
        }
        try {
            VenueOrder order = router.placeOn(venue, request);
            journal.recordOrder(request.clientId(), order);
            placed.add(order);
            return null;
        } catch (UnknownOutcomeException e) {
            journal.recordUnknown(request.clientId(), e.getMessage());
            return new HedgeResult(HedgeResult.Status.UNKNOWN_OUTCOME, plan, placed, e.getMessage());
        } catch (VenueException e) {
            journal.recordNotPlaced(request.clientId(), e.getMessage());
            return new HedgeResult(HedgeResult.Status.FAILED, plan, placed, e.getMessage());
        }
    }

    private OrderProposal proposal(
            String vault,
            HedgeVenue venue,
            VaultExposure exposure,
            HedgePlan plan,
            OrderRequest request,
            List<VenueOrder> placedSoFar) {
        BigDecimal mark = exposure.price();
        BigDecimal venuePosition = BigDecimal.ZERO;
        BigDecimal gross = BigDecimal.ZERO;
        for (Position position : router.positionsOn(venue)) {
            if (position.market().equals(exposure.market())) {
                venuePosition = venuePosition.add(position.size());
            } else {
                // Other markets at their entry price: the mark of every market is not at hand here.
                gross = gross.add(position.size().abs().multiply(position.entryPrice()));
            }
        }
        BigDecimal vaultPosition = plan.position();
        for (VenueOrder earlier : placedSoFar) {
            BigDecimal filled = HedgeVenue.signed(earlier.side(), earlier.filledSize());
            vaultPosition = vaultPosition.add(filled);
        }
        gross = gross.add(venuePosition.abs().multiply(mark));
        Margin margin = venue.margin();
        return new OrderProposal(
                vault, venue.name(), request, mark, vaultPosition, venuePosition, gross, margin.accountValue());
    }
}
