package io.yielddelta.keeper.core.cycle;

import io.yielddelta.keeper.core.chain.ChainGateway;
import io.yielddelta.keeper.core.chain.TransactionStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the journal in line with the chain before the keeper schedules anything. An INTENT row without a
 * transaction was never broadcast (the gateway records before broadcast), so it is ABANDONED; a SUBMITTED row is
 * followed on chain until final. What stays open is returned: the keeper must not trade until it is resolved.
 */
public final class JournalReconciler {

    private static final Logger log = LoggerFactory.getLogger(JournalReconciler.class);

    private final ChainGateway chain;
    private final KeeperStore store;
    private final Clock clock;

    public JournalReconciler(ChainGateway chain, KeeperStore store, Clock clock) {
        this.chain = chain;
        this.store = store;
        this.clock = clock;
    }

    /** @return the rows still open afterwards */
    public List<JournalEntry> reconcile() {
        return reconcile(entry -> true);
    }

    /**
     * Only {@code vault}'s open rows, before its next cycle: a keeper of a cluster killed mid-rebalance leaves its row
     * open, and the one that takes the vault over must settle it (the dead one's start-up reconciliation may never
     * come). Safe only while no other cycle of this vault runs, which the schedule guarantees.
     *
     * @return the vault's rows still open afterwards (its next rebalance must wait for them)
     */
    public List<JournalEntry> reconcile(String vault) {
        return reconcile(entry -> entry.vault().equalsIgnoreCase(vault));
    }

    private List<JournalEntry> reconcile(Predicate<JournalEntry> which) {
        List<JournalEntry> stillOpen = new ArrayList<>();
        for (JournalEntry entry : store.openEntries().stream().filter(which).toList()) {
            if (entry.transaction().isEmpty()) {
                store.recordOutcome(
                        entry.cycleId(),
                        JournalStatus.ABANDONED,
                        Optional.empty(),
                        "keeper stopped before a transaction was recorded; nothing was sent");
                log.atInfo()
                        .addKeyValue("decision_id", entry.cycleId())
                        .log("reconciled {}: ABANDONED", entry.cycleId());
                continue;
            }
            TransactionStatus status = chain.awaitOutcome(entry.transaction().get());
            Optional<JournalStatus> closed = KeeperCycle.applyStatus(store, entry.cycleId(), status);
            if (closed.isEmpty()
                    && status.state() == TransactionStatus.State.NOT_FOUND
                    && entry.deadline().isPresent()
                    && clock.instant().isAfter(entry.deadline().get())) {
                // Not on chain and past its deadline: the contract would refuse it now, so it can never act.
                store.recordOutcome(
                        entry.cycleId(),
                        JournalStatus.FAILED,
                        Optional.empty(),
                        "never mined before its deadline " + entry.deadline().get());
                closed = Optional.of(JournalStatus.FAILED);
            }
            if (closed.isPresent()) {
                log.atInfo()
                        .addKeyValue("decision_id", entry.cycleId())
                        .log("reconciled {}: {}", entry.cycleId(), closed.get());
            } else {
                log.atWarn()
                        .addKeyValue("decision_id", entry.cycleId())
                        .log(
                                "rebalance {} still {} on chain; not trading until it is resolved",
                                entry.cycleId(),
                                status.state());
                stillOpen.add(entry);
            }
        }
        return stillOpen;
    }
}
