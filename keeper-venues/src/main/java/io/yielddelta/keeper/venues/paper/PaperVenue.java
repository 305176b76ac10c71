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
import io.yielddelta.keeper.core.venue.OrderStatus;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.core.venue.VenueOrder;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
    private static final BigDecimal BPS = new BigDecimal("0.0001");
    private static final MathContext PRICE_MATH = MathContext.DECIMAL64;

    private final String name;
    private final PaperConfig config;
    private final FundingRates fundingRates;
    private final Clock clock;
    private final Map<String, Instrument> instruments = new LinkedHashMap<>();
    private final Map<String, MarkPrice> marks = new LinkedHashMap<>();
    private final Map<String, Book> books = new LinkedHashMap<>();
    private final Map<String, Integer> leverage = new LinkedHashMap<>();
    private final Map<String, PaperOrder> ordersById = new LinkedHashMap<>();
    private final Map<ClientOrderId, PaperOrder> ordersByClientId = new LinkedHashMap<>();
    /** The orders not yet filled or canceled: what a mark can fill, kept apart so marks cost O(open) (backtests). */
    private final Map<String, PaperOrder> working = new LinkedHashMap<>();
    private final List<Fill> fills = new ArrayList<>();
    private final Map<String, List<Consumer<MarkPrice>>> markListeners = new LinkedHashMap<>();
    private final List<Consumer<Fill>> fillListeners = new CopyOnWriteArrayList<>();
    private BigDecimal cash;
    private BigDecimal feesPaid = BigDecimal.ZERO;
    private BigDecimal slippagePaid = BigDecimal.ZERO;
    private Instant now;
    private Instant lastFundingHour;
    private long nextOrder = 1;
    private long nextFill = 1;

    public PaperVenue(PaperConfig config, FundingRates fundingRates, Clock clock) {
        this(DEFAULT_NAME, config, fundingRates, clock);
    }

    /** @param name the venue's name, distinct when a backtest gives one vault several paper venues */
    public PaperVenue(String name, PaperConfig config, FundingRates fundingRates, Clock clock) {
        this.name = name;
        this.config = config;
        this.fundingRates = fundingRates;
        this.clock = clock;
        this.cash = config.collateral();
        this.now = clock.instant();
        this.lastFundingHour = now.truncatedTo(ChronoUnit.HOURS);
        config.instruments().forEach(i -> instruments.put(i.market(), i));
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
        matchResting(market, price);
    }

    /** Moves simulated time forward to {@code time}, charging funding at every whole hour passed. */
    @Override
    public synchronized void advanceTo(Instant time) {
        if (time.isBefore(now)) {
            throw new IllegalArgumentException("paper venue time cannot go back from " + now + " to " + time);
        }
        for (Instant hour = lastFundingHour.plus(Duration.ofHours(1)); !hour.isAfter(time);
                hour = hour.plus(Duration.ofHours(1))) {
            chargeFunding(hour);
            lastFundingHour = hour;
        }
        now = time;
    }

    /** Funding paid so far (positive) or received (negative), all markets. */
    @Override
    public synchronized BigDecimal fundingPaid() {
        return books.values().stream().map(b -> b.fundingPaid).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Fees paid so far, all markets. */
    @Override
    public synchronized BigDecimal feesPaid() {
        return feesPaid;
    }

    /** What taking fills paid against the mark so far, all markets. */
    @Override
    public synchronized BigDecimal slippagePaid() {
        return slippagePaid;
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

    private void chargeFunding(Instant hour) {
        for (Map.Entry<String, Book> entry : books.entrySet()) {
            Book book = entry.getValue();
            MarkPrice mark = marks.get(entry.getKey());
            if (book.size.signum() == 0 || mark == null) {
                continue;
            }
            BigDecimal rate = fundingRates.hourlyRate(entry.getKey(), hour);
            if (rate == null || rate.signum() == 0) {
                continue;
            }
            // Positive rate: longs (size > 0) pay, shorts receive.
            BigDecimal payment = book.size.multiply(mark.mark()).multiply(rate);
            cash = cash.subtract(payment);
            book.fundingPaid = book.fundingPaid.add(payment);
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
        PaperOrder existing = ordersByClientId.get(request.clientId());
        if (existing != null) {
            return existing.snapshot();
        }
        Instrument instrument = instrument(request.market());
        catchUpWithClock();
        BigDecimal mark = markPrice(request.market()).mark();
        Book book = book(request.market());
        if (request.reduceOnly() && !reduces(book.size, request.side(), request.size())) {
            throw new OrderRejectedException(name, "reduce-only " + request.side() + " " + request.size().toPlainString()
                    + " " + request.market() + " would not reduce the position of " + book.size.toPlainString());
        }
        boolean crosses = request.limitPrice() != null && crosses(request.side(), request.limitPrice(), mark);
        if (request.type() == OrderType.POST_ONLY && crosses) {
            throw new OrderRejectedException(name, "post-only " + request.side() + " at "
                    + request.limitPrice().toPlainString() + " would cross the mark " + mark.toPlainString());
        }
        if (request.size().compareTo(instrument.lotSize()) < 0) {
            throw new OrderRejectedException(name, "size " + request.size().toPlainString() + " is below the lot size "
                    + instrument.lotSize().toPlainString());
        }
        if (!request.reduceOnly()) {
            checkMargin(request, mark);
        }

        PaperOrder order = new PaperOrder("paper-" + nextOrder++, request);
        ordersById.put(order.id, order);
        ordersByClientId.put(request.clientId(), order);
        if (request.type() == OrderType.MARKET_IOC || crosses) {
            BigDecimal price = takerPrice(request.side(), mark);
            if (request.limitPrice() != null && worse(request.side(), price, request.limitPrice())) {
                price = request.limitPrice(); // slippage never goes beyond the order's own limit
            }
            BigDecimal filledBefore = order.filled;
            execute(order, order.remaining(), price, config.takerFeeBps());
            slippagePaid = slippagePaid.add(order.filled.subtract(filledBefore).multiply(price.subtract(mark).abs()));
            if (request.type() == OrderType.MARKET_IOC && order.status != OrderStatus.FILLED) {
                order.status = OrderStatus.CANCELED;
            }
        }
        if (!order.status.isTerminal()) {
            working.put(order.id, order);
        }
        return order.snapshot();
    }

    /** The mark moved: resting buys at or above it and sells at or below it fill at their limit, as makers. */
    private void matchResting(String market, BigDecimal mark) {
        for (PaperOrder order : List.copyOf(working.values())) {
            if (order.request.market().equals(market) && !order.status.isTerminal()
                    && crosses(order.request.side(), order.request.limitPrice(), mark)) {
                execute(order, order.remaining(), order.request.limitPrice(), config.makerFeeBps());
            }
        }
    }

    private void execute(PaperOrder order, BigDecimal size, BigDecimal price, BigDecimal feeBps) {
        Book book = book(order.request.market());
        if (order.request.reduceOnly()) {
            // Never past flat: a resting reduce-only order shrinks with the position it reduces.
            boolean opposite = book.size.signum() == -HedgeVenue.signed(order.request.side(), BigDecimal.ONE).signum();
            BigDecimal reducible = opposite ? size.min(book.size.abs()) : BigDecimal.ZERO;
            if (reducible.signum() == 0) {
                order.status = OrderStatus.CANCELED;
                working.remove(order.id);
                return;
            }
            size = reducible;
        }
        BigDecimal fee = size.multiply(price).multiply(feeBps).multiply(BPS);
        feesPaid = feesPaid.add(fee);
        cash = cash.subtract(fee).add(book.trade(HedgeVenue.signed(order.request.side(), size), price));
        order.fill(size, price);
        Fill fill = new Fill("paper-fill-" + nextFill++, order.id, order.request.clientId(), order.request.market(),
                order.request.side(), size, price, fee, now);
        fills.add(fill);
        fillListeners.forEach(l -> l.accept(fill));
        if (order.request.reduceOnly() && order.status != OrderStatus.FILLED && book.size.signum() == 0) {
            order.status = OrderStatus.CANCELED;
        }
        if (order.status.isTerminal()) {
            working.remove(order.id);
        }
    }

    private BigDecimal takerPrice(Side side, BigDecimal mark) {
        BigDecimal slip = config.slippageBps().multiply(BPS);
        return mark.multiply(side == Side.BUY ? BigDecimal.ONE.add(slip) : BigDecimal.ONE.subtract(slip));
    }

    /** A buy at {@code limit} crosses a {@code price} at or below it; a sell one at or above it. */
    private static boolean crosses(Side side, BigDecimal limit, BigDecimal price) {
        return side == Side.BUY ? limit.compareTo(price) >= 0 : limit.compareTo(price) <= 0;
    }

    /** For a buy, a price above the limit; for a sell, below it. */
    private static boolean worse(Side side, BigDecimal price, BigDecimal limit) {
        return side == Side.BUY ? price.compareTo(limit) > 0 : price.compareTo(limit) < 0;
    }

    private static boolean reduces(BigDecimal position, Side side, BigDecimal size) {
        BigDecimal signed = HedgeVenue.signed(side, size);
        return position.signum() != 0 && signed.signum() == -position.signum() && size.compareTo(position.abs()) <= 0;
    }

    /** Exposure after this order (positions and all working orders) must fit in account value × leverage. */
    private void checkMargin(OrderRequest request, BigDecimal mark) {
        BigDecimal required = BigDecimal.ZERO;
        for (String market : instruments.keySet()) {
            MarkPrice m = marks.get(market);
            if (m == null) {
                continue;
            }
            BigDecimal exposure = book(market).size.abs();
            for (PaperOrder o : working.values()) {
                if (o.request.market().equals(market) && !o.request.reduceOnly()) {
                    exposure = exposure.add(o.remaining());
                }
            }
            if (market.equals(request.market())) {
                exposure = exposure.add(request.size());
            }
            required = required.add(exposure.multiply(m.mark()).divide(BigDecimal.valueOf(leverage(market)), PRICE_MATH));
        }
        BigDecimal available = accountValue();
        if (required.compareTo(available) > 0) {
            throw new OrderRejectedException(name, "insufficient margin: " + request.size().toPlainString() + " "
                    + request.market() + " needs " + required.toPlainString() + " at leverage "
                    + leverage(request.market()) + ", account value is " + available.toPlainString());
        }
    }

    @Override
    public synchronized void cancel(String market, String venueOrderId) {
        PaperOrder order = ordersById.get(venueOrderId);
        if (order == null || !order.request.market().equals(market)) {
            throw new OrderRejectedException(name, "no " + market + " order " + venueOrderId);
        }
        if (order.status.isTerminal()) {
            throw new OrderRejectedException(name, "order " + venueOrderId + " is already " + order.status);
        }
        order.status = OrderStatus.CANCELED;
        working.remove(order.id);
    }

    @Override
    public synchronized void cancelByClientId(String market, ClientOrderId clientId) {
        PaperOrder order = ordersByClientId.get(clientId);
        if (order == null) {
            throw new OrderRejectedException(name, "no " + market + " order with client id " + clientId);
        }
        cancel(market, order.id);
    }

    @Override
    public synchronized Optional<VenueOrder> orderByVenueId(String market, String venueOrderId) {
        return Optional.ofNullable(ordersById.get(venueOrderId))
                .filter(o -> o.request.market().equals(market))
                .map(PaperOrder::snapshot);
    }

    @Override
    public synchronized Optional<VenueOrder> orderByClientId(String market, ClientOrderId clientId) {
        return Optional.ofNullable(ordersByClientId.get(clientId))
                .filter(o -> o.request.market().equals(market))
                .map(PaperOrder::snapshot);
    }

    @Override
    public synchronized List<VenueOrder> openOrders() {
        return working.values().stream().map(PaperOrder::snapshot).toList();
    }

    // Account

    @Override
    public synchronized List<Position> positions() {
        catchUpWithClock();
        List<Position> positions = new ArrayList<>();
        books.forEach((market, book) -> {
            if (book.size.signum() != 0) {
                BigDecimal mark = marks.get(market).mark();
                positions.add(new Position(market, book.size, book.entry, liquidationPrice(market, book),
                        unrealised(book, mark), leverage(market)));
            }
        });
        return positions;
    }

    /**
     * Where the account value would reach zero if only this market's mark moved: a simple, conservative estimate (no
     * maintenance margin), null when no price reaches it.
     */
    private BigDecimal liquidationPrice(String market, Book book) {
        BigDecimal mark = marks.get(market).mark();
        BigDecimal price = mark.subtract(accountValue().divide(book.size, PRICE_MATH));
        return price.signum() > 0 ? price : null;
    }

    @Override
    public synchronized Margin margin() {
        catchUpWithClock();
        BigDecimal value = accountValue();
        BigDecimal used = BigDecimal.ZERO;
        for (Map.Entry<String, Book> entry : books.entrySet()) {
            MarkPrice mark = marks.get(entry.getKey());
            if (mark != null) {
                used = used.add(entry.getValue().size.abs().multiply(mark.mark())
                        .divide(BigDecimal.valueOf(leverage(entry.getKey())), PRICE_MATH));
            }
        }
        return new Margin(value, used, value.subtract(used).max(BigDecimal.ZERO));
    }

    private BigDecimal accountValue() {
        BigDecimal value = cash;
        for (Map.Entry<String, Book> entry : books.entrySet()) {
            MarkPrice mark = marks.get(entry.getKey());
            if (mark != null) {
                value = value.add(unrealised(entry.getValue(), mark.mark()));
            }
        }
        return value;
    }

    private static BigDecimal unrealised(Book book, BigDecimal mark) {
        return mark.subtract(book.entry).multiply(book.size);
    }

    @Override
    public synchronized void setLeverage(String market, int newLeverage) {
        int max = instrument(market).maxLeverage();
        if (newLeverage < 1 || newLeverage > max) {
            throw new OrderRejectedException(name, "leverage " + newLeverage + " for " + market + " is outside 1.." + max);
        }
        leverage.put(market, newLeverage);
    }

    private int leverage(String market) {
        return leverage.getOrDefault(market, Math.min(config.defaultLeverage(), instrument(market).maxLeverage()));
    }

    @Override
    public synchronized List<Fill> fillsSince(Instant since) {
        return fills.stream().filter(f -> !f.time().isBefore(since)).toList();
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
        fillListeners.add(listener);
        return () -> fillListeners.remove(listener);
    }

    @Override
    public void close() {
        // Nothing to release: no threads, no connections.
    }

    private Book book(String market) {
        return books.computeIfAbsent(market, m -> new Book());
    }

    /** One market's position: signed size, average entry, funding paid. */
    private static final class Book {
        BigDecimal size = BigDecimal.ZERO;
        BigDecimal entry = BigDecimal.ZERO;
        BigDecimal fundingPaid = BigDecimal.ZERO;

        /** Applies a trade of signed size at price; returns the P&amp;L it realises. */
        BigDecimal trade(BigDecimal signedSize, BigDecimal price) {
            BigDecimal after = size.add(signedSize);
            BigDecimal realised = BigDecimal.ZERO;
            if (size.signum() == 0 || size.signum() == signedSize.signum()) {
                entry = size.multiply(entry).add(signedSize.multiply(price)).divide(after, PRICE_MATH);
            } else {
                BigDecimal closed = signedSize.abs().min(size.abs());
                realised = price.subtract(entry).multiply(closed).multiply(BigDecimal.valueOf(size.signum()));
                if (after.signum() == 0) {
                    entry = BigDecimal.ZERO;
                } else if (after.signum() != size.signum()) {
                    entry = price; // flipped: the remainder opened at this price
                }
            }
            size = after;
            return realised;
        }
    }

    private static final class PaperOrder {
        final String id;
        final OrderRequest request;
        BigDecimal filled = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        OrderStatus status = OrderStatus.OPEN;

        PaperOrder(String id, OrderRequest request) {
            this.id = id;
            this.request = request;
        }

        BigDecimal remaining() {
            return request.size().subtract(filled);
        }

        void fill(BigDecimal size, BigDecimal price) {
            filled = filled.add(size);
            notional = notional.add(size.multiply(price));
            status = filled.compareTo(request.size()) >= 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        }

        VenueOrder snapshot() {
            BigDecimal average = filled.signum() == 0 ? null : notional.divide(filled, PRICE_MATH);
            return new VenueOrder(id, request.clientId(), request.market(), request.side(), request.size(), filled,
                    average, request.limitPrice(), status, request.reduceOnly());
        }
    }
}
