package io.yielddelta.keeper.venues.dydx;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Conversion between human sizes and prices and the chain's integers for one market:
 * {@code quantums = size · 10^(−atomicResolution)}, a multiple of {@code stepBaseQuantums}, and
 * {@code subticks = price · 10^(atomicResolution − quantumConversionExponent + 6)}, a multiple of
 * {@code subticksPerTick}. All arithmetic is exact {@link BigDecimal} from the decimal string: no binary floating
 * point, so 0.0003 is 3·10⁻⁴ and not 2.9999…·10⁻⁴ (the Python client's trap).
 *
 * <p><b>Rounding, chosen on purpose.</b> The official clients disagree (JS and Python floor, Rust rounds to nearest,
 * and all of them raise a zero result to one step or tick). The keeper may never send more than it meant nor a worse
 * price than it meant, so:
 * <ul>
 *   <li>sizes round <b>down</b> to a whole step, and a size below one step is refused rather than raised to one step
 *       (raising would over-hedge; nearest could too);
 *   <li>prices round to a whole tick <b>away from aggressive</b>: a buy's limit down, a sell's limit up. A limit price
 *       is the worst price the keeper accepts, so the chain's integer is never worse than the intent; for an IOC the
 *       protective bound stays inside the allowed slippage. A buy limit below one tick is refused.
 * </ul>
 * The venue itself never re-rounds: the chain rejects an order that is not on the step/tick grid, so what is computed
 * here is exactly what is matched.
 */
record DydxQuantizer(int atomicResolution, int quantumConversionExponent, long stepBaseQuantums, long subticksPerTick) {

    private static final int QUOTE_ATOMIC_RESOLUTION = -6;
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    DydxQuantizer {
        if (stepBaseQuantums <= 0 || subticksPerTick <= 0) {
            throw new IllegalArgumentException("stepBaseQuantums and subticksPerTick must be positive");
        }
    }

    /** The largest multiple of stepBaseQuantums not above {@code size}; refused if that is zero. */
    BigInteger quantumsAtMost(BigDecimal size) {
        BigInteger step = BigInteger.valueOf(stepBaseQuantums);
        BigInteger steps = size.movePointLeft(atomicResolution)
                .divide(new BigDecimal(step), 0, RoundingMode.FLOOR)
                .toBigIntegerExact();
        if (steps.signum() <= 0) {
            throw new IllegalArgumentException("size " + size.toPlainString() + " is below one step ("
                    + size(step).toPlainString() + ")");
        }
        return checkUint64(steps.multiply(step), "quantums");
    }

    /**
     * The price in subticks on the tick grid, rounded to the less aggressive side: down for a buy, up for a sell.
     *
     * @param buy whether the order buys
     */
    BigInteger subticksNoWorseThan(BigDecimal price, boolean buy) {
        BigInteger tick = BigInteger.valueOf(subticksPerTick);
        BigInteger ticks = price.movePointRight(priceExponent())
                .divide(new BigDecimal(tick), 0, buy ? RoundingMode.FLOOR : RoundingMode.CEILING)
                .toBigIntegerExact();
        if (ticks.signum() <= 0) {
            throw new IllegalArgumentException("price " + price.toPlainString() + " is below one tick ("
                    + price(tick).toPlainString() + ")");
        }
        return checkUint64(ticks.multiply(tick), "subticks");
    }

    BigDecimal size(BigInteger quantums) {
        return new BigDecimal(quantums).movePointRight(atomicResolution).stripTrailingZeros();
    }

    BigDecimal price(BigInteger subticks) {
        return new BigDecimal(subticks).movePointLeft(priceExponent()).stripTrailingZeros();
    }

    /** One step in base-asset units (the indexer's stepSize). */
    BigDecimal stepSize() {
        return size(BigInteger.valueOf(stepBaseQuantums));
    }

    /** One tick in quote units (the indexer's tickSize). */
    BigDecimal tickSize() {
        return price(BigInteger.valueOf(subticksPerTick));
    }

    private int priceExponent() {
        return atomicResolution - quantumConversionExponent - QUOTE_ATOMIC_RESOLUTION;
    }

    private static BigInteger checkUint64(BigInteger value, String what) {
        if (value.compareTo(MAX_UINT64) > 0) {
            throw new IllegalArgumentException(what + " " + value + " exceed uint64");
        }
        return value;
    }
}
