package io.yielddelta.keeper.core.clmm;

import java.math.BigInteger;
import java.util.Objects;

/** A pair of raw token amounts (smallest units of token0 and token1); the operation returning it says their sign. */
public record TokenAmounts(BigInteger amount0, BigInteger amount1) {
    public static final TokenAmounts ZERO = new TokenAmounts(BigInteger.ZERO, BigInteger.ZERO);

    public TokenAmounts {
        Objects.requireNonNull(amount0, "amount0");
        Objects.requireNonNull(amount1, "amount1");
    }
}
