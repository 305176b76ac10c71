package io.yielddelta.keeper.core.signing;

import java.math.BigInteger;

/**
 * A secp256k1 signature in Ethereum's form: s in the lower half of the curve order (EIP-2) and
 * {@code v} = 27 + the recovery id, so the signer's address can be recovered from it.
 */
public record Signature(BigInteger r, BigInteger s, int v) {

    /** secp256k1's group order n. */
    public static final BigInteger CURVE_ORDER =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

    private static final BigInteger HALF_CURVE_ORDER = CURVE_ORDER.shiftRight(1);

    public Signature {
        if (r.signum() <= 0 || r.compareTo(CURVE_ORDER) >= 0) {
            throw new IllegalArgumentException("r out of range");
        }
        if (s.signum() <= 0 || s.compareTo(HALF_CURVE_ORDER) > 0) {
            throw new IllegalArgumentException("s must be in the lower half of the curve order");
        }
        if (v != 27 && v != 28) {
            throw new IllegalArgumentException("v must be 27 or 28, was " + v);
        }
    }

    /** The recovery id (y parity), 0 or 1: what typed (EIP-1559) transactions carry. */
    public int recoveryId() {
        return v - 27;
    }

    /** True when s is in the lower half of the curve order, as Ethereum requires. */
    public static boolean isLowS(BigInteger s) {
        return s.compareTo(HALF_CURVE_ORDER) <= 0;
    }

    /** The lower-half equivalent of s: n - s when s is in the upper half (both verify; only the low one is valid). */
    public static BigInteger toLowS(BigInteger s) {
        return isLowS(s) ? s : CURVE_ORDER.subtract(s);
    }
}
