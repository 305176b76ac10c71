package io.yielddelta.keeper.core.hedge;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A vault's price exposure in one base asset at one price.
 *
 * @param lpBase     base held by the liquidity position (its delta)
 * @param idleBase   base held by the vault outside the position
 * @param feesBase   base-asset fees owed to the position and not yet collected
 * @param vaultValue everything the vault holds, in quote units, at {@code price}
 * @param gamma      d(delta)/d(price) of the position, base per unit of quote price (analytics only)
 */
public record VaultExposure(
        String vault,
        String market,
        BigDecimal price,
        BigDecimal lpBase,
        BigDecimal idleBase,
        BigDecimal feesBase,
        BigDecimal vaultValue,
        double gamma) {

    public VaultExposure {
        Objects.requireNonNull(vault, "vault");
        Objects.requireNonNull(market, "market");
        if (price == null || price.signum() <= 0) {
            throw new IllegalArgumentException("price must be positive, was " + price);
        }
        Objects.requireNonNull(lpBase, "lpBase");
        Objects.requireNonNull(idleBase, "idleBase");
        Objects.requireNonNull(feesBase, "feesBase");
        Objects.requireNonNull(vaultValue, "vaultValue");
    }

    /** The vault's delta in base units: what it gains per unit rise of the base price. */
    public BigDecimal delta() {
        return lpBase.add(idleBase).add(feesBase);
    }
}
