package io.yielddelta.keeper.core.testing;

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
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.UnknownOutcomeException;
import io.yielddelta.keeper.core.venue.VenueOrder;
import io.yielddelta.keeper.core.venue.VenueUnavailableException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A venue in memory for core tests: IOC orders fill completely at their limit price, and failures are scripted
 * (down, rejecting, or losing the answer after acting).
 */
public final class InMemoryVenue implements HedgeVenue {
    private final String name;
    private final Instrument instrument;
    private final Map<String, BigDecimal> positions = new LinkedHashMap<>();
    private final Map<ClientOrderId, VenueOrder> ordersByClientId = new LinkedHashMap<>();
    private final List<VenueOrder> openOrders = new ArrayList<>();
    private final List<OrderRequest> placed = new ArrayList<>();
    private final List<Consumer<MarkPrice>> markListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private BigDecimal mark;
    private BigDecimal fundingPerHour = BigDecimal.ZERO;
    private BigDecimal accountValue = new BigDecimal("1000000");
    private boolean down;
    private boolean rejecting;
    private int loseAnswers;
    private boolean loseBeforeActing;
    private int nextId = 1;

    public InMemoryVenue(String name, String market, BigDecimal mark) {
        this.name = name;
        this.instrument = new Instrument(market, new BigDecimal("0.1"), new BigDecimal("0.001"), BigDecimal.TEN, 20);
        this.mark = mark;
    }

    /** Sets the mark and streams it to the mark subscribers of the venue's market. */
    public void setMark(BigDecimal mark) {
        this.mark = mark;
        markListeners.forEach(l -> l.accept(new MarkPrice(instrument.market(), mark, mark, Instant.EPOCH)));
    }

    public void setDown(boolean down) {
        this.down = down;
    }

    public void setRejecting(boolean rejecting) {
        this.rejecting = rejecting;
    }

    public void setFundingPerHour(BigDecimal rate) {
        this.fundingPerHour = rate;
    }

    public void setAccountValue(BigDecimal value) {
        this.accountValue = value;
    }

    /** The next {@code count} placements act, then lose their answer (UnknownOutcomeException). */
    public void loseAnswersAfterActing(int count) {
        this.loseAnswers = count;
        this.loseBeforeActing = false;
    }

    /** The next placement is lost before it reaches the matching engine, and raises UnknownOutcomeException. */
    public void loseNextBeforeActing() {
        this.loseAnswers = 1;
        this.loseBeforeActing = true;
    }

    /** Opens a position directly, as a person using the venue's web page would. */
    public void openOutsideKeeper(String market, BigDecimal signedSize) {
        positions.merge(market, signedSize, BigDecimal::add);
    }

    /** Adds a resting order the keeper did not place. */
    public VenueOrder addForeignOpenOrder(String market, BigDecimal size) {
        VenueOrder order = new VenueOrder(
                "foreign-" + nextId++,
                null,
                market,
                io.yielddelta.keeper.core.venue.Side.BUY,
                size,
                BigDecimal.ZERO,
                null,
                mark.multiply(new BigDecimal("0.5")),
                OrderStatus.OPEN,
                false);
        openOrders.add(order);
        return order;
    }

    public List<OrderRequest> placed() {
        return List.copyOf(placed);
    }

    public BigDecimal position(String market) {
        return positions.getOrDefault(market, BigDecimal.ZERO);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Instrument> instruments() {
        return List.of(instrument);
    }

    @Override
    public Instrument instrument(String market) {
        available();
        if (!instrument.market().equals(market)) {
            throw new OrderRejectedException(name, "unknown market " + market);
        }
        return instrument;
    }

    @Override
    public MarkPrice markPrice(String market) {
        available();
        return new MarkPrice(market, mark, mark, Instant.EPOCH);
    }

    @Override
    public FundingRate fundingRate(String market) {
        available();
        return new FundingRate(market, fundingPerHour, Instant.EPOCH);
    }

    @Override
    public VenueOrder place(OrderRequest request) {
        available();
        if (rejecting) {
            throw new OrderRejectedException(name, "scripted rejection");
        }
        if (loseAnswers > 0) {
            loseAnswers--;
            if (loseBeforeActing) {
                throw new UnknownOutcomeException(name, request.clientId(), null);
            }
            execute(request);
            throw new UnknownOutcomeException(name, request.clientId(), null);
        }
        return execute(request);
    }

    private VenueOrder execute(OrderRequest request) {
        if (ordersByClientId.containsKey(request.clientId())) {
            throw new OrderRejectedException(name, "duplicate client order id " + request.clientId());
        }
        placed.add(request);
        positions.merge(request.market(), HedgeVenue.signed(request.side(), request.size()), BigDecimal::add);
        VenueOrder order = new VenueOrder(
                "v" + nextId++,
                request.clientId(),
                request.market(),
                request.side(),
                request.size(),
                request.size(),
                request.limitPrice(),
                request.limitPrice(),
                OrderStatus.FILLED,
                request.reduceOnly());
        ordersByClientId.put(request.clientId(), order);
        return order;
    }

    @Override
    public void cancel(String market, String venueOrderId) {
        openOrders.removeIf(o -> o.venueOrderId().equals(venueOrderId));
    }

    @Override
    public void cancelByClientId(String market, ClientOrderId clientId) {
        openOrders.removeIf(o -> clientId.equals(o.clientId()));
    }

    @Override
    public Optional<VenueOrder> orderByVenueId(String market, String venueOrderId) {
        available();
        return ordersByClientId.values().stream()
                .filter(o -> o.venueOrderId().equals(venueOrderId))
                .findFirst();
    }

    @Override
    public Optional<VenueOrder> orderByClientId(String market, ClientOrderId clientId) {
        available();
        return Optional.ofNullable(ordersByClientId.get(clientId));
    }

    @Override
    public List<VenueOrder> openOrders() {
        available();
        return List.copyOf(openOrders);
    }

    @Override
    public List<Position> positions() {
        available();
        List<Position> list = new ArrayList<>();
        positions.forEach((market, size) -> {
            if (size.signum() != 0) {
                list.add(new Position(market, size, mark, null, BigDecimal.ZERO, 5));
            }
        });
        return list;
    }

    @Override
    public Margin margin() {
        available();
        return new Margin(accountValue, BigDecimal.ZERO, accountValue);
    }

    @Override
    public void setLeverage(String market, int leverage) {
        available();
    }

    @Override
    public List<Fill> fillsSince(Instant since) {
        return List.of();
    }

    @Override
    public Subscription subscribeMarkPrices(String market, Consumer<MarkPrice> listener) {
        if (!market.equals(instrument.market())) {
            return () -> {};
        }
        markListeners.add(listener);
        return () -> markListeners.remove(listener);
    }

    @Override
    public Subscription subscribeFills(Consumer<Fill> listener) {
        return () -> {};
    }

    @Override
    public void close() {}

    private void available() {
        if (down) {
            throw new VenueUnavailableException(name, "HTTP 503", null);
        }
    }
}
