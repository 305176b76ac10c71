package io.yielddelta.keeper.core.cycle;

import io.yielddelta.keeper.core.policy.Action;
import io.yielddelta.keeper.core.policy.Trigger;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.RebalanceOrder;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One vault's decision in one cycle. Its id is the cycle id: the structured log event and the journal row carry it.
 *
 * @param tick     the pool tick it was decided at; empty when the vault could not be read
 * @param twapTick the TWAP tick it was decided at; empty when the vault could not be read
 * @param order    for a rebalance, what is sent to the chain
 */
public record Decision(
        String id,
        String vaultName,
        String vault,
        Instant fireTime,
        Instant decidedAt,
        Action action,
        Set<Trigger> triggers,
        String reason,
        OptionalInt tick,
        OptionalInt twapTick,
        Optional<Range> current,
        Optional<Range> target,
        Optional<RebalanceOrder> order) {

    public Decision {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vaultName, "vaultName");
        Objects.requireNonNull(vault, "vault");
        Objects.requireNonNull(fireTime, "fireTime");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(action, "action");
        triggers = Set.copyOf(triggers);
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(tick, "tick");
        Objects.requireNonNull(twapTick, "twapTick");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(order, "order");
        if ((action == Action.REBALANCE) != order.isPresent()) {
            throw new IllegalArgumentException("an order comes with a rebalance, and only with one");
        }
    }
}
