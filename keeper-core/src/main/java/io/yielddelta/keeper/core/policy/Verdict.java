package io.yielddelta.keeper.core.policy;

import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.RebalanceTarget;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The policy's answer for one vault: what to do, why, and for a rebalance the target range and swap.
 *
 * @param reason one human sentence, safe to log
 * @param target the new range of a rebalance; empty for one that leaves the pool ({@link #leavesPool})
 */
public record Verdict(
        Action action, Set<Trigger> triggers, String reason, Optional<Range> target, Optional<SwapPlan> swap) {

    public Verdict {
        Objects.requireNonNull(action, "action");
        triggers = Set.copyOf(triggers);
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(swap, "swap");
        if ((action == Action.REBALANCE) != swap.isPresent() || (target.isPresent() && action != Action.REBALANCE)) {
            throw new IllegalArgumentException("a target and a swap come with a rebalance, and only with one");
        }
    }

    /** A rebalance that burns the position and holds everything idle in the vault. */
    public static Verdict leave(Set<Trigger> triggers, String reason) {
        return new Verdict(
                Action.REBALANCE,
                triggers,
                reason,
                Optional.empty(),
                Optional.of(new SwapPlan(true, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO)));
    }

    /** Whether this is a rebalance out of the pool: no new range. */
    public boolean leavesPool() {
        return action == Action.REBALANCE && target.isEmpty();
    }

    /** Where a rebalance puts the vault: its new range, or idle. */
    public Optional<RebalanceTarget> rebalanceTarget() {
        return action != Action.REBALANCE
                ? Optional.empty()
                : Optional.of(target.<RebalanceTarget>map(r -> r).orElse(RebalanceTarget.IDLE));
    }

    public static Verdict of(Action action, Set<Trigger> triggers, String reason) {
        return new Verdict(action, triggers, reason, Optional.empty(), Optional.empty());
    }
}
