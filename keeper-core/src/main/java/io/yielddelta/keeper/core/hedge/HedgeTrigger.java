package io.yielddelta.keeper.core.hedge;

import java.util.Objects;

/**
 * What caused a hedge decision; its id makes the orders' client ids deterministic, so a decision re-run after a crash
 * produces the same client ids and the venue (or the journal) recognises them.
 */
public record HedgeTrigger(Kind kind, String id) {

    public enum Kind {
        /** A rebalance of the vault just changed its position: re-hedge beyond the inner band. */
        REBALANCE,
        /** A mark-price update from the venue stream: re-hedge beyond the band. */
        MARK,
        /** A reconciliation pass adopted a difference: re-hedge beyond the inner band. */
        RECONCILE,
        /** An operator asked for a hedge now: beyond the inner band. */
        MANUAL
    }

    public HedgeTrigger {
        Objects.requireNonNull(kind, "kind");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("trigger id must not be blank");
        }
    }

    public static HedgeTrigger rebalance(String cycleId) {
        return new HedgeTrigger(Kind.REBALANCE, cycleId);
    }

    /** @param sequence the mark stream's event sequence number */
    public static HedgeTrigger mark(long sequence) {
        return new HedgeTrigger(Kind.MARK, "mark-" + sequence);
    }

    public static HedgeTrigger reconcile(long pass) {
        return new HedgeTrigger(Kind.RECONCILE, "reconcile-" + pass);
    }

    /** The decision id of one leg of this trigger for a vault: vault/trigger/leg. */
    public String decisionId(String vault, String leg) {
        return vault + "/" + id + "/" + leg;
    }

    boolean usesInnerBand() {
        return kind != Kind.MARK;
    }
}
