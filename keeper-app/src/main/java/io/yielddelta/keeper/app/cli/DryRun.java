package io.yielddelta.keeper.app.cli;

import io.yielddelta.keeper.core.chain.SentTransaction;
import io.yielddelta.keeper.core.chain.SentTransactions;
import io.yielddelta.keeper.core.cycle.Decision;
import io.yielddelta.keeper.core.cycle.KeeperStore;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The journal of a run that decides only: anything that would sign or record fails loudly. */
public final class DryRun {

    private DryRun() {}

    /** A dry run's record of signed transactions: there must be none. */
    public static final SentTransactions NOTHING_SENT = new SentTransactions() {
        @Override
        public void record(SentTransaction transaction) {
            throw new IllegalStateException("dry run: nothing may be signed");
        }

        @Override
        public OptionalLong highestNonce(String sender, long chainId) {
            return OptionalLong.empty();
        }

        @Override
        public List<SentTransaction> atNonce(String sender, long chainId, long nonce) {
            return List.of();
        }
    };

    /** A dry run journals nothing; KeeperCycle does not call the store in DRY_RUN, this makes sure. */
    public static final KeeperStore NO_JOURNAL = new KeeperStore() {
        @Override
        public boolean recordDecision(Decision decision) {
            throw new IllegalStateException("dry run: nothing is journaled");
        }

        @Override
        public boolean hasCycle(String cycleId) {
            throw new IllegalStateException("dry run: nothing is journaled");
        }

        @Override
        public void recordSubmitted(String cycleId, io.yielddelta.keeper.core.chain.SubmittedTransaction tx) {
            throw new IllegalStateException("dry run: nothing is journaled");
        }

        @Override
        public void recordOutcome(
                String cycleId,
                io.yielddelta.keeper.core.cycle.JournalStatus status,
                Optional<String> minedHash,
                String outcome) {
            throw new IllegalStateException("dry run: nothing is journaled");
        }

        @Override
        public List<io.yielddelta.keeper.core.cycle.JournalEntry> openEntries() {
            return List.of();
        }

        @Override
        public List<io.yielddelta.keeper.core.cycle.JournalEntry> recent(int limit) {
            return List.of();
        }
    };
}
