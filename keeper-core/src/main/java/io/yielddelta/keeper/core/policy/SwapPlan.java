package io.yielddelta.keeper.core.policy;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The swap that re-ratios a vault's holdings for its new range, and the least the new position must take.
 *
 * @param zeroForOne       token0 in (true) or token1 in (false)
 * @param amountIn         zero when the holdings already fit the range closely enough
 * @param amountOutMin     least the swap must return
 * @param amount0Min       least token0 the new position must take
 * @param amount1Min       least token1 the new position must take
 */
public record SwapPlan(
        boolean zeroForOne,
        BigInteger amountIn,
        BigInteger amountOutMin,
        BigInteger amount0Min,
        BigInteger amount1Min) {

    public SwapPlan {
        for (BigInteger amount : new BigInteger[] {amountIn, amountOutMin, amount0Min, amount1Min}) {
            if (Objects.requireNonNull(amount, "amount").signum() < 0) {
                throw new IllegalArgumentException("swap amounts must not be negative");
            }
        }
    }
}
