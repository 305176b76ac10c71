package io.yielddelta.keeper.core.hedge;

import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.RateLimitedException;
import io.yielddelta.keeper.core.venue.VenueException;
import io.yielddelta.keeper.core.venue.VenueOrder;
import io.yielddelta.keeper.core.venue.VenueUnavailableException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends hedge orders to the primary venue, or to the secondary while the primary is down: unavailable or rate limited
 * without a success for longer than the configured time, or rejecting order after order. While on the secondary it
 * tries the primary again every probe interval and moves back once the primary answers.
 *
 * <p>Positions on both venues count toward the one target: {@link #positions} reports both, and falls back to the last
 * positions read from a venue that cannot be reached, so a hedge held on an unreachable primary is never doubled on
 * the secondary. An unknown outcome never triggers a fail-over: the order may exist, and is reconciled instead.
 */
public final class VenueRouter {
    private static final Logger log = LoggerFactory.getLogger(VenueRouter.class);

    private final HedgeVenue primary;
    private final HedgeVenue secondary;
    private final FailoverSettings settings;
    private final Clock clock;
    private final Map<String, List<Position>> lastPositions = new ConcurrentHashMap<>();

    private Instant failingSince;
    private int consecutiveRejects;
    private boolean onSecondary;
    private Instant lastProbe;

    /** @param secondary null when there is no secondary (the router then only tracks the primary's health) */
    public VenueRouter(HedgeVenue primary, HedgeVenue secondary, FailoverSettings settings, Clock clock) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.secondary = secondary;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (secondary != null && secondary.name().equals(primary.name())) {
            throw new IllegalArgumentException("primary and secondary are the same venue " + primary.name());
        }
    }

    /** The venue new hedge orders go to; while on the secondary, probes the primary when a probe is due. */
    public synchronized HedgeVenue active() {
        if (onSecondary && probeDue()) {
            lastProbe = clock.instant();
            try {
                primary.margin();
                log.info(
                        "primary venue {} answers again: moving the hedge back from {}",
                        primary.name(),
                        secondary.name());
                onSecondary = false;
                failingSince = null;
                consecutiveRejects = 0;
            } catch (VenueException e) {
                log.debug("primary venue {} still unavailable: {}", primary.name(), e.getMessage());
            }
        }
        return onSecondary ? secondary : primary;
    }

    public synchronized boolean failedOver() {
        return onSecondary;
    }

    /** Every venue the router knows, primary first. */
    public List<HedgeVenue> venues() {
        return secondary == null ? List.of(primary) : List.of(primary, secondary);
    }

    public HedgeVenue venue(String name) {
        for (HedgeVenue venue : venues()) {
            if (venue.name().equals(name)) {
                return venue;
            }
        }
        throw new IllegalArgumentException("no venue named " + name);
    }

    /** Places on the active venue, recording the primary's health; exceptions reach the caller unchanged. */
    public VenueOrder place(OrderRequest request) {
        return placeOn(active(), request);
    }

    /** Places on the given venue (one of the router's), recording the primary's health. */
    public VenueOrder placeOn(HedgeVenue venue, OrderRequest request) {
        try {
            VenueOrder order = venue.place(request);
            if (venue == primary) {
                recordPrimarySuccess();
            }
            applyFill(venue.name(), order);
            return order;
        } catch (VenueUnavailableException | RateLimitedException e) {
            if (venue == primary) {
                recordPrimaryFailure(e);
            }
            throw e;
        } catch (OrderRejectedException e) {
            if (venue == primary) {
                recordPrimaryRejection(e);
            }
            throw e;
        }
    }

    /**
     * Signed position per venue in a market; a venue that cannot be read counts with its last known positions.
     *
     * @throws VenueUnavailableException if a venue cannot be read and has never been read: hedging without knowing
     *                                   what it holds could double the hedge
     */
    public Map<String, BigDecimal> positions(String market) {
        Map<String, BigDecimal> sizes = new LinkedHashMap<>();
        for (HedgeVenue venue : venues()) {
            BigDecimal size = BigDecimal.ZERO;
            for (Position position : positionsOn(venue)) {
                if (position.market().equals(market)) {
                    size = size.add(position.size());
                }
            }
            sizes.put(venue.name(), size);
        }
        return sizes;
    }

    /** A venue's positions, or the last ones read when it cannot be reached now. */
    public List<Position> positionsOn(HedgeVenue venue) {
        try {
            List<Position> positions = List.copyOf(venue.positions());
            lastPositions.put(venue.name(), positions);
            if (venue == primary) {
                recordPrimarySuccess();
            }
            return positions;
        } catch (VenueUnavailableException | RateLimitedException e) {
            if (venue == primary) {
                recordPrimaryFailure(e);
            }
            List<Position> known = lastPositions.get(venue.name());
            if (known == null) {
                throw new VenueUnavailableException(venue.name(), "positions never read, cannot hedge safely", e);
            }
            return known;
        }
    }

    /**
     * Keeps the last known positions true to the keeper's own fills, so that they still count if the venue becomes
     * unreachable before its positions are read again.
     */
    private void applyFill(String venue, VenueOrder order) {
        if (order.filledSize().signum() == 0) {
            return;
        }
        lastPositions.computeIfPresent(venue, (name, known) -> {
            BigDecimal fill = HedgeVenue.signed(order.side(), order.filledSize());
            List<Position> updated = new ArrayList<>();
            boolean found = false;
            for (Position position : known) {
                if (position.market().equals(order.market())) {
                    updated.add(new Position(
                            position.market(),
                            position.size().add(fill),
                            position.entryPrice(),
                            position.liquidationPrice(),
                            position.unrealizedPnl(),
                            position.leverage()));
                    found = true;
                } else {
                    updated.add(position);
                }
            }
            if (!found) {
                updated.add(new Position(order.market(), fill, order.averageFillPrice(), null, BigDecimal.ZERO, 0));
            }
            return List.copyOf(updated);
        });
    }

    private synchronized void recordPrimarySuccess() {
        failingSince = null;
        consecutiveRejects = 0;
    }

    private synchronized void recordPrimaryFailure(VenueException e) {
        Instant now = clock.instant();
        if (failingSince == null) {
            failingSince = now;
        }
        if (!onSecondary
                && secondary != null
                && Duration.between(failingSince, now).compareTo(settings.unavailableFor()) >= 0) {
            failOver("unavailable since " + failingSince + ": " + e.getMessage());
        }
    }

    private synchronized void recordPrimaryRejection(OrderRejectedException e) {
        consecutiveRejects++;
        if (!onSecondary && secondary != null && consecutiveRejects >= settings.maxConsecutiveRejects()) {
            failOver(consecutiveRejects + " rejections in a row, last: " + e.reason());
        }
    }

    private void failOver(String why) {
        log.warn("failing over from {} to {}: {}", primary.name(), secondary.name(), why);
        onSecondary = true;
        lastProbe = clock.instant();
    }

    private boolean probeDue() {
        return lastProbe == null || !clock.instant().isBefore(lastProbe.plus(settings.probeInterval()));
    }
}
