package io.yielddelta.keeper.venues.paper;

import io.yielddelta.keeper.core.backtest.SimulatedVenue;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.Fill;
import io.yielddelta.keeper.core.venue.FundingRate;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.Margin;
import io.yielddelta.keeper.core.venue.MarkPrice;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.VenueOrder;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A simulated perpetuals venue for the sandbox and the backtest: the same {@link HedgeVenue} as the real ones,
 * deterministic, without threads or the wall clock.
 *
 * <p>The front over {@link PaperExchange} (orders and matching) and {@link PaperAccount} (collateral, positions, funding,
 * margin), holding the simulation's time and marks; every call holds the venue's lock.
 *
 * <p>The rules:
 *
 * <ul>
 *   <li>Taking orders (market IOC, marketable limits) fill at once at the mark moved by the slippage against the
 *       taker, never beyond the order's limit price, and pay the taker fee on the notional.</li>
 *   <li>Limit orders rest and fill at their limit price, paying the maker fee, when {@link #setMark} crosses them.
 *       A post-only order that would cross is rejected.</li>
 *   <li>Reduce-only orders are refused if they would not shrink the position, and never fill beyond it.</li>
 *   <li>Account value = collateral + realised P&amp;L − fees ± funding + unrealised P&amp;L; orders that grow exposure
 *       are refused beyond account value × leverage (leverage capped by the instrument).</li>
 *   <li>Funding: at every whole hour the position pays size × mark × the hour's rate from {@link FundingRates}
 *       (positive: longs pay shorts). Time moves with the injected clock and with {@link #advanceTo}.</li>
 *   <li>Placing a client id twice returns the order already placed. Streams deliver synchronously.</li>
 * </ul>
 */
public final class PaperVenue implements SimulatedVenue {

    private static final String DEFAULT_NAME = "paper";

    private final String name;
    private final PaperConfig config;
    private final FundingRates fundingRates;
    private final Clock clock;
    private final Map<String, Instrument> instruments = new LinkedHashMap<>();
    private final Map<String, MarkPrice> marks = new LinkedHashMap<>();
    private final Map<String, List<Consumer<MarkPrice>>> markListeners = new LinkedHashMap<>();
    private final PaperAccount account;
    private final PaperExchange exchange;
    private Instant now;
    private Instant lastFundingHour;

    public PaperVenue(PaperConfig config, FundingRates fundingRates, Clock clock) {
        this(DEFAULT_NAME, config, fundingRates, clock);
    }

    /** @param name the venue's name, distinct when a backtest gives one vault several paper venues */
    public PaperVenue(String name, PaperConfig config, FundingRates fundingRates, Clock clock) {
        this.name = name;
        this.config = config;
        this.fundingRates = fundingRates;
        this.clock = clock;
        this.now = clock.instant();
        this.lastFundingHour = now.truncatedTo(ChronoUnit.HOURS);
        config.instruments().forEach(i -> instruments.put(i.market(), i));
        this.account = new PaperAccount(name, config, fundingRates, instruments, marks);
        this.exchange = new PaperExchange(name, config, account);
    }

    @Override
    public String name() {
        return name;
    }

    // Simulation controls

    /** Sets the mark (at the current time), delivers it to listeners and fills the resting orders it crosses. */
    @Override
    public synchronized void setMark(String market, BigDecimal price) {
        instrument(market);
        if (price == null || price.signum() <= 0) {
            throw new IllegalArgumentException("mark of " + market + " must be positive, was " + price);
        }
        catchUpWithClock();
        MarkPrice mark = new MarkPrice(market, price, null, now);
        marks.put(market, mark);
        markListeners.getOrDefault(market, List.of()).forEach(l -> l.accept(mark));
        exchange.matchResting(market, price, now);
    }

    /** Moves simulated time forward to {@code time}, charging funding at every whole hour passed. */
    @Override
    public synchronized void advanceTo(Instant time) {
        if (time.isBefore(now)) {
            throw new IllegalArgumentException("paper venue time cannot go back from " + now + " to " + time);
        }
        for (Instant hour = lastFundingHour.plus(Duration.ofHours(1));
                !hour.isAfter(time);
                hour = hour.plus(Duration.ofHours(1))) {
            account.chargeFunding(hour);
            lastFundingHour = hour;
        }
        now = time;
    }

    /** Funding paid so far (positive) or received (negative), all markets. */
    @Override
    public synchronized BigDecimal fundingPaid() {
        return account.fundingPaid();
    }

    /** Fees paid so far, all markets. */
    @Override
    public synchronized BigDecimal feesPaid() {
        return account.feesPaid();
    }

    /** What taking fills paid against the mark so far, all markets. */
    @Override
    public synchronized BigDecimal slippagePaid() {
        return account.slippagePaid();
    }

    @Override
    public BigDecimal startingCollateral() {
        return config.collateral();
    }

    private void catchUpWithClock() {
        Instant clockNow = clock.instant();
        if (clockNow.isAfter(now)) {
            advanceTo(clockNow);
        }
    }

    // Market data

    @Override
    public List<Instrument> instruments() {
        return List.copyOf(instruments.values());
    }

    @Override
    public Instrument instrument(String market) {
        Instrument instrument = instruments.get(market);
        if (instrument == null) {
            throw new OrderRejectedException(name, "paper venue does not list " + market);
        }
        return instrument;
    }

    @Override
    public synchronized MarkPrice markPrice(String market) {
        instrument(market);
        MarkPrice mark = marks.get(market);
        if (mark == null) {
            throw new OrderRejectedException(name, "no mark price set for " + market + " yet");
        }
        return mark;
    }

    @Override
    public synchronized FundingRate fundingRate(String market) {
        instrument(market);
        catchUpWithClock();
        Instant hour = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        BigDecimal rate = fundingRates.hourlyRate(market, hour);
        return new FundingRate(market, rate == null ? BigDecimal.ZERO : rate, hour);
    }

    // Orders

    @Override
    public synchronized VenueOrder place(OrderRequest request) {
        Optional<VenueOrder> placed = exchange.placed(request.clientId());
        if (placed.isPresent()) {
            return placed.get();
        }
        Instrument instrument = instrument(request.market());
        catchUpWithClock();
        return exchange.place(request, instrument, markPrice(request.market()).mark(), now);
    }

    @Override
    public synchronized void cancel(String market, String venueOrderId) {
        exchange.cancel(market, venueOrderId);
    }

    @Override
    public synchronized void cancelByClientId(String market, ClientOrderId clientId) {
        exchange.cancelByClientId(market, clientId);
    }

    @Override
    public synchronized Optional<VenueOrder> orderByVenueId(String market, String venueOrderId) {
        return exchange.orderByVenueId(market, venueOrderId);
    }

    @Override
    public synchronized Optional<VenueOrder> orderByClientId(String market, ClientOrderId clientId) {
        return exchange.orderByClientId(market, clientId);
    }

    @Override
    public synchronized List<VenueOrder> openOrders() {
        return exchange.openOrders();
    }

    // Account

    @Override
    public synchronized List<Position> positions() {
        catchUpWithClock();
        return account.positions();
    }

    @Override
    public synchronized Margin margin() {
        catchUpWithClock();
        return account.margin();
    }

    @Override
    public synchronized void setLeverage(String market, int newLeverage) {
        int max = instrument(market).maxLeverage();
        if (newLeverage < 1 || newLeverage > max) {
            throw new OrderRejectedException(
                    name, "leverage " + newLeverage + " for " + market + " is outside 1.." + max);
        }
        account.setLeverage(market, newLeverage);
    }

    @Override
    public synchronized List<Fill> fillsSince(Instant since) {
        return exchange.fillsSince(since);
    }

    // Streams: synchronous, on the thread that moves the simulation

    @Override
    public synchronized Subscription subscribeMarkPrices(String market, Consumer<MarkPrice> listener) {
        instrument(market);
        List<Consumer<MarkPrice>> listeners = markListeners.computeIfAbsent(market, m -> new CopyOnWriteArrayList<>());
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public Subscription subscribeFills(Consumer<Fill> listener) {
        return exchange.subscribeFills(listener);
    }

    @Override
    public void close() {
        // Nothing to release: no threads, no connections.
    }
}
