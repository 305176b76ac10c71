package io.yielddelta.keeper.app.chain;

import java.math.BigInteger;

/** EIP-1559 fees of one transaction, in wei. */
public record Fees(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {

    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    public Fees {
        if (maxPriorityFeePerGas.compareTo(maxFeePerGas) > 0) {
            throw new IllegalArgumentException("priority fee above max fee");
        }
    }

    /** Both fees raised by at least {@code percent} (rounded up, and by at least 1 wei). */
    public Fees bumpedBy(int percent) {
        return new Fees(bump(maxFeePerGas, percent), bump(maxPriorityFeePerGas, percent));
    }

    /** The larger of each fee. */
    public Fees atLeast(Fees other) {
        return new Fees(maxFeePerGas.max(other.maxFeePerGas), maxPriorityFeePerGas.max(other.maxPriorityFeePerGas));
    }

    /** True when both fees are at least {@code percent} above {@code previous}: what nodes demand of a replacement. */
    public boolean replaces(Fees previous, int percent) {
        return covers(maxFeePerGas, previous.maxFeePerGas, percent)
                && covers(maxPriorityFeePerGas, previous.maxPriorityFeePerGas, percent);
    }

    /** The max fee held to {@code cap}, and the tip held to the max fee. */
    public Fees cappedAt(BigInteger cap) {
        BigInteger max = maxFeePerGas.min(cap);
        return new Fees(max, maxPriorityFeePerGas.min(max));
    }

    private static BigInteger bump(BigInteger fee, int percent) {
        BigInteger[] qr = fee.multiply(BigInteger.valueOf(100L + percent)).divideAndRemainder(HUNDRED);
        BigInteger raised = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
        return raised.max(fee.add(BigInteger.ONE));
    }

    private static boolean covers(BigInteger fee, BigInteger previous, int percent) {
        return fee.multiply(HUNDRED).compareTo(previous.multiply(BigInteger.valueOf(100L + percent))) >= 0;
    }
}
