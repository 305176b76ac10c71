package io.yielddelta.keeper.core.clmm;

import static java.math.BigInteger.ONE;
import static java.math.BigInteger.TEN;
import static java.math.BigInteger.ZERO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SqrtPriceMathTest {
    private static final BigInteger PRICE_1 = BigInteger.ONE.shiftLeft(96); // encodePriceSqrt(1, 1)
    private static final BigInteger PRICE_121_100 = new BigInteger("87150978765690771352898345369"); // √1.21 · 2^96
    private static final BigInteger E18 = TEN.pow(18);
    private static final BigInteger E17 = TEN.pow(17);

    // Values stated by the v3-core SqrtPriceMath tests.
    @Test
    void nextPriceFromInputOfATenthOfEachToken() {
        assertThat(SqrtPriceMath.getNextSqrtPriceFromInput(PRICE_1, E18, E17, false))
                .isEqualTo(new BigInteger("87150978765690771352898345369"));
        assertThat(SqrtPriceMath.getNextSqrtPriceFromInput(PRICE_1, E18, E17, true))
                .isEqualTo(new BigInteger("72025602285694852357767227579"));
        assertThat(SqrtPriceMath.getNextSqrtPriceFromInput(PRICE_1, E18, ZERO, true))
                .isEqualTo(PRICE_1);
    }

    @Test
    void nextPriceFromOutputOfATenthOfEachToken() {
        assertThat(SqrtPriceMath.getNextSqrtPriceFromOutput(PRICE_1, E18, E17, true))
                .isEqualTo(new BigInteger("71305346262837903834189555302"));
        assertThat(SqrtPriceMath.getNextSqrtPriceFromOutput(PRICE_1, E18, E17, false))
                .isEqualTo(new BigInteger("88031291682515930659493278152"));
    }

    @Test
    void amountDeltasBetweenPrice1And121Over100() {
        assertThat(SqrtPriceMath.getAmount0Delta(PRICE_1, PRICE_121_100, E18, true))
                .isEqualTo(new BigInteger("90909090909090910"));
        assertThat(SqrtPriceMath.getAmount0Delta(PRICE_1, PRICE_121_100, E18, false))
                .isEqualTo(new BigInteger("90909090909090909"));
        assertThat(SqrtPriceMath.getAmount1Delta(PRICE_1, PRICE_121_100, E18, true))
                .isEqualTo(new BigInteger("100000000000000000"));
        assertThat(SqrtPriceMath.getAmount1Delta(PRICE_1, PRICE_121_100, E18, false))
                .isEqualTo(new BigInteger("99999999999999999"));
        assertThat(SqrtPriceMath.getAmount0Delta(PRICE_1, PRICE_1, E18, true)).isZero();
    }

    @Test
    void signedDeltasRoundAgainstTheLiquidityProvider() {
        assertThat(SqrtPriceMath.getAmount0Delta(PRICE_1, PRICE_121_100, E18))
                .isEqualTo(new BigInteger("90909090909090910"));
        assertThat(SqrtPriceMath.getAmount0Delta(PRICE_1, PRICE_121_100, E18.negate()))
                .isEqualTo(new BigInteger("-90909090909090909"));
        assertThat(SqrtPriceMath.getAmount1Delta(PRICE_1, PRICE_121_100, E18.negate()))
                .isEqualTo(new BigInteger("-99999999999999999"));
    }

    @Test
    void rejectsInvalidInputNamingIt() {
        assertThatThrownBy(() -> SqrtPriceMath.getNextSqrtPriceFromInput(ZERO, ONE, TEN, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sqrtPX96");
        assertThatThrownBy(() -> SqrtPriceMath.getNextSqrtPriceFromInput(ONE, ZERO, TEN, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("liquidity");
        assertThatThrownBy(() -> SqrtPriceMath.getAmount0Delta(PRICE_1, PRICE_1, E18.negate(), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1000000000000000000");
        assertThatThrownBy(() -> SqrtPriceMath.getAmount1Delta(ONE.shiftLeft(160), PRICE_1, E18, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uint160");
        assertThatThrownBy(() -> SqrtPriceMath.getAmount0Delta(PRICE_1, PRICE_1, ONE.shiftLeft(127)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("int128");
    }

    @Test
    void revertsWhereTheContractRevertsOnOverflow() {
        // Taking out more token1 than the virtual reserve holds, and pushing the price past uint160.
        assertThatThrownBy(() -> SqrtPriceMath.getNextSqrtPriceFromOutput(PRICE_1, ONE, TEN, true))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> SqrtPriceMath.getNextSqrtPriceFromInput(
                        TickMath.MAX_SQRT_RATIO, ONE, ONE.shiftLeft(200), false))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> SqrtPriceMath.getNextSqrtPriceFromOutput(PRICE_1, E18, E18.multiply(TEN), false))
                .isInstanceOf(ArithmeticException.class);
    }

    @Property(tries = 500)
    void roundingUpAddsAtMostOne(
            @ForAll("sqrtPrices") BigInteger a,
            @ForAll("sqrtPrices") BigInteger b,
            @ForAll("liquidities") BigInteger liquidity) {
        BigInteger up0 = SqrtPriceMath.getAmount0Delta(a, b, liquidity, true);
        BigInteger down0 = SqrtPriceMath.getAmount0Delta(a, b, liquidity, false);
        assertThat(up0.subtract(down0)).isBetween(ZERO, ONE);
        BigInteger up1 = SqrtPriceMath.getAmount1Delta(a, b, liquidity, true);
        BigInteger down1 = SqrtPriceMath.getAmount1Delta(a, b, liquidity, false);
        assertThat(up1.subtract(down1)).isBetween(ZERO, ONE);
        assertThat(SqrtPriceMath.getAmount0Delta(b, a, liquidity, true)).isEqualTo(up0);
    }

    @Property(tries = 500)
    void anInputMovesThePriceNoFurtherThanItPaysFor(
            @ForAll("sqrtPrices") BigInteger price,
            @ForAll("liquidities") BigInteger liquidity,
            @ForAll("amounts") BigInteger amountIn,
            @ForAll boolean zeroForOne) {
        BigInteger next;
        try {
            next = SqrtPriceMath.getNextSqrtPriceFromInput(price, liquidity, amountIn, zeroForOne);
        } catch (ArithmeticException priceLeavesUint160) {
            return;
        }
        if (zeroForOne) {
            assertThat(next).isLessThanOrEqualTo(price);
            assertThat(SqrtPriceMath.getAmount0Delta(next, price, liquidity, true))
                    .isLessThanOrEqualTo(amountIn);
        } else {
            assertThat(next).isGreaterThanOrEqualTo(price);
            assertThat(SqrtPriceMath.getAmount1Delta(price, next, liquidity, true))
                    .isLessThanOrEqualTo(amountIn);
        }
    }

    @Property(tries = 500)
    void anOutputMovesThePriceAtLeastFarEnoughToPayIt(
            @ForAll("sqrtPrices") BigInteger price,
            @ForAll("liquidities") BigInteger liquidity,
            @ForAll("amounts") BigInteger amountOut,
            @ForAll boolean zeroForOne) {
        BigInteger next;
        try {
            next = SqrtPriceMath.getNextSqrtPriceFromOutput(price, liquidity, amountOut, zeroForOne);
        } catch (ArithmeticException moreThanTheReserve) {
            return;
        }
        if (zeroForOne) {
            assertThat(next).isLessThanOrEqualTo(price);
            assertThat(SqrtPriceMath.getAmount1Delta(next, price, liquidity, false))
                    .isGreaterThanOrEqualTo(amountOut);
        } else {
            assertThat(next).isGreaterThanOrEqualTo(price);
            assertThat(SqrtPriceMath.getAmount0Delta(price, next, liquidity, false))
                    .isGreaterThanOrEqualTo(amountOut);
        }
    }

    @Provide
    static Arbitrary<BigInteger> sqrtPrices() {
        return Arbitraries.integers()
                .between(TickMath.MIN_TICK, TickMath.MAX_TICK)
                .map(TickMath::getSqrtRatioAtTick)
                .flatMap(p -> Arbitraries.bigIntegers()
                        .between(ZERO, p.shiftRight(20))
                        .map(p::add))
                .filter(p -> p.compareTo(TickMath.MAX_SQRT_RATIO) < 0);
    }

    @Provide
    static Arbitrary<BigInteger> liquidities() {
        return Arbitraries.integers()
                .between(1, 128)
                .flatMap(bits -> Arbitraries.bigIntegers()
                        .between(ONE, ONE.shiftLeft(bits).subtract(ONE)));
    }

    @Provide
    static Arbitrary<BigInteger> amounts() {
        return Arbitraries.integers()
                .between(1, 200)
                .flatMap(bits -> Arbitraries.bigIntegers()
                        .between(ZERO, ONE.shiftLeft(bits).subtract(ONE)));
    }
}
