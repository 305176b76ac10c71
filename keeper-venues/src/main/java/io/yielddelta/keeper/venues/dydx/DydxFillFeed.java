package io.yielddelta.keeper.venues.dydx;

import io.yielddelta.keeper.core.venue.Fill;
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
 * The account's fills as one stream, each delivered once: fills pushed by the v4_subaccounts channel and fills
 * recovered through REST after a reconnect are merged and deduplicated by fill id. {@link #reconcile()} asks for every
 * fill since the newest one seen (inclusive, so fills sharing its timestamp are not lost).
 */
final class DydxFillFeed {

    private static final Logger log = LoggerFactory.getLogger(DydxFillFeed.class);
    private static final int REMEMBERED_FILLS = 10_000;

    private final Function<Instant, List<Fill>> fillsSince;
    private final List<Consumer<Fill>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> seen = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_FILLS;
        }
    };
    private Instant newest;

    DydxFillFeed(Function<Instant, List<Fill>> fillsSince, Instant startedAt) {
        this.fillsSince = fillsSince;
        this.newest = startedAt;
    }

    void addListener(Consumer<Fill> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<Fill> listener) {
        listeners.remove(listener);
    }

    synchronized void onStream(List<Fill> fills) {
        deliver(fills);
    }

    /** Delivers the fills the stream missed; false if REST failed (the caller retries later). */
    boolean reconcile() {
        Instant since;
        synchronized (this) {
            since = newest;
        }
        List<Fill> recovered;
        try {
            recovered = fillsSince.apply(since);
        } catch (RuntimeException e) {
            log.warn("dydx: fill reconciliation since {} failed: {}", since, e.toString());
            return false;
        }
        synchronized (this) {
            deliver(recovered);
        }
        return true;
    }

    private void deliver(List<Fill> fills) {
        fills.stream().sorted(Comparator.comparing(Fill::time)).forEach(fill -> {
            if (seen.put(fill.fillId(), Boolean.TRUE) == null) {
                if (fill.time().isAfter(newest)) {
                    newest = fill.time();
                }
                listeners.forEach(l -> l.accept(fill));
            }
        });
    }
}
