package io.yielddelta.keeper.core.backtest;

import io.yielddelta.keeper.core.time.SimulatedClock;
import io.yielddelta.keeper.core.hedge.FailoverSettings;
import io.yielddelta.keeper.core.hedge.FundingVenueSelector;
import io.yielddelta.keeper.core.hedge.HedgeExecutor;
import io.yielddelta.keeper.core.hedge.HedgePlanner;
import io.yielddelta.keeper.core.hedge.HedgePreset;
import io.yielddelta.keeper.core.hedge.HedgeSettings;
import io.yielddelta.keeper.core.hedge.InMemoryHedgeJournal;
import io.yielddelta.keeper.core.hedge.VaultHedger;
import io.yielddelta.keeper.core.hedge.VenueRouter;
import io.yielddelta.keeper.core.risk.RiskEngine;
import io.yielddelta.keeper.core.risk.RiskEvents;
import io.yielddelta.keeper.core.vault.VaultState;
import io.yielddelta.keeper.core.venue.Position;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One hedged vault's side of a backtest, wired as the daemon wires it (router, risk engine, planner from the kind's
 * preset, executor, journal, {@link VaultHedger}) but on simulated venues: each hour's marks stream through the
 * hedger, and after each cycle a fresh read of the vault re-hedges a changed range at once.
 */
final class HedgedRun {
    private final HedgeSimulation simulation;
    private final List<SimulatedVenue> venues;
    private final InMemoryHedgeJournal journal = new InMemoryHedgeJournal();
    private final VaultHedger hedger;

    HedgedRun(Backtest.VaultSpec spec, HedgeSimulation simulation, SimulatedClock clock, int baseDecimals,
            int quoteDecimals) {
        this.simulation = simulation;
        this.venues = List.copyOf(simulation.venues().open(spec, clock));
        HedgePreset preset = HedgePreset.of(spec.kind());
        int needed = preset.settings().venueByFunding() ? 2 : 1;
        if (venues.size() < needed) {
            throw new IllegalArgumentException("vault " + spec.name() + ": " + spec.kind() + " needs at least " + needed
                    + " hedge venue(s), got " + venues.size());
        }
        HedgeSettings settings = preset.settings().withBand(simulation.band());
        // Every venue of a backtest is simulated and always up.
        VenueRouter router = new VenueRouter(venues.getFirst(), venues.size() > 1 ? venues.get(1) : null,
                FailoverSettings.NEVER, clock);
        RiskEngine risk = new RiskEngine(simulation.limits(), clock, RiskEvents.NONE);
        FundingVenueSelector funding = settings.venueByFunding()
                ? new FundingVenueSelector(simulation.fundingHorizon(), simulation.switchingCost()) : null;
        HedgeExecutor executor = new HedgeExecutor(new HedgePlanner(settings, simulation.limits().maxOrderNotional()),
                risk, router, journal, clock, RiskEvents.NONE, funding);
        hedger = new VaultHedger(new VaultHedger.Spec(spec.name(), simulation.market(), true, baseDecimals,
                quoteDecimals), executor, venues.getFirst(), clock, result -> {});
    }

    /** One streamed mark; the hedger sees it as the live keeper sees the venue's. */
    void mark(Instant at, BigDecimal price) {
        // The mark source last: when the hedger plans, every venue already shows this mark.
        for (int v = venues.size() - 1; v >= 0; v--) {
            venues.get(v).advanceTo(at);
            venues.get(v).setMark(simulation.market(), price);
        }
    }

    /** A fresh read of the vault after the cycle: a changed range or liquidity is hedged at once. */
    void refresh(VaultState state, String decisionId) {
        for (SimulatedVenue venue : venues) {
            venue.advanceTo(state.blockTime());
        }
        hedger.refresh(state, decisionId);
    }

    /** The hedge, all venues together: negative for a short. */
    double position() {
        double size = 0;
        for (SimulatedVenue venue : venues) {
            for (Position position : venue.positions()) {
                if (position.market().equals(simulation.market())) {
                    size += position.size().doubleValue();
                }
            }
        }
        return size;
    }

    /** The hedge's cumulative costs and P&amp;L so far, in quote units. */
    Costs costs() {
        double pnl = 0;
        double fees = 0;
        double fundingPaid = 0;
        double slippage = 0;
        for (SimulatedVenue venue : venues) {
            double venueFees = venue.feesPaid().doubleValue();
            double venueFunding = venue.fundingPaid().doubleValue();
            // Account value moves by price P&L (slippage included) − fees − funding paid; the price part is the hedge's.
            pnl += venue.margin().accountValue().subtract(venue.startingCollateral()).doubleValue() + venueFees + venueFunding;
            fees += venueFees;
            fundingPaid += venueFunding;
            slippage += venue.slippagePaid().doubleValue();
        }
        return new Costs(pnl, -fundingPaid, fees, slippage);
    }

    int ordersSent() {
        return journal.size();
    }

    /**
     * @param hedgePnl    price P&amp;L of the hedge, slippage included
     * @param funding     funding received (negative: paid)
     * @param tradingFees fees paid
     * @param slippage    what fills cost against the mark
     */
    record Costs(double hedgePnl, double funding, double tradingFees, double slippage) {
        static final Costs NONE = new Costs(0, 0, 0, 0);
    }
}
