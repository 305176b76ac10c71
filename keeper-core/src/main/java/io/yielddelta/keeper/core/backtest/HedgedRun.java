package io.yielddelta.keeper.core.backtest;

import io.yielddelta.keeper.core.hedge.FundingVenueSelector;
import io.yielddelta.keeper.core.hedge.HedgePreset;
import io.yielddelta.keeper.core.hedge.HedgeSettings;
import io.yielddelta.keeper.core.kernel.DeploymentSettings.HedgeSpec;
import io.yielddelta.keeper.core.market.MarkPath;
import io.yielddelta.keeper.core.time.SimulatedClock;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.VaultState;
import io.yielddelta.keeper.core.venue.FundingRate;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.MarkPrice;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.VenueOrder;
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
 * One hedged vault's side of a backtest: its own accounts on its simulated venues, which the {@link
 * io.yielddelta.keeper.core.kernel.Keeper} kernel opens and hedges on as the daemon does (router, the deployment's
 * risk engine, planner from the kind's preset with the vault's hedge ratio, executor, journal, {@code VaultHedger}).
 * Every point of the price path is a mark the hedger sees; after each cycle the kernel's fresh read of the vault
 * re-hedges a changed range at once.
 *
 * <p>Speed without changing a decision: the planner trades on a mark only when |position − target| leaves the band,
 * or (Arbitrage) when the funding selector wants another venue or a second venue still holds a position. Each point
 * checks those conditions first, in doubles with a margin far above their rounding, from the holdings of the vault's
 * last read (the hedger's); only a point that may trade reaches the hedger, which hears the marks through the mark
 * source this run hands the kernel (its primary account, gated). The hour's last point always sets the venues' marks
 * (funding is charged at them) and, when a read shows the vault rebalanced, reaches the hedger before the kernel hands
 * it that read, so the hedger hedges the new range at the same mark it would have.
 */
final class HedgedRun {
    private static final double MARGIN = 1e-6;

    private final HedgeSimulation simulation;
    private final SimulatedClock clock;
    private final HedgeSpec spec;
    /** The vault's accounts, in the order it names its venues; the first is the gated mark source. */
    private final List<Account> venues;
    /** The venues the router holds (primary, secondary): the hedge's own. */
    private final List<Account> routed;

    private final double[] positions;
    private final HedgeSettings settings;
    private final FundingVenueSelector selector;
    private final double liquidityUnit;
    private final int baseDecimals;
    private final int quoteDecimals;
    private final Ledger ledger = new Ledger();
    private int fills;
    private int ordersSent;
    private int fillsBeforeCycle;
    private boolean switchWanted;
    private double lastPrice = Double.NaN;
    /** The vault as last read, in whole tokens; unknown before the first read. */
    private boolean known;

    private Optional<Range> range = Optional.empty();
    private BigInteger liquidityRaw = BigInteger.ZERO;
    private double liquidity;
    private double sqrtLower;
    private double sqrtUpper;
    private double idleBase;
    private double idleQuote;

    /**
     * Opens the vault's accounts; the kernel builds its hedge on them.
     *
     * @param baseIsToken0 whether the pool's base asset is its token0, as the backtest's pool lays it out
     */
    HedgedRun(
            Backtest.VaultSpec vault,
            HedgeSimulation simulation,
            SimulatedClock clock,
            boolean baseIsToken0,
            int baseDecimals,
            int quoteDecimals) {
        this.simulation = simulation;
        this.clock = clock;
        this.baseDecimals = baseDecimals;
        this.quoteDecimals = quoteDecimals;
        this.liquidityUnit = Math.pow(10, -(baseDecimals + quoteDecimals) / 2.0);
        this.venues = simulation.venues().open(vault, clock).stream()
                .map(venue -> new Account(venue, vault.name()))
                .toList();
        this.spec = new HedgeSpec(
                venues.stream().map(a -> a.venue).toList(),
                simulation.market(),
                vault.hedgeRatio(),
                baseIsToken0,
                baseIsToken0 ? baseDecimals : quoteDecimals,
                baseIsToken0 ? quoteDecimals : baseDecimals);
        this.routed = venues.subList(0, Math.min(2, venues.size()));
        this.positions = new double[routed.size()];
        for (int v = 0; v < routed.size(); v++) {
            int index = v;
            routed.get(v).subscribeFills(fill -> {
                positions[index] += HedgeVenue.signed(fill.side(), fill.size()).doubleValue();
                fills++;
            });
        }
        // The planner's settings as the kernel makes them: the kind's preset, the vault's ratio, the deployment's band.
        settings = HedgePreset.of(vault.kind())
                .settings()
                .withHedgeRatio(vault.hedgeRatio())
                .withBand(simulation.band());
        selector = settings.venueByFunding()
                ? new FundingVenueSelector(simulation.fundingHorizon(), simulation.switchingCost())
                : null;
    }

    /** The vault's hedge section for the kernel: its venues, market, ratio and the pool's base token. */
    HedgeSpec spec() {
        return spec;
    }

    /** The kernel's account on {@code venue} for this vault. */
    HedgeVenue account(String venue) {
        return venues.stream()
                .filter(v -> v.venue.equals(venue))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("no simulated venue " + venue + " was opened for this vault"));
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
        boolean mayTrade = !known
                || settings.gammaAware()
                || beyondBand(price)
                || (selector != null && (switchWanted || heldOnBothVenues()));
        if (!mayTrade && !lastOfHour) {
            return;
        }
        BigDecimal mark = MarkPath.mark(price, scale);
        Account source = venues.getFirst();
        source.deliver(mayTrade);
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

    /** Before the hour's cycle, at its block's time: the venues charge funding up to it. */
    void beforeCycle(Instant blockTime) {
        for (Account venue : venues) {
            venue.advanceTo(blockTime);
        }
        fillsBeforeCycle = fills;
    }

    /**
     * A chain read of the vault, as the kernel makes it: a changed range or liquidity first gets the mark held back to
     * the hedger (its last mark is then the venues'), then this run's view of the holdings follows the read.
     */
    void read(VaultState state) {
        if (state.position().isEmpty()) {
            return;
        }
        boolean changed =
                !known || !state.position().equals(range) || !state.liquidity().equals(liquidityRaw);
        if (changed) {
            venues.getFirst().flush();
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
    }

    /** After the cycle and the kernel's hedge of it: brings the venues' costs into the hedge's lines. */
    void afterCycle() {
        if (selector != null && fills != fillsBeforeCycle) {
            switchWanted = wantsAnotherVenue();
        }
        settle();
    }

    /** Brings the venues' fees, slippage and funding into the hedge's lines. */
    private void settle() {
        double fees = 0;
        double slippage = 0;
        double fundingPaid = 0;
        for (Account venue : venues) {
            fees += venue.feesPaid().doubleValue();
            slippage += venue.slippagePaid().doubleValue();
            fundingPaid += venue.fundingPaid().doubleValue();
        }
        ledger.hedgeFees = fees;
        ledger.hedgeSlippage = slippage;
        ledger.funding = -fundingPaid;
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
        return ordersSent;
    }

    double collateral() {
        return venues.stream()
                .mapToDouble(v -> v.startingCollateral().doubleValue())
                .sum();
    }

    List<BigDecimal> accountValues() {
        List<BigDecimal> values = new ArrayList<>();
        for (Account venue : venues) {
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
        for (Account venue : routed) {
            rates.put(venue.name(), venue.fundingRate(simulation.market()));
        }
        return !selector.choose(holder, rates).equals(holder);
    }

    /**
     * The vault's own account on one venue, as the kernel sees it: named apart from other vaults' accounts on the same
     * venue (the deployment's one journal and risk engine tell accounts by name), it counts the orders sent and, on
     * the primary (the hedger's mark source), passes on only the marks the run lets through, keeping the last one held
     * back.
     */
    private final class Account extends ForwardingSimulatedVenue {
        /** The venue's name, as the vault names it. */
        final String venue;

        private final String name;
        private Consumer<MarkPrice> listener;
        private boolean open = true;
        private MarkPrice held;

        Account(SimulatedVenue delegate, String vault) {
            super(delegate);
            this.venue = delegate.name();
            this.name = venue + "/" + vault;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public VenueOrder place(OrderRequest request) {
            ordersSent++;
            return super.place(request);
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

        /** Passes on the mark held back, if any. */
        void flush() {
            if (held != null) {
                MarkPrice mark = held;
                held = null;
                listener.accept(mark);
            }
        }
    }
}
