package io.yielddelta.keeper.app.observability;

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
import io.yielddelta.keeper.core.venue.RateLimitedException;
import io.yielddelta.keeper.core.venue.UnknownOutcomeException;
import io.yielddelta.keeper.core.venue.VenueOrder;
import io.yielddelta.keeper.core.venue.VenueUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A venue whose every API call is timed and classified for the metrics: latency by operation and outcome, errors by
 * the core's kinds (unavailable, rate limited, rejected, unknown outcome), and the waits a rate-limited venue asks
 * for. The call itself, its result and its exceptions pass through unchanged. Wrapping here, at the
 * {@link HedgeVenue} seam, measures every venue the same way (the real clients, their shared transport with its
 * retries, and the paper venue) without a metrics dependency in keeper-venues.
 */
public final class MeteredVenue implements HedgeVenue {

    static final List<String> ERROR_KINDS =
            List.of("unavailable", "rate_limited", "rejected", "unknown_outcome", "error");

    private final HedgeVenue venue;
    private final Telemetry telemetry;

    public MeteredVenue(HedgeVenue venue, Telemetry telemetry) {
        this.venue = venue;
        this.telemetry = telemetry;
        telemetry.venueOpened(venue.name());
    }

    private <T> T call(String operation, Supplier<T> call) {
        long started = System.nanoTime();
        String outcome = "error";
        try {
            T result = call.get();
            outcome = "ok";
            return result;
        } catch (RateLimitedException e) {
            outcome = "rate_limited";
            telemetry.rateLimitWait(venue.name(), e.retryAfter());
            throw e;
        } catch (VenueUnavailableException e) {
            outcome = "unavailable";
            throw e;
        } catch (OrderRejectedException e) {
            outcome = "rejected";
            throw e;
        } catch (UnknownOutcomeException e) {
            outcome = "unknown_outcome";
            throw e;
        } finally {
            telemetry.venueCall(venue.name(), operation, Duration.ofNanos(System.nanoTime() - started), outcome);
        }
    }

    private void run(String operation, Runnable call) {
        call(operation, () -> {
            call.run();
            return null;
        });
    }

    @Override
    public String name() {
        return venue.name();
    }

    @Override
    public List<Instrument> instruments() {
        return call("instruments", venue::instruments);
    }

    @Override
    public Instrument instrument(String market) {
        return call("instrument", () -> venue.instrument(market));
    }

    @Override
    public MarkPrice markPrice(String market) {
        return call("mark_price", () -> venue.markPrice(market));
    }

    @Override
    public FundingRate fundingRate(String market) {
        return call("funding_rate", () -> venue.fundingRate(market));
    }

    @Override
    public VenueOrder place(OrderRequest request) {
        return call("place", () -> venue.place(request));
    }

    @Override
    public void cancel(String market, String venueOrderId) {
        run("cancel", () -> venue.cancel(market, venueOrderId));
    }

    @Override
    public void cancelByClientId(String market, ClientOrderId clientId) {
        run("cancel", () -> venue.cancelByClientId(market, clientId));
    }

    @Override
    public Optional<VenueOrder> orderByVenueId(String market, String venueOrderId) {
        return call("order", () -> venue.orderByVenueId(market, venueOrderId));
    }

    @Override
    public Optional<VenueOrder> orderByClientId(String market, ClientOrderId clientId) {
        return call("order", () -> venue.orderByClientId(market, clientId));
    }

    @Override
    public List<VenueOrder> openOrders() {
        return call("open_orders", venue::openOrders);
    }

    @Override
    public List<Position> positions() {
        return call("positions", venue::positions);
    }

    @Override
    public Margin margin() {
        return call("margin", venue::margin);
    }

    @Override
    public void setLeverage(String market, int leverage) {
        run("set_leverage", () -> venue.setLeverage(market, leverage));
    }

    @Override
    public List<Fill> fillsSince(Instant since) {
        return call("fills", () -> venue.fillsSince(since));
    }

    @Override
    public Subscription subscribeMarkPrices(String market, Consumer<MarkPrice> listener) {
        return call("subscribe", () -> venue.subscribeMarkPrices(market, listener));
    }

    @Override
    public Subscription subscribeFills(Consumer<Fill> listener) {
        return call("subscribe", () -> venue.subscribeFills(listener));
    }

    @Override
    public void close() {
        venue.close();
    }
}
