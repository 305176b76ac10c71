package io.yielddelta.keeper.core.vault;

import java.time.Duration;

/**
 * The limits the vault contract enforces on a rebalance (its owner-set {@code Parameters}). The keeper reads them so
 * that it never proposes what the contract would revert.
 *
 * @param cooldown         least time between two rebalances
 * @param twapWindow       how much pool history the contract's TWAP averages
 * @param maxTwapDeviation ticks the pool tick may be away from the TWAP tick
 * @param maxTickMove      ticks the range centre may move in one rebalance
 * @param maxWidthChange   ticks the range width may change in one rebalance
 * @param maxSlippageBps   vault value, in basis points, a rebalance may lose
 */
public record VaultGuards(
        Duration cooldown,
        Duration twapWindow,
        int maxTwapDeviation,
        int maxTickMove,
        int maxWidthChange,
        int maxSlippageBps) {

    public VaultGuards {
        if (cooldown.isNegative() || twapWindow.isNegative()) {
            throw new IllegalArgumentException("cooldown and twapWindow must not be negative");
        }
        if (maxTwapDeviation < 0 || maxTickMove < 0 || maxWidthChange < 0 || maxSlippageBps < 0) {
            throw new IllegalArgumentException("guard limits must not be negative");
        }
    }
}
