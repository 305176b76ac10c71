package io.yielddelta.keeper.core.clmm;

import java.math.BigInteger;

/**
 * Solidity's unsigned and signed integer widths as {@link BigInteger} bounds: input checks that name the offending
 * value, and the wrap-around arithmetic the contracts rely on where Solidity 0.7 does not check overflow.
 */
final class Uint {
    static final BigInteger Q96 = BigInteger.ONE.shiftLeft(96);
    static final BigInteger Q128 = BigInteger.ONE.shiftLeft(128);
    static final BigInteger TWO_POW_256 = BigInteger.ONE.shiftLeft(256);
    static final BigInteger MAX_UINT128 = Q128.subtract(BigInteger.ONE);
    static final BigInteger MAX_UINT160 = BigInteger.ONE.shiftLeft(160).subtract(BigInteger.ONE);
    static final BigInteger MAX_UINT256 = TWO_POW_256.subtract(BigInteger.ONE);
    static final BigInteger MAX_INT128 = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
    static final BigInteger MIN_INT128 = BigInteger.ONE.shiftLeft(127).negate();

    private Uint() {}

    /** An argument declared {@code uint<bits>}: not null, not negative, at most {@code bits} wide. */
    static BigInteger requireUint(BigInteger value, int bits, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (value.signum() < 0 || value.bitLength() > bits) {
            throw new IllegalArgumentException(name + " = " + value + " is not a uint" + bits);
        }
        return value;
    }

    /** An argument declared {@code int<bits>}: two's complement range. */
    static BigInteger requireInt(BigInteger value, int bits, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        // bitLength excludes the sign bit, so an int<bits> has bitLength at most bits - 1.
        if (value.bitLength() > bits - 1) {
            throw new IllegalArgumentException(name + " = " + value + " is not an int" + bits);
        }
        return value;
    }

    /** Where the contract reverts because a result does not fit its type (SafeCast, LowGasSafeMath, FullMath). */
    static BigInteger checkUint(BigInteger result, int bits, String what) {
        if (result.signum() < 0 || result.bitLength() > bits) {
            throw new ArithmeticException(what + " = " + result + " overflows uint" + bits);
        }
        return result;
    }

    /** {@code a - b} in uint256 arithmetic that wraps (fee growth accumulators). */
    static BigInteger subMod256(BigInteger a, BigInteger b) {
        BigInteger d = a.subtract(b);
        return d.signum() < 0 ? d.add(TWO_POW_256) : d;
    }

    /** {@code a + b} in uint256 arithmetic that wraps. */
    static BigInteger addMod256(BigInteger a, BigInteger b) {
        BigInteger s = a.add(b);
        return s.bitLength() > 256 ? s.subtract(TWO_POW_256) : s;
    }

    /** Truncation to the low 128 bits: Solidity's {@code uint128(x)} cast and unchecked uint128 addition. */
    static BigInteger mod128(BigInteger a) {
        return a.bitLength() > 128 ? a.and(MAX_UINT128) : a;
    }
}
