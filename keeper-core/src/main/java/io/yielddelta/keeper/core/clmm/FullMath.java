package io.yielddelta.keeper.core.clmm;

import static io.yielddelta.keeper.core.clmm.Uint.requireUint;

import java.math.BigInteger;

/**
 * Port of v3-core {@code FullMath}: {@code a·b/denominator} with a full-width intermediate product. The contract's
 * 512-bit trick exists because the EVM has 256-bit words; with {@link BigInteger} the exact quotient is the same number.
 * Reverts (here {@link ArithmeticException}) when the denominator is 0 or the result does not fit in 256 bits.
 */
public final class FullMath {
    private FullMath() {}

    /** floor(a·b/denominator). */
    public static BigInteger mulDiv(BigInteger a, BigInteger b, BigInteger denominator) {
        requireUint(a, 256, "a");
        requireUint(b, 256, "b");
        requireUint(denominator, 256, "denominator");
        return mulDivUnchecked(a, b, denominator);
    }

    /** ceil(a·b/denominator). */
    public static BigInteger mulDivRoundingUp(BigInteger a, BigInteger b, BigInteger denominator) {
        requireUint(a, 256, "a");
        requireUint(b, 256, "b");
        requireUint(denominator, 256, "denominator");
        return mulDivRoundingUpUnchecked(a, b, denominator);
    }

    // The package's own callers pass values already known to be uint256: skip the argument checks on the hot path.
    static BigInteger mulDivUnchecked(BigInteger a, BigInteger b, BigInteger denominator) {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("mulDiv by zero");
        }
        return Uint.checkUint(a.multiply(b).divide(denominator), 256, "mulDiv result");
    }

    static BigInteger mulDivRoundingUpUnchecked(BigInteger a, BigInteger b, BigInteger denominator) {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("mulDivRoundingUp by zero");
        }
        BigInteger[] qr = a.multiply(b).divideAndRemainder(denominator);
        Uint.checkUint(qr[0], 256, "mulDiv result");
        if (qr[1].signum() == 0) {
            return qr[0];
        }
        // The contract requires result < type(uint256).max before incrementing.
        return Uint.checkUint(qr[0].add(BigInteger.ONE), 256, "mulDivRoundingUp result");
    }

    // Division by Q96 is a shift; the operands here (at most 160 + 128 bits) keep the quotient far below 2^256.
    static BigInteger mulShift96(BigInteger a, BigInteger b) {
        return a.multiply(b).shiftRight(96);
    }

    static BigInteger mulShift96RoundingUp(BigInteger a, BigInteger b) {
        BigInteger product = a.multiply(b);
        BigInteger quotient = product.shiftRight(96);
        return product.signum() != 0 && product.getLowestSetBit() < 96 ? quotient.add(BigInteger.ONE) : quotient;
    }

    /** UnsafeMath.divRoundingUp: ceil(x/y); the EVM's division by zero yields 0 rather than reverting. */
    static BigInteger divRoundingUp(BigInteger x, BigInteger y) {
        if (y.signum() == 0) {
            return BigInteger.ZERO;
        }
        BigInteger[] qr = x.divideAndRemainder(y);
        return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    }
}
