package io.yielddelta.keeper.ml.model;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts, per model, the rows it answered and the rows that fell back (by reason): the figures the keeper's metrics
 * publish. Thread-safe.
 */
public final class ModelHealth {
    private final Map<String, AtomicLong> answered = new ConcurrentHashMap<>();
    private final Map<String, Map<Fallback, AtomicLong>> fallbacks = new ConcurrentHashMap<>();

    public void answered(String model, int rows) {
        answered.computeIfAbsent(model, m -> new AtomicLong()).addAndGet(rows);
    }

    public void fellBack(String model, Fallback reason) {
        fallbacks
                .computeIfAbsent(model, m -> new ConcurrentHashMap<>())
                .computeIfAbsent(reason, r -> new AtomicLong())
                .incrementAndGet();
    }

    public long answered(String model) {
        AtomicLong count = answered.get(model);
        return count == null ? 0 : count.get();
    }

    public long fallbacks(String model, Fallback reason) {
        AtomicLong count = fallbacks.getOrDefault(model, Map.of()).get(reason);
        return count == null ? 0 : count.get();
    }

    /** Fallback counts of one model by reason (reasons never seen are absent). */
    public Map<Fallback, Long> fallbacks(String model) {
        Map<Fallback, Long> result = new EnumMap<>(Fallback.class);
        fallbacks.getOrDefault(model, Map.of()).forEach((reason, count) -> result.put(reason, count.get()));
        return result;
    }
}
