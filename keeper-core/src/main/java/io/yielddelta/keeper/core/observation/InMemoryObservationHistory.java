package io.yielddelta.keeper.core.observation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The last {@code capacity} hours of each vault, kept in memory; rows must arrive in time order. Thread-safe. */
public final class InMemoryObservationHistory implements ObservationHistory, ObservationRecorder {
    private final int capacity;
    private final Map<String, Deque<HourObservation>> rows = new HashMap<>();

    public InMemoryObservationHistory(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2 hours, was " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized void record(String vaultAddress, HourObservation row) {
        Deque<HourObservation> vault = rows.computeIfAbsent(key(vaultAddress), k -> new ArrayDeque<>());
        if (!vault.isEmpty() && !row.hourEnd().isAfter(vault.peekLast().hourEnd())) {
            throw new IllegalArgumentException(
                    "vault " + vaultAddress + ": row for " + row.hourEnd() + " does not follow the last recorded hour "
                            + vault.peekLast().hourEnd());
        }
        vault.addLast(row);
        if (vault.size() > capacity) {
            vault.removeFirst();
        }
    }

    @Override
    public synchronized List<HourObservation> recent(String vaultAddress, int hours) {
        Deque<HourObservation> vault = rows.get(key(vaultAddress));
        if (vault == null) {
            return List.of();
        }
        // From the newest back: a short window of a long history costs only its own rows.
        List<HourObservation> last = new ArrayList<>(Math.max(0, Math.min(hours, vault.size())));
        for (var newestFirst = vault.descendingIterator(); newestFirst.hasNext() && last.size() < hours; ) {
            last.add(newestFirst.next());
        }
        return List.copyOf(last.reversed());
    }

    private static String key(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}
