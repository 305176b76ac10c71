package io.yielddelta.keeper.core.clmm;

import java.math.BigInteger;

/**
 * Port of v3-core {@code TickMath}: sqrt(1.0001^tick)·2^96 and its inverse, bit for bit.
 *
 * <p>The contract works on 256-bit words holding Q128.128 numbers that never exceed 129 bits; here they are unsigned
 * 128-bit values in two {@code long}s (high, low), which keeps the tick → price conversion free of {@link BigInteger}
 * arithmetic until the final, single division of the positive-tick case.
 */
public final class TickMath {
    /** log base 1.0001 of 2^-128. */
    public static final int MIN_TICK = -887272;
    /** log base 1.0001 of 2^128. */
    public static final int MAX_TICK = -MIN_TICK;
    /** getSqrtRatioAtTick(MIN_TICK). */
    public static final BigInteger MIN_SQRT_RATIO = new BigInteger("4295128739");
    /** getSqrtRatioAtTick(MAX_TICK). */
    public static final BigInteger MAX_SQRT_RATIO = new BigInteger("1461446703485210103287273052203988822378723970342");

    // sqrt(1.0001^-(2^i)) as Q128.128 (high, low), for bits 1..19 of |tick|; bit 0 starts the product.
    private static final long[][] FACTORS = {
        q128("fff97272373d413259a46990580e213a"),
        q128("fff2e50f5f656932ef12357cf3c7fdcc"),
        q128("ffe5caca7e10e4e61c3624eaa0941cd0"),
        q128("ffcb9843d60f6159c9db58835c926644"),
        q128("ff973b41fa98c081472e6896dfb254c0"),
        q128("ff2ea16466c96a3843ec78b326b52861"),
        q128("fe5dee046a99a2a811c461f1969c3053"),
        q128("fcbe86c7900a88aedcffc83b479aa3a4"),
        q128("f987a7253ac413176f2b074cf7815e54"),
        q128("f3392b0822b70005940c7a398e4b70f3"),
        q128("e7159475a2c29b7443b29c7fa6e889d9"),
        q128("d097f3bdfd2022b8845ad8f792aa5825"),
        q128("a9f746462d870fdf8a65dc1f90e061e5"),
        q128("70d869a156d2a1b890bb3df62baf32f7"),
        q128("31be135f97d08fd981231505542fcfa6"),
        q128("9aa508b5b7a84e1c677de54f3e99bc9"),
        q128("5d6af8dedb81196699c329225ee604"),
        q128("2216e584f5fa1ea926041bedfe98"),
        q128("48a170391f7dc42444e8fa2"),
    };
    private static final long[] BIT0_FACTOR = q128("fffcb933bd6fad37aa2d162d1a594001");

    private static final BigInteger LOG_SQRT10001_PER_LOG2 = new BigInteger("255738958999603826347141");
    private static final BigInteger TICK_LOW_ERROR = new BigInteger("3402992956809132418596140100660247210");
    private static final BigInteger TICK_HIGH_ERROR = new BigInteger("291339464771989622907027621153398088495");

    private TickMath() {}

    /** sqrt(1.0001^tick)·2^96 as a Q64.96, rounded up (so that getTickAtSqrtRatio of the result returns tick). */
    public static BigInteger getSqrtRatioAtTick(int tick) {
        requireTick(tick, "tick");
        int absTick = Math.abs(tick);

        // The product starts at 1.0 (2^128, one bit too wide for 128 bits) unless bit 0 is set.
        long hi;
        long lo;
        int first;
        if ((absTick & 1) != 0) {
            hi = BIT0_FACTOR[0];
            lo = BIT0_FACTOR[1];
            first = 0;
        } else {
            int lowest = Integer.numberOfTrailingZeros(absTick); // 1.0 · factor >> 128 = factor
            if (lowest >= 20) { // tick 0
                return BigInteger.ONE.shiftLeft(96);
            }
            hi = FACTORS[lowest - 1][0];
            lo = FACTORS[lowest - 1][1];
            first = lowest;
        }
        for (int bit = first + 1; bit < 20; bit++) {
            if ((absTick & (1 << bit)) != 0) {
                long[] f = FACTORS[bit - 1];
                long[] p = mulHigh128(hi, lo, f[0], f[1]);
                hi = p[0];
                lo = p[1];
            }
        }

        if (tick > 0) {
            BigInteger ratio = Uint.MAX_UINT256.divide(unsigned128(hi, lo));
            BigInteger shifted = ratio.shiftRight(32);
            return ratio.getLowestSetBit() < 32 ? shifted.add(BigInteger.ONE) : shifted;
        }
        // ratio < 2^128: shift right by 32 rounding up, still in two longs.
        boolean remainder = (lo & 0xFFFF_FFFFL) != 0;
        long outLo = (lo >>> 32) | (hi << 32);
        long outHi = hi >>> 32;
        if (remainder) {
            outLo++;
            if (outLo == 0) {
                outHi++;
            }
        }
        return unsigned128(outHi, outLo);
    }

    /** The greatest tick whose sqrt ratio is at most {@code sqrtPriceX96}; MIN_SQRT_RATIO ≤ price &lt; MAX_SQRT_RATIO. */
    public static int getTickAtSqrtRatio(BigInteger sqrtPriceX96) {
        if (sqrtPriceX96 == null) {
            throw new IllegalArgumentException("sqrtPriceX96 is null");
        }
        // The upper bound is exclusive: the price can never reach the price at MAX_TICK.
        if (sqrtPriceX96.compareTo(MIN_SQRT_RATIO) < 0 || sqrtPriceX96.compareTo(MAX_SQRT_RATIO) >= 0) {
            throw new IllegalArgumentException(
                    "sqrtPriceX96 = " + sqrtPriceX96 + " is outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO)");
        }
        BigInteger ratio = sqrtPriceX96.shiftLeft(32);
        int msb = ratio.bitLength() - 1;
        // Normalise to [2^127, 2^128): the mantissa whose log2 the loop refines bit by bit.
        BigInteger normalised = msb >= 128 ? ratio.shiftRight(msb - 127) : ratio.shiftLeft(127 - msb);
        long rHi = normalised.shiftRight(64).longValue();
        long rLo = normalised.longValue();

        long fraction = 0; // bits 63..50 of the Q64.64 log2, as the contract computes them
        for (int bit = 63; bit >= 50; bit--) {
            long[] square = mul256(rHi, rLo, rHi, rLo);
            // r = r·r >> 127, then f = r >> 128 (the product's top bit), then r >>= f
            if (square[0] < 0) {
                fraction |= 1L << bit;
                rHi = square[0];
                rLo = square[1];
            } else {
                rHi = (square[0] << 1) | (square[1] >>> 63);
                rLo = (square[1] << 1) | (square[2] >>> 63);
            }
        }
        BigInteger log2 = BigInteger.valueOf(msb - 128).shiftLeft(64).add(unsigned64(fraction));
        BigInteger logSqrt10001 = log2.multiply(LOG_SQRT10001_PER_LOG2); // Q128.128
        int tickLow = logSqrt10001.subtract(TICK_LOW_ERROR).shiftRight(128).intValueExact();
        int tickHigh = logSqrt10001.add(TICK_HIGH_ERROR).shiftRight(128).intValueExact();
        if (tickLow == tickHigh) {
            return tickLow;
        }
        return getSqrtRatioAtTick(tickHigh).compareTo(sqrtPriceX96) <= 0 ? tickHigh : tickLow;
    }

    static void requireTick(int tick, String name) {
        if (tick < MIN_TICK || tick > MAX_TICK) {
            throw new IllegalArgumentException(
                    name + " = " + tick + " is outside [" + MIN_TICK + ", " + MAX_TICK + "]");
        }
    }

    /** The top 128 bits of the 256-bit product of two unsigned 128-bit numbers, as (high, low). */
    private static long[] mulHigh128(long aHi, long aLo, long bHi, long bLo) {
        long[] p = mul256(aHi, aLo, bHi, bLo);
        return new long[] {p[0], p[1]};
    }

    /** The 256-bit product of two unsigned 128-bit numbers, as limbs from the most significant: [3], [2], [1]. */
    private static long[] mul256(long aHi, long aLo, long bHi, long bLo) {
        long p0Hi = Math.unsignedMultiplyHigh(aLo, bLo);
        long p1Lo = aLo * bHi;
        long p1Hi = Math.unsignedMultiplyHigh(aLo, bHi);
        long p2Lo = aHi * bLo;
        long p2Hi = Math.unsignedMultiplyHigh(aHi, bLo);
        long p3Lo = aHi * bHi;
        long p3Hi = Math.unsignedMultiplyHigh(aHi, bHi);

        long limb1 = p0Hi + p1Lo;
        long carry1 = Long.compareUnsigned(limb1, p0Hi) < 0 ? 1 : 0;
        long limb1b = limb1 + p2Lo;
        carry1 += Long.compareUnsigned(limb1b, limb1) < 0 ? 1 : 0;

        long limb2 = p1Hi + p2Hi;
        long carry2 = Long.compareUnsigned(limb2, p1Hi) < 0 ? 1 : 0;
        long limb2b = limb2 + p3Lo;
        carry2 += Long.compareUnsigned(limb2b, limb2) < 0 ? 1 : 0;
        long limb2c = limb2b + carry1;
        carry2 += Long.compareUnsigned(limb2c, limb2b) < 0 ? 1 : 0;

        long limb3 = p3Hi + carry2;
        return new long[] {limb3, limb2c, limb1b};
    }

    private static BigInteger unsigned128(long hi, long lo) {
        if (hi == 0 && lo >= 0) {
            return BigInteger.valueOf(lo);
        }
        byte[] bytes = new byte[17]; // leading zero byte keeps it positive
        for (int i = 0; i < 8; i++) {
            bytes[1 + i] = (byte) (hi >>> (56 - 8 * i));
            bytes[9 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return new BigInteger(bytes);
    }

    private static BigInteger unsigned64(long value) {
        return value >= 0
                ? BigInteger.valueOf(value)
                : BigInteger.valueOf(value).add(BigInteger.ONE.shiftLeft(64));
    }

    private static long[] q128(String hex) {
        BigInteger value = new BigInteger(hex, 16);
        return new long[] {value.shiftRight(64).longValue(), value.longValue()};
    }
}
