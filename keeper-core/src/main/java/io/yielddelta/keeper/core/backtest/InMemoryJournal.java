package io.yielddelta.keeper.core.backtest;

import io.yielddelta.keeper.core.chain.SubmittedTransaction;
import io.yielddelta.keeper.core.cycle.Decision;
import io.yielddelta.keeper.core.cycle.JournalEntry;
import io.yielddelta.keeper.core.cycle.JournalStatus;
import io.yielddelta.keeper.core.cycle.KeeperStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The backtest's journal: the same contract as the JDBC one, kept in memory because a simulation has no restarts.
 * Time comes from the decisions (the simulated clock), never from the wall. A simulation's cycles only move forward,
 * so once a later cycle begins the closed rows of earlier ones are dropped: a run of years over many vaults would
 * otherwise hold every hour's row.
 */
final class InMemoryJournal implements KeeperStore {
    private final Map<String, JournalEntry> entries = new LinkedHashMap<>();
    private Instant latestCycle = Instant.MIN;

    @Override
    public boolean recordDecision(Decision decision) {
        if (entries.containsKey(decision.id())) {
            return false;
        }
        if (decision.fireTime().isAfter(latestCycle)) {
            latestCycle = decision.fireTime();
            entries.values().removeIf(e -> !e.status().isOpen());
        }
        entries.put(
                decision.id(),
                JournalEntry.of(
                        decision,
                        decision.order().isPresent() ? JournalStatus.INTENT : JournalStatus.DECIDED,
                        decision.decidedAt()));
        return true;
    }

    @Override
    public boolean hasCycle(String cycleId) {
        return entries.containsKey(cycleId);
    }

    @Override
    public void recordSubmitted(String cycleId, SubmittedTransaction transaction) {
        JournalEntry e = entry(cycleId);
        entries.put(cycleId, e.submitted(transaction, e.updatedAt()));
    }

    @Override
    public void recordOutcome(String cycleId, JournalStatus status, Optional<String> minedHash, String outcome) {
        JournalEntry e = entry(cycleId);
        entries.put(cycleId, e.withOutcome(status, minedHash, outcome, e.updatedAt()));
    }

    @Override
    public List<JournalEntry> openEntries() {
        return entries.values().stream()
                .filter(e -> e.status().isOpen())
                .sorted(Comparator.comparing(JournalEntry::decidedAt))
                .toList();
    }

    @Override
    public List<JournalEntry> recent(int limit) {
        return entries.values().stream()
                .sorted(Comparator.comparing(JournalEntry::decidedAt, Comparator.<Instant>reverseOrder()))
                .limit(limit)
                .toList();
    }

    private JournalEntry entry(String cycleId) {
        JournalEntry e = entries.get(cycleId);
        if (e == null) {
            throw new IllegalStateException("no journal row for cycle " + cycleId);
        }
        return e;
    }
}
