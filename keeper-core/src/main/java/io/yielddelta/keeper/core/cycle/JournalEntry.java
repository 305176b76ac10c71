package io.yielddelta.keeper.core.cycle;

import io.yielddelta.keeper.core.chain.SubmittedTransaction;
import io.yielddelta.keeper.core.policy.Action;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.RebalanceOrder;
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

    /** A decision's row as first journaled: no transaction yet. */
    public static JournalEntry of(Decision decision, JournalStatus status, Instant updatedAt) {
        return new JournalEntry(
                decision.id(),
                decision.vaultName(),
                decision.vault(),
                decision.fireTime(),
                decision.action(),
                status,
                decision.reason(),
                decision.target(),
                decision.order().map(RebalanceOrder::deadline),
                Optional.empty(),
                Optional.empty(),
                "",
                decision.decidedAt(),
                updatedAt);
    }

    /** This row with its transaction recorded as submitted. */
    public JournalEntry submitted(SubmittedTransaction sent, Instant at) {
        return new JournalEntry(
                cycleId,
                vaultName,
                vault,
                fireTime,
                action,
                JournalStatus.SUBMITTED,
                reason,
                target,
                deadline,
                Optional.of(sent),
                minedHash,
                outcome,
                decidedAt,
                at);
    }

    /** This row with its outcome. */
    public JournalEntry withOutcome(JournalStatus newStatus, Optional<String> mined, String newOutcome, Instant at) {
        return new JournalEntry(
                cycleId,
                vaultName,
                vault,
                fireTime,
                action,
                newStatus,
                reason,
                target,
                deadline,
                transaction,
                mined,
                newOutcome,
                decidedAt,
                at);
    }
}
