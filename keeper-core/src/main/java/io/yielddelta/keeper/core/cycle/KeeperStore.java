package io.yielddelta.keeper.core.cycle;

import io.yielddelta.keeper.core.chain.SubmittedTransaction;
import java.util.List;
import java.util.Optional;

/**
 * The keeper's journal: one row per decision, keyed by its cycle id, written before anything is attempted and
 * updated as the outcome becomes known. {@code JdbcKeeperStore} in keeper-app on H2 or PostgreSQL.
 */
public interface KeeperStore {

    /**
     * Records a decision: a rebalance as INTENT, anything else as DECIDED.
     *
     * @return false, writing nothing, if the journal already holds this cycle id (another run or keeper took it)
     */
    boolean recordDecision(Decision decision);

    /** Whether this cycle was already decided (by this keeper or another one sharing the database). */
    boolean hasCycle(String cycleId);

    /** INTENT → SUBMITTED: the transaction is recorded, to be broadcast right after. */
    void recordSubmitted(String cycleId, SubmittedTransaction transaction);

    /**
     * Closes an open row.
     *
     * @param status    CONFIRMED, FAILED or ABANDONED
     * @param minedHash the mined transaction, if one was
     * @param outcome   a short description, safe to show
     */
    void recordOutcome(String cycleId, JournalStatus status, Optional<String> minedHash, String outcome);

    /** Rows still INTENT or SUBMITTED, oldest first. */
    List<JournalEntry> openEntries();

    /** The latest rows, newest first. */
    List<JournalEntry> recent(int limit);
}
