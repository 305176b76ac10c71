package io.yielddelta.keeper.core.backtest;

import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.Fill;
import io.yielddelta.keeper.core.venue.FundingRate;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.Margin;
import io.yielddelta.keeper.core.venue.MarkPrice;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.VenueOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** A simulated venue that hands every call to another; subclasses change what the backtest needs changed. */
public class ForwardingSimulatedVenue implements SimulatedVenue {
    private final SimulatedVenue delegate;

    public ForwardingSimulatedVenue(SimulatedVenue delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public List<Instrument> instruments() {
        return delegate.instruments();
    }

    @Override
    public Instrument instrument(String market) {
        return delegate.instrument(market);
    }

    @Override
    public MarkPrice markPrice(String market) {
        return delegate.markPrice(market);
    }

    @Override
    public FundingRate fundingRate(String market) {
        return delegate.fundingRate(market);
    }

    @Override
    public VenueOrder place(OrderRequest request) {
        return delegate.place(request);
    }

    @Override
    public void cancel(String market, String venueOrderId) {
        delegate.cancel(market, venueOrderId);
    }

    @Override
    public void cancelByClientId(String market, ClientOrderId clientId) {
        delegate.cancelByClientId(market, clientId);
    }

    @Override
    public Optional<VenueOrder> orderByVenueId(String market, String venueOrderId) {
        return delegate.orderByVenueId(market, venueOrderId);
    }

    @Override
    public Optional<VenueOrder> orderByClientId(String market, ClientOrderId clientId) {
        return delegate.orderByClientId(market, clientId);
    }

    @Override
    public List<VenueOrder> openOrders() {
        return delegate.openOrders();
    }

    @Override
    public List<Position> positions() {
        return delegate.positions();
    }

    @Override
    public Margin margin() {
        return delegate.margin();
    }

    @Override
    public void setLeverage(String market, int leverage) {
        delegate.setLeverage(market, leverage);
    }

    @Override
    public List<Fill> fillsSince(Instant since) {
        return delegate.fillsSince(since);
    }

    @Override
    public Subscription subscribeMarkPrices(String market, Consumer<MarkPrice> listener) {
        return delegate.subscribeMarkPrices(market, listener);
    }

    @Override
    public Subscription subscribeFills(Consumer<Fill> listener) {
        return delegate.subscribeFills(listener);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void advanceTo(Instant time) {
        delegate.advanceTo(time);
    }

    @Override
    public void setMark(String market, BigDecimal price) {
        delegate.setMark(market, price);
    }

    @Override
    public BigDecimal startingCollateral() {
        return delegate.startingCollateral();
    }

    @Override
    public BigDecimal feesPaid() {
        return delegate.feesPaid();
    }

    @Override
    public BigDecimal fundingPaid() {
        return delegate.fundingPaid();
    }

    @Override
    public BigDecimal slippagePaid() {
        return delegate.slippagePaid();
    }
}
