package io.yielddelta.keeper.core.hedge;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * What a vault holds, as last read from the chain, in whole tokens; the liquidity position is revalued at every mark
 * price, so the hedge follows the price between chain reads.
 */
public record VaultHoldings(String vault, String market, LiquidityPosition position, BigDecimal idleBase,
        BigDecimal idleQuote, BigDecimal feesBase, BigDecimal feesQuote) {

    public VaultHoldings {
        Objects.requireNonNull(vault, "vault");
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(idleBase, "idleBase");
        Objects.requireNonNull(idleQuote, "idleQuote");
        Objects.requireNonNull(feesBase, "feesBase");
        Objects.requireNonNull(feesQuote, "feesQuote");
    }

    /** The exposure with the pool at the given base price (the venue's mark stands in for the pool between reads). */
    public VaultExposure exposureAt(BigDecimal price) {
        BigInteger sqrtPriceX96 = position.sqrtPriceX96(price);
        BigDecimal lpBase = position.baseHeld(sqrtPriceX96);
        BigDecimal base = lpBase.add(idleBase).add(feesBase);
        BigDecimal value = base.multiply(price).add(position.quoteHeld(sqrtPriceX96)).add(idleQuote).add(feesQuote);
        return new VaultExposure(vault, market, price, lpBase, idleBase, feesBase, value, position.gamma(price.doubleValue()));
    }
}
