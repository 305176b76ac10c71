package io.yielddelta.keeper.core.backtest;

/** The runs a backtest puts side by side for every vault. */
public enum Variant {
    /** The configured strategy: the keeper's ranges, hedged as the vault kind says. */
    STRATEGY("strategy"),
    /** The same ranges, never hedged: what the hedge is measured against. */
    UNHEDGED("same ranges, unhedged"),
    /** The starting tokens, held. */
    HODL("HODL"),
    /** One full-range position, never rebalanced. */
    FULL_RANGE("full-range LP");

    private final String label;

    Variant(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
