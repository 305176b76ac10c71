package io.yielddelta.keeper.core.cycle;

import io.yielddelta.keeper.core.chain.SubmittedTransaction;
import io.yielddelta.keeper.core.policy.Action;
import io.yielddelta.keeper.core.vault.Range;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One journal row as read back.
 *
 * @param deadline    for a rebalance, the order's deadline: after it an unmined transaction can never act
 * @param outcome     how it ended, or what is still open; safe to show
 * @param minedHash   the transaction (or replacement) that was mined
 */
public record JournalEntry(
        String cycleId,
        String vaultName,
        String vault,
        Instant fireTime,
        Action action,
        JournalStatus status,
        String reason,
        Optional<Range> target,
        Optional<Instant> deadline,
        Optional<SubmittedTransaction> transaction,
        Optional<String> minedHash,
        String outcome,
        Instant decidedAt,
        Instant updatedAt) {

    public JournalEntry {
        Objects.requireNonNull(cycleId, "cycleId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(minedHash, "minedHash");
        Objects.requireNonNull(outcome, "outcome");
    }
}
