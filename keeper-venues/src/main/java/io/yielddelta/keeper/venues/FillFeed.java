package io.yielddelta.keeper.venues;

import io.yielddelta.keeper.core.venue.Fill;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A venue account's fills as one stream, each delivered once and oldest first, whether a WebSocket pushed it or REST
 * recovered it after a reconnect (or, on Coinbase, after an order update said its filled quantity grew). Fills are
 * told apart by id; the last {@value #REMEMBERED_FILLS} ids are remembered, far more than ever share the newest
 * fill's time, which is where each REST read starts (inclusive, so fills of the same instant are not lost). One
 * listener's exception is logged and reaches neither the stream nor the other listeners.
 */
public final class FillFeed {

    private static final Logger log = LoggerFactory.getLogger(FillFeed.class);
    static final int REMEMBERED_FILLS = 10_000;

    private final String venue;
    private final Function<Instant, List<Fill>> fillsSince;
    private final List<Consumer<Fill>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> seen = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_FILLS;
        }
    };
    private Instant newest;

    /**
     * @param fillsSince REST lookup of the account's fills at or after a time
     * @param start      fills before this moment are not delivered (the venue client's start)
     */
    public FillFeed(String venue, Function<Instant, List<Fill>> fillsSince, Instant start) {
        this.venue = venue;
        this.fillsSince = fillsSince;
        this.newest = start;
    }

    public HedgeVenue.Subscription add(Consumer<Fill> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Fills the keeper already knows of (a stream's first snapshot is history, not news): remembered, not delivered. */
    public synchronized void markSeen(List<Fill> fills) {
        fills.forEach(f -> {
            seen.put(f.fillId(), Boolean.TRUE);
            advance(f.time());
        });
    }

    /** Fills a stream pushed: the new ones are delivered. */
    public synchronized void onStream(List<Fill> fills) {
        deliver(fills);
    }

    /** Delivers, through REST, the fills since the newest one seen; false if REST failed (the caller retries later). */
    public boolean reconcile() {
        Instant since;
        synchronized (this) {
            since = newest;
        }
        List<Fill> recovered;
        try {
            recovered = fillsSince.apply(since);
        } catch (RuntimeException e) {
            log.warn("{}: fill reconciliation since {} failed: {}", venue, since, e.toString());
            return false;
        }
        synchronized (this) {
            deliver(recovered);
        }
        return true;
    }

    /** How many fill ids are remembered (bounded). */
    synchronized int remembered() {
        return seen.size();
    }

    private void deliver(List<Fill> fills) {
        fills.stream()
                .sorted(Comparator.comparing(Fill::time).thenComparing(Fill::fillId))
                .forEach(fill -> {
                    if (seen.put(fill.fillId(), Boolean.TRUE) == null) {
                        advance(fill.time());
                        for (Consumer<Fill> listener : listeners) {
                            try {
                                listener.accept(fill);
                            } catch (RuntimeException e) {
                                log.warn(
                                        "{}: a fill listener failed on fill {}: {}",
                                        venue,
                                        fill.fillId(),
                                        e.toString());
                            }
                        }
                    }
                });
    }

    private void advance(Instant time) {
        if (time.isAfter(newest)) {
            newest = time;
        }
    }
}
