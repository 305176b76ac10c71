package io.yielddelta.keeper.core.vault;

/** The strategies a vault runs; the contract is the same for all three, the keeper treats them differently. */
public enum VaultKind {
    /** Liquidity provision only, no hedge. */
    CONCENTRATED_LIQUIDITY,
    /** Liquidity provision with its price exposure hedged by perpetual futures. */
    DELTA_NEUTRAL,
    /** Liquidity provision that also trades price gaps between the pool and the venues. */
    ARBITRAGE
}
