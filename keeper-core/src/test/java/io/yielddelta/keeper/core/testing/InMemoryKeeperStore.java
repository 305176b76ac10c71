package io.yielddelta.keeper.core.testing;

import io.yielddelta.keeper.core.chain.SubmittedTransaction;
import io.yielddelta.keeper.core.cycle.Decision;
import io.yielddelta.keeper.core.cycle.JournalEntry;
import io.yielddelta.keeper.core.cycle.JournalStatus;
import io.yielddelta.keeper.core.cycle.KeeperStore;
import io.yielddelta.keeper.core.policy.Action;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A journal in a map, for core unit tests; the real one is JdbcKeeperStore in keeper-app. */
public final class InMemoryKeeperStore implements KeeperStore {

    private final Map<String, JournalEntry> rows = new LinkedHashMap<>();
    private final Clock clock;

    public InMemoryKeeperStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized boolean recordDecision(Decision d) {
        if (rows.containsKey(d.id())) {
            return false;
        }
        JournalStatus status = d.action() == Action.REBALANCE ? JournalStatus.INTENT : JournalStatus.DECIDED;
        rows.put(d.id(), JournalEntry.of(d, status, clock.instant()));
        return true;
    }

    @Override
    public synchronized boolean hasCycle(String cycleId) {
        return rows.containsKey(cycleId);
    }

    @Override
    public synchronized void recordSubmitted(String cycleId, SubmittedTransaction tx) {
        JournalEntry e = require(cycleId, JournalStatus.INTENT);
        rows.put(cycleId, e.submitted(tx, clock.instant()));
    }

    @Override
    public synchronized void recordOutcome(
            String cycleId, JournalStatus status, Optional<String> minedHash, String outcome) {
        JournalEntry e = rows.get(cycleId);
        if (e == null || !e.status().isOpen()) {
            throw new IllegalStateException(cycleId + " is not open");
        }
        rows.put(cycleId, e.withOutcome(status, minedHash, outcome, clock.instant()));
    }

    @Override
    public synchronized List<JournalEntry> openEntries() {
        return rows.values().stream()
                .filter(e -> e.status().isOpen())
                .sorted(Comparator.comparing(JournalEntry::decidedAt))
                .toList();
    }

    @Override
    public synchronized List<JournalEntry> recent(int limit) {
        List<JournalEntry> all = new ArrayList<>(rows.values());
        java.util.Collections.reverse(all);
        return all.stream().limit(limit).toList();
    }

    public synchronized JournalEntry get(String cycleId) {
        return rows.get(cycleId);
    }

    public synchronized int size() {
        return rows.size();
    }

    private JournalEntry require(String cycleId, JournalStatus status) {
        JournalEntry e = rows.get(cycleId);
        if (e == null || e.status() != status) {
            throw new IllegalStateException(cycleId + " is not " + status);
        }
        return e;
    }
}
