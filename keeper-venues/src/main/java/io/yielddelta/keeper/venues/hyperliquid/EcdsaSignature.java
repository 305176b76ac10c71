package io.yielddelta.keeper.venues.hyperliquid;

import java.math.BigInteger;

/** A secp256k1 signature as Hyperliquid takes it: r and s as numbers, v = 27 + recovery id. */
record EcdsaSignature(BigInteger r, BigInteger s, int v) {

    /** {@code 0x} + 64 lower-case hex digits (zero-padded, unlike the Python SDK: both parse to the same number). */
    String rHex() {
        return hex32(r);
    }

    String sHex() {
        return hex32(s);
    }

    static String hex32(BigInteger value) {
        String digits = value.toString(16);
        return "0x" + "0".repeat(64 - digits.length()) + digits;
    }
}
