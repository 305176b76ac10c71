package io.yielddelta.keeper.core.policy;

import io.yielddelta.keeper.core.vault.Range;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The policy's answer for one vault: what to do, why, and for a rebalance the target range and swap.
 *
 * @param reason one human sentence, safe to log
 */
public record Verdict(Action action, Set<Trigger> triggers, String reason, Optional<Range> target, Optional<SwapPlan> swap) {

    public Verdict {
        Objects.requireNonNull(action, "action");
        triggers = Set.copyOf(triggers);
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(swap, "swap");
        if ((action == Action.REBALANCE) != (target.isPresent() && swap.isPresent())) {
            throw new IllegalArgumentException("a target and a swap come with a rebalance, and only with one");
        }
    }

    public static Verdict of(Action action, Set<Trigger> triggers, String reason) {
        return new Verdict(action, triggers, reason, Optional.empty(), Optional.empty());
    }
}
