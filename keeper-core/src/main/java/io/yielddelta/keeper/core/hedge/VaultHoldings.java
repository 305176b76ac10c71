package io.yielddelta.keeper.core.hedge;

import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.VaultState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * What a vault holds, as last read from the chain, in whole tokens; the liquidity position is revalued at every mark
 * price, so the hedge follows the price between chain reads.
 */
public record VaultHoldings(
        String vault,
        String market,
        LiquidityPosition position,
        BigDecimal idleBase,
        BigDecimal idleQuote,
        BigDecimal feesBase,
        BigDecimal feesQuote) {

    public VaultHoldings {
        Objects.requireNonNull(vault, "vault");
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(idleBase, "idleBase");
        Objects.requireNonNull(idleQuote, "idleQuote");
        Objects.requireNonNull(feesBase, "feesBase");
        Objects.requireNonNull(feesQuote, "feesQuote");
    }

    /**
     * A vault's holdings as read from the chain: its stored range and liquidity, idle balances and uncollected fees,
     * converted from token units to whole tokens with the tokens' decimals.
     *
     * @param baseIsToken0 whether the hedged base asset is the pool's token0
     */
    public static VaultHoldings of(
            VaultState state, String market, boolean baseIsToken0, int decimals0, int decimals1) {
        Range range = state.position()
                .orElseThrow(() -> new IllegalArgumentException("vault " + state.address() + " stores no range yet"));
        LiquidityPosition position = new LiquidityPosition(
                state.liquidity(), range.tickLower(), range.tickUpper(), baseIsToken0, decimals0, decimals1);
        BigDecimal idle0 = new BigDecimal(state.idle0(), decimals0);
        BigDecimal idle1 = new BigDecimal(state.idle1(), decimals1);
        BigDecimal fees0 = new BigDecimal(state.fees0(), decimals0);
        BigDecimal fees1 = new BigDecimal(state.fees1(), decimals1);
        return baseIsToken0
                ? new VaultHoldings(state.address(), market, position, idle0, idle1, fees0, fees1)
                : new VaultHoldings(state.address(), market, position, idle1, idle0, fees1, fees0);
    }

    /** The exposure with the pool at the given base price (the venue's mark stands in for the pool between reads). */
    public VaultExposure exposureAt(BigDecimal price) {
        BigInteger sqrtPriceX96 = position.sqrtPriceX96(price);
        BigDecimal lpBase = position.baseHeld(sqrtPriceX96);
        BigDecimal base = lpBase.add(idleBase).add(feesBase);
        BigDecimal value = base.multiply(price)
                .add(position.quoteHeld(sqrtPriceX96))
                .add(idleQuote)
                .add(feesQuote);
        return new VaultExposure(
                vault, market, price, lpBase, idleBase, feesBase, value, position.gamma(price.doubleValue()));
    }
}
