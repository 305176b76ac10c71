package io.yielddelta.keeper.venues.hyperliquid;

import io.yielddelta.keeper.core.venue.Fill;
import io.yielddelta.keeper.venues.hyperliquid.dto.UserFill;
import io.yielddelta.keeper.venues.hyperliquid.dto.WsUserFills;
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
 * The account's fills as one stream, each delivered once: fills from the userFills WebSocket channel and fills
 * recovered through REST after a reconnect are merged and deduplicated by trade id ({@code tid}).
 *
 * <p>The first snapshot after subscribing is history, not news: it only marks those fills as seen. After a
 * reconnect, {@link #reconcile()} asks REST for every fill since the last one seen (inclusive, so fills sharing its
 * millisecond are not lost) and delivers those the stream missed.
 */
final class FillFeed {

    private static final Logger log = LoggerFactory.getLogger(FillFeed.class);
    private static final int REMEMBERED_TRADES = 10_000;

    private final Function<Instant, List<UserFill>> fillsSince;
    private final List<Consumer<Fill>> listeners = new CopyOnWriteArrayList<>();
    private final Map<Long, Boolean> seenTrades = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > REMEMBERED_TRADES;
        }
    };
    private long lastFillMillis;
    private boolean baselineTaken;

    /** @param fillsSince REST lookup of the account's fills at or after a time, oldest first */
    FillFeed(Function<Instant, List<UserFill>> fillsSince, Instant startedAt) {
        this.fillsSince = fillsSince;
        this.lastFillMillis = startedAt.toEpochMilli();
    }

    void addListener(Consumer<Fill> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<Fill> listener) {
        listeners.remove(listener);
    }

    synchronized void onStream(WsUserFills message) {
        List<UserFill> fills = message.fills() == null ? List.of() : message.fills();
        if (Boolean.TRUE.equals(message.isSnapshot()) && !baselineTaken) {
            fills.forEach(f -> {
                seenTrades.put(f.tid(), Boolean.TRUE);
                lastFillMillis = Math.max(lastFillMillis, f.time());
            });
            baselineTaken = true;
            return;
        }
        baselineTaken = true;
        deliver(fills);
    }

    /** Delivers, through REST, the fills the stream missed while it was down; false if REST failed (retry later). */
    boolean reconcile() {
        Instant since;
        synchronized (this) {
            since = Instant.ofEpochMilli(lastFillMillis);
        }
        List<UserFill> recovered;
        try {
            recovered = fillsSince.apply(since);
        } catch (RuntimeException e) {
            log.warn("hyperliquid: fill reconciliation since {} failed: {}", since, e.toString());
            return false;
        }
        synchronized (this) {
            deliver(recovered);
        }
        return true;
    }

    private void deliver(List<UserFill> fills) {
        fills.stream().sorted(Comparator.comparingLong(UserFill::time)).forEach(f -> {
            if (seenTrades.put(f.tid(), Boolean.TRUE) == null) {
                lastFillMillis = Math.max(lastFillMillis, f.time());
                Fill fill = HyperliquidAdapters.fill(f);
                for (Consumer<Fill> listener : listeners) {
                    try {
                        listener.accept(fill);
                    } catch (RuntimeException e) {
                        log.warn("hyperliquid: fill listener failed on fill {}: {}", fill.fillId(), e.toString());
                    }
                }
            }
        });
    }
}
