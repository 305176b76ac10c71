package io.yielddelta.keeper.venues.coinbase;

import io.yielddelta.keeper.core.venue.Fill;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Delivers the account's fills once each, oldest first. The user channel only says that an order's cumulative quantity
 * moved, so every trigger (an order update, a reconnection) reads the fills since the last one delivered through REST;
 * fills seen before are skipped by their id.
 */
final class CoinbaseFillFeed {

    private final Function<Instant, List<Fill>> fillsSince;
    private final List<Consumer<Fill>> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> delivered = new HashSet<>();
    private Instant lastSeen;

    /** @param start fills before this moment are not delivered (the subscription's start) */
    CoinbaseFillFeed(Function<Instant, List<Fill>> fillsSince, Instant start) {
        this.fillsSince = fillsSince;
        this.lastSeen = start;
    }

    AutoCloseable add(Consumer<Fill> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    boolean isEmpty() {
        return listeners.isEmpty();
    }

    /** Reads the fills since the last one delivered and hands the new ones to every listener. */
    synchronized void reconcile() {
        List<Fill> fills = fillsSince.apply(lastSeen).stream()
                .sorted(Comparator.comparing(Fill::time).thenComparing(Fill::fillId))
                .toList();
        for (Fill fill : fills) {
            if (delivered.add(fill.fillId())) {
                if (fill.time().isAfter(lastSeen)) {
                    lastSeen = fill.time();
                }
                listeners.forEach(l -> l.accept(fill));
            }
        }
    }
}
