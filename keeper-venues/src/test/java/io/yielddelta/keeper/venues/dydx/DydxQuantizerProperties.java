package io.yielddelta.keeper.venues.dydx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Rounding of sizes and prices onto the chain's grid never goes against the keeper's intent. */
class DydxQuantizerProperties {

    @Provide
    Arbitrary<DydxQuantizer> markets() {
        return Combinators.combine(
                        Arbitraries.integers().between(-12, -2),
                        Arbitraries.integers().between(-10, -5),
                        Arbitraries.of(1L, 10L, 1_000L, 100_000L, 1_000_000L),
                        Arbitraries.of(1L, 10L, 1_000L, 100_000L, 1_000_000L))
                .as(DydxQuantizer::new);
    }

    @Provide
    Arbitrary<BigDecimal> amounts() {
        return Arbitraries.bigDecimals()
                .between(new BigDecimal("0.000000001"), new BigDecimal("1000000"))
                .ofScale(9);
    }

    @Property(tries = 500)
    void sizeNeverExceedsTheIntentAndIsAWholeStep(
            @ForAll("markets") DydxQuantizer q, @ForAll("amounts") BigDecimal size) {
        BigInteger quantums;
        try {
            quantums = q.quantumsAtMost(size);
        } catch (IllegalArgumentException refused) {
            boolean belowOneStep = size.compareTo(q.stepSize()) < 0;
            boolean beyondUint64 = refused.getMessage().contains("exceed uint64");
            assertTrue(belowOneStep || beyondUint64, "refused " + size + ": " + refused.getMessage());
            return;
        }
        assertEquals(0, quantums.mod(BigInteger.valueOf(q.stepBaseQuantums())).signum());
        BigDecimal sent = q.size(quantums);
        assertTrue(sent.compareTo(size) <= 0, "sent " + sent + " for intent " + size);
        assertTrue(size.subtract(sent).compareTo(q.stepSize()) < 0, "gave away a whole step: " + sent + " for " + size);
    }

    @Property(tries = 500)
    void buyPriceNeverAboveAndSellPriceNeverBelowTheLimit(
            @ForAll("markets") DydxQuantizer q, @ForAll("amounts") BigDecimal price, @ForAll boolean buy) {
        BigInteger subticks;
        try {
            subticks = q.subticksNoWorseThan(price, buy);
        } catch (IllegalArgumentException refused) {
            boolean belowOneTick = buy && price.compareTo(q.tickSize()) < 0;
            boolean beyondUint64 = refused.getMessage().contains("exceed uint64");
            assertTrue(belowOneTick || beyondUint64, "refused " + price + " buy=" + buy + ": " + refused.getMessage());
            return;
        }
        assertEquals(0, subticks.mod(BigInteger.valueOf(q.subticksPerTick())).signum());
        BigDecimal sent = q.price(subticks);
        if (buy) {
            assertTrue(sent.compareTo(price) <= 0, "buy limit " + price + " sent as " + sent);
        } else {
            assertTrue(sent.compareTo(price) >= 0, "sell limit " + price + " sent as " + sent);
        }
        assertTrue(
                sent.subtract(price).abs().compareTo(q.tickSize()) < 0,
                "moved a whole tick: " + sent + " for " + price);
    }

    @Property(tries = 200)
    void aPriceOnTheGridIsKeptExactly(
            @ForAll("markets") DydxQuantizer q, @ForAll("amounts") BigDecimal anything, @ForAll boolean buy) {
        BigInteger ticks = anything.toBigInteger().add(BigInteger.ONE);
        BigInteger subticks = ticks.multiply(BigInteger.valueOf(q.subticksPerTick()));
        assertEquals(subticks, q.subticksNoWorseThan(q.price(subticks), buy));
        BigInteger quantums = ticks.multiply(BigInteger.valueOf(q.stepBaseQuantums()));
        assertEquals(quantums, q.quantumsAtMost(q.size(quantums)));
    }

    @Property(tries = 50)
    void aSizeBelowOneStepIsRefusedNotRaised(@ForAll("markets") DydxQuantizer q) {
        BigDecimal justBelow = q.stepSize().subtract(q.stepSize().movePointLeft(3));
        assertThrows(IllegalArgumentException.class, () -> q.quantumsAtMost(justBelow));
    }
}
