package io.yielddelta.keeper.core.backtest;

import io.yielddelta.keeper.core.hedge.FailoverSettings;
import io.yielddelta.keeper.core.hedge.FundingVenueSelector;
import io.yielddelta.keeper.core.hedge.HedgeExecutor;
import io.yielddelta.keeper.core.hedge.HedgePlanner;
import io.yielddelta.keeper.core.hedge.HedgePreset;
import io.yielddelta.keeper.core.hedge.HedgeSettings;
import io.yielddelta.keeper.core.hedge.InMemoryHedgeJournal;
import io.yielddelta.keeper.core.hedge.VaultHedger;
import io.yielddelta.keeper.core.hedge.VenueRouter;
import io.yielddelta.keeper.core.market.MarkPath;
import io.yielddelta.keeper.core.risk.RiskEngine;
import io.yielddelta.keeper.core.risk.RiskEvents;
import io.yielddelta.keeper.core.time.SimulatedClock;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.VaultState;
import io.yielddelta.keeper.core.venue.FundingRate;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.MarkPrice;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One hedged vault's side of a backtest, wired as the daemon wires it (router, risk engine, planner from the kind's
 * preset, executor, journal, {@link VaultHedger}) but on simulated venues: every point of the price path is a mark
 * the hedger sees, and after each cycle a fresh read of the vault re-hedges a changed range at once.
 *
 * <p>Speed without changing a decision: the planner trades on a mark only when |position − target| leaves the band,
 * or (Arbitrage) when the funding selector wants another venue or a second venue still holds a position. Each point
 * checks those conditions first, in doubles with a margin far above their rounding, from the same holdings the hedger
 * holds; only a point that may trade reaches the venues and the hedger. The hour's last point always sets the venues'
 * marks (funding is charged at them) and, when the next read shows a rebalance, reaches the hedger before it, so the
 * hedger hedges the new range at the same mark it would have.
 */
final class HedgedRun {
    private static final double MARGIN = 1e-6;

    private final HedgeSimulation simulation;
    private final SimulatedClock clock;
    private final List<SimulatedVenue> venues;
    /** The venues the router holds (primary, secondary): the hedge's own. */
    private final List<SimulatedVenue> routed;
    private final double[] positions;
    private final InMemoryHedgeJournal journal = new InMemoryHedgeJournal();
    private final MarkGate gate;
    private final VaultHedger hedger;
    private final HedgeSettings settings;
    private final FundingVenueSelector selector;
    private final double liquidityUnit;
    private final int baseDecimals;
    private final int quoteDecimals;
    private final Ledger ledger = new Ledger();
    private int fills;
    private boolean switchWanted;
    private double lastPrice = Double.NaN;
    /** The vault as the hedger last read it, in whole tokens; unknown before the first read. */
    private boolean known;
    private Optional<Range> range = Optional.empty();
    private BigInteger liquidityRaw = BigInteger.ZERO;
    private double liquidity;
    private double sqrtLower;
    private double sqrtUpper;
    private double idleBase;
    private double idleQuote;

    HedgedRun(Backtest.VaultSpec spec, HedgeSimulation simulation, SimulatedClock clock, int baseDecimals,
            int quoteDecimals) {
        this.simulation = simulation;
        this.clock = clock;
        this.baseDecimals = baseDecimals;
        this.quoteDecimals = quoteDecimals;
        this.liquidityUnit = Math.pow(10, -(baseDecimals + quoteDecimals) / 2.0);
        this.venues = List.copyOf(simulation.venues().open(spec, clock));
        HedgePreset preset = HedgePreset.of(spec.kind());
        int needed = preset.settings().venueByFunding() ? 2 : 1;
        if (venues.size() < needed) {
            throw new IllegalArgumentException("vault " + spec.name() + ": " + spec.kind() + " needs at least " + needed
                    + " hedge venue(s), got " + venues.size());
        }
        this.routed = venues.subList(0, Math.min(2, venues.size()));
        this.positions = new double[routed.size()];
        for (int v = 0; v < routed.size(); v++) {
            int index = v;
            routed.get(v).subscribeFills(fill -> {
                positions[index] += HedgeVenue.signed(fill.side(), fill.size()).doubleValue();
                fills++;
            });
        }
        settings = preset.settings().withBand(simulation.band());
        // Every venue of a backtest is simulated and always up.
        VenueRouter router = new VenueRouter(routed.getFirst(), routed.size() > 1 ? routed.get(1) : null,
                FailoverSettings.NEVER, clock);
        RiskEngine risk = new RiskEngine(simulation.limits(), clock, RiskEvents.NONE);
        selector = settings.venueByFunding()
                ? new FundingVenueSelector(simulation.fundingHorizon(), simulation.switchingCost()) : null;
        HedgeExecutor executor = new HedgeExecutor(new HedgePlanner(settings, simulation.limits().maxOrderNotional()),
                risk, router, journal, clock, RiskEvents.NONE, selector);
        gate = new MarkGate(routed.getFirst());
        hedger = new VaultHedger(new VaultHedger.Spec(spec.name(), simulation.market(), true, baseDecimals,
                quoteDecimals), executor, gate, clock, result -> {});
    }

    /**
     * One point of the path, after the pool side has moved to it and before the hedger sees it.
     *
     * @param scale the decimals of the marks
     */
    void point(Instant at, double price, int scale, boolean firstOfHour, boolean lastOfHour) {
        if (!Double.isNaN(lastPrice)) {
            ledger.hedgePnl += position() * (price - lastPrice);
        }
        lastPrice = price;
        clock.set(at);
        if (selector != null && firstOfHour) {
            // Settled funding changes only at whole hours: one look per hour, and after every fill.
            switchWanted = wantsAnotherVenue();
        }
        boolean mayTrade = !known || settings.gammaAware() || beyondBand(price) || (selector != null
                && (switchWanted || heldOnBothVenues()));
        if (!mayTrade && !lastOfHour) {
            return;
        }
        BigDecimal mark = MarkPath.mark(price, scale);
        gate.deliver(mayTrade);
        int fillsBefore = fills;
        // The mark source last: when the hedger plans, every venue already shows this mark.
        for (int v = venues.size() - 1; v >= 0; v--) {
            venues.get(v).advanceTo(at);
            venues.get(v).setMark(simulation.market(), mark);
        }
        if (selector != null && fills != fillsBefore) {
            switchWanted = wantsAnotherVenue();
        }
    }

    /** A fresh read of the vault after the cycle: a changed range or liquidity is hedged at once. */
    void refresh(VaultState state, String decisionId) {
        for (SimulatedVenue venue : venues) {
            venue.advanceTo(state.blockTime());
        }
        boolean changed = !known || !state.position().equals(range) || !state.liquidity().equals(liquidityRaw);
        if (changed) {
            gate.flush();
        }
        int fillsBefore = fills;
        hedger.refresh(state, decisionId);
        if (changed) {
            Range r = state.position().orElseThrow();
            range = state.position();
            liquidityRaw = state.liquidity();
            liquidity = liquidityRaw.doubleValue() * liquidityUnit;
            sqrtLower = Backtest.sqrtPrice(r.tickLower(), baseDecimals, quoteDecimals);
            sqrtUpper = Backtest.sqrtPrice(r.tickUpper(), baseDecimals, quoteDecimals);
        }
        idleBase = (state.idle0().doubleValue() + state.fees0().doubleValue()) / Math.pow(10, baseDecimals);
        idleQuote = (state.idle1().doubleValue() + state.fees1().doubleValue()) / Math.pow(10, quoteDecimals);
        known = true;
        if (selector != null && fills != fillsBefore) {
            switchWanted = wantsAnotherVenue();
        }
    }

    /** Brings the venues' fees, slippage and funding into the hedge's lines. */
    Ledger settle() {
        double fees = 0;
        double slippage = 0;
        double fundingPaid = 0;
        for (SimulatedVenue venue : venues) {
            fees += venue.feesPaid().doubleValue();
            slippage += venue.slippagePaid().doubleValue();
            fundingPaid += venue.fundingPaid().doubleValue();
        }
        ledger.hedgeFees = fees;
        ledger.hedgeSlippage = slippage;
        ledger.funding = -fundingPaid;
        return ledger;
    }

    Ledger ledger() {
        return ledger;
    }

    /** The hedge, all venues together: negative for a short. */
    double position() {
        double size = 0;
        for (double p : positions) {
            size += p;
        }
        return size;
    }

    int ordersSent() {
        return journal.size();
    }

    double collateral() {
        return venues.stream().mapToDouble(v -> v.startingCollateral().doubleValue()).sum();
    }

    List<BigDecimal> accountValues() {
        List<BigDecimal> values = new ArrayList<>();
        for (SimulatedVenue venue : venues) {
            values.add(venue.margin().accountValue());
        }
        return values;
    }

    /** Whether the planner would trade at this price on a mark: |position − target| beyond the band. */
    private boolean beyondBand(double price) {
        double base = idleBase;
        double quote = idleQuote;
        if (liquidity > 0) {
            double s = Math.min(Math.max(Math.sqrt(price), sqrtLower), sqrtUpper);
            base += liquidity * (1 / s - 1 / sqrtUpper);
            quote += liquidity * (s - sqrtLower);
        }
        double value = base * price + quote;
        double deviation = position() + settings.hedgeRatio().doubleValue() * base;
        double band = settings.band().doubleValue() * value / price;
        return Math.abs(deviation) > band * (1 - MARGIN);
    }

    private boolean heldOnBothVenues() {
        int holding = 0;
        for (double p : positions) {
            if (p != 0) {
                holding++;
            }
        }
        return holding > 1;
    }

    /** Whether the funding selector, asked now, would move the hedge off the venue holding it. */
    private boolean wantsAnotherVenue() {
        String holder = null;
        double most = 0;
        for (int v = 0; v < routed.size(); v++) {
            if (positions[v] != 0 && Math.abs(positions[v]) > most) {
                holder = routed.get(v).name();
                most = Math.abs(positions[v]);
            }
        }
        if (holder == null) {
            return false;
        }
        Map<String, FundingRate> rates = new LinkedHashMap<>();
        for (SimulatedVenue venue : routed) {
            rates.put(venue.name(), venue.fundingRate(simulation.market()));
        }
        return !selector.choose(holder, rates).equals(holder);
    }

    /** The hedger's mark source: passes on only the marks the run lets through, keeping the last one held back. */
    private static final class MarkGate extends ForwardingSimulatedVenue {
        private Consumer<MarkPrice> listener;
        private boolean open = true;
        private MarkPrice held;

        MarkGate(SimulatedVenue venue) {
            super(venue);
        }

        @Override
        public Subscription subscribeMarkPrices(String market, Consumer<MarkPrice> markListener) {
            listener = markListener;
            return super.subscribeMarkPrices(market, mark -> {
                if (open) {
                    held = null;
                    markListener.accept(mark);
                } else {
                    held = mark;
                }
            });
        }

        void deliver(boolean on) {
            open = on;
        }

        /** Passes on the mark held back, if any: the hedger's last mark is then the venues'. */
        void flush() {
            if (held != null) {
                MarkPrice mark = held;
                held = null;
                listener.accept(mark);
            }
        }
    }
}
