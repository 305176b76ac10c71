package io.yielddelta.keeper.core.clmm;

import static java.math.BigInteger.ONE;
import static java.math.BigInteger.TEN;
import static java.math.BigInteger.ZERO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SimulatedPoolTest {
    private static final BigInteger E18 = TEN.pow(18);
    private static final BigInteger MIN_LIMIT = TickMath.MIN_SQRT_RATIO.add(ONE);
    private static final BigInteger MAX_LIMIT = TickMath.MAX_SQRT_RATIO.subtract(ONE);

    private static SimulatedPool poolAtTick(int tick, int fee, int tickSpacing) {
        SimulatedPool pool = new SimulatedPool(fee, tickSpacing);
        pool.initialize(TickMath.getSqrtRatioAtTick(tick));
        return pool;
    }

    @Test
    void mintPullsTheAmountsRoundedUpAndBurnReturnsThemRoundedDown() {
        SimulatedPool pool = poolAtTick(0, 3000, 60);
        TokenAmounts paid = pool.mint("lp", -600, 600, E18);
        BigInteger price = pool.sqrtPriceX96();
        assertThat(paid.amount0())
                .isEqualTo(SqrtPriceMath.getAmount0Delta(price, TickMath.getSqrtRatioAtTick(600), E18, true));
        assertThat(paid.amount1())
                .isEqualTo(SqrtPriceMath.getAmount1Delta(TickMath.getSqrtRatioAtTick(-600), price, E18, true));
        assertThat(pool.liquidity()).isEqualTo(E18);
        assertThat(pool.ticks(-600).liquidityNet()).isEqualTo(E18);
        assertThat(pool.ticks(600).liquidityNet()).isEqualTo(E18.negate());
        assertThat(pool.initializedTicks()).containsExactly(-600, 600);

        TokenAmounts returned = pool.burn("lp", -600, 600, E18);
        assertThat(paid.amount0().subtract(returned.amount0())).isBetween(ZERO, ONE);
        assertThat(paid.amount1().subtract(returned.amount1())).isBetween(ZERO, ONE);
        assertThat(pool.positions("lp", -600, 600).tokensOwed0()).isEqualTo(returned.amount0());
        assertThat(pool.initializedTicks()).isEmpty();
        assertThat(pool.liquidity()).isZero();
        assertThat(pool.collect("lp", -600, 600, Uint.MAX_UINT128, Uint.MAX_UINT128))
                .isEqualTo(returned);
        assertThat(pool.positions("lp", -600, 600).tokensOwed0()).isZero();
    }

    /**
     * The backtest's fee-less move to a price leaves the pool where a swap to that price limit leaves it (price, tick,
     * in-range liquidity, the same ticks crossed), without growing any fee: checked against the swap on a copy, over
     * random targets in both directions, including targets exactly on an initialised tick.
     */
    @Test
    void movingWithoutFeeCrossesWhatASwapToTheSamePriceCrossesAndPaysNoFee() {
        Random random = new Random(20240105);
        for (int trial = 0; trial < 300; trial++) {
            SimulatedPool pool = poolAtTick(random.nextInt(2001) - 1000, 3000, 60);
            for (int p = 0; p < 4; p++) {
                int lower = (random.nextInt(61) - 30) * 60;
                pool.mint(
                        "lp" + p,
                        lower,
                        lower + 60 * (1 + random.nextInt(20)),
                        E18.multiply(BigInteger.valueOf(1 + p)));
            }
            pool.mint("wide", -60000, 60000, E18);
            boolean down = random.nextBoolean();
            pool.swap(down, E18.divide(BigInteger.valueOf(100)), down ? MIN_LIMIT : MAX_LIMIT);
            List<Integer> initialised = new ArrayList<>(pool.initializedTicks());
            BigInteger target = random.nextInt(4) == 0
                    ? TickMath.getSqrtRatioAtTick(initialised.get(random.nextInt(initialised.size())))
                    : TickMath.getSqrtRatioAtTick(random.nextInt(3601) - 1800)
                            .add(BigInteger.valueOf(random.nextInt(1000)));
            if (target.equals(pool.sqrtPriceX96())) {
                continue;
            }
            SimulatedPool swapped = pool.copy();
            swapped.swap(target.compareTo(pool.sqrtPriceX96()) < 0, E18.multiply(E18), target);
            BigInteger global0 = pool.feeGrowthGlobal0X128();
            BigInteger global1 = pool.feeGrowthGlobal1X128();
            SimulatedPool before = pool.copy();

            pool.moveWithoutFee(target);

            assertThat(pool.sqrtPriceX96()).isEqualTo(swapped.sqrtPriceX96());
            assertThat(pool.tick()).as("trial %d", trial).isEqualTo(swapped.tick());
            assertThat(pool.liquidity()).isEqualTo(swapped.liquidity());
            assertThat(pool.feeGrowthGlobal0X128()).isEqualTo(global0);
            assertThat(pool.feeGrowthGlobal1X128()).isEqualTo(global1);
            for (int t : initialised) {
                boolean crossedBySwap = !swapped.ticks(t)
                                .feeGrowthOutside0X128()
                                .equals(before.ticks(t).feeGrowthOutside0X128())
                        || !swapped.ticks(t)
                                .feeGrowthOutside1X128()
                                .equals(before.ticks(t).feeGrowthOutside1X128());
                BigInteger expected0 = crossedBySwap
                        ? Uint.subMod256(global0, before.ticks(t).feeGrowthOutside0X128())
                        : before.ticks(t).feeGrowthOutside0X128();
                BigInteger expected1 = crossedBySwap
                        ? Uint.subMod256(global1, before.ticks(t).feeGrowthOutside1X128())
                        : before.ticks(t).feeGrowthOutside1X128();
                assertThat(pool.ticks(t).feeGrowthOutside0X128())
                        .as("tick %d, trial %d", t, trial)
                        .isEqualTo(expected0);
                assertThat(pool.ticks(t).feeGrowthOutside1X128()).isEqualTo(expected1);
            }
        }
    }

    @Test
    void positionsOutOfRangeTakeOneTokenOnly() {
        SimulatedPool pool = poolAtTick(0, 500, 10);
        assertThat(pool.mint("lp", 100, 200, E18).amount1()).isZero();
        assertThat(pool.mint("lp", -200, -100, E18).amount0()).isZero();
        assertThat(pool.liquidity()).isZero();
    }

    @Test
    void aSwapCrossingATickPicksUpItsLiquidityNet() {
        SimulatedPool pool = poolAtTick(0, 3000, 60);
        pool.mint("wide", -6000, 6000, E18);
        pool.mint("narrow", -120, 120, E18);
        assertThat(pool.liquidity()).isEqualTo(E18.shiftLeft(1));

        BigInteger amountIn = TEN.pow(17);
        SimulatedPool.SwapResult result = pool.swap(true, amountIn, MIN_LIMIT);
        assertThat(result.tick()).isBetween(-6000, -121);
        assertThat(pool.liquidity()).isEqualTo(E18);
        assertThat(result.amount0()).isEqualTo(amountIn); // exact input, all of it used
        assertThat(result.amount1()).isNegative();
        // Crossing -120 flipped its fee growth outside to what the pool had earned above it; the tick at 120 was
        // never crossed and still records none.
        assertThat(pool.ticks(-120).feeGrowthOutside0X128()).isPositive().isLessThan(pool.feeGrowthGlobal0X128());
        assertThat(pool.ticks(120).feeGrowthOutside0X128()).isZero();
    }

    @Test
    void feesOwedAreTheSwapFeeLessRounding() {
        SimulatedPool pool = poolAtTick(0, 3000, 60);
        pool.mint("lp", -887220, 887220, E18);
        BigInteger amountIn = TEN.pow(15);
        SwapMath.SwapStep step =
                SwapMath.computeSwapStep(pool.sqrtPriceX96(), TickMath.MIN_SQRT_RATIO.add(ONE), E18, amountIn, 3000);
        pool.swap(true, amountIn, MIN_LIMIT);
        TokenAmounts uncollected = pool.uncollectedFees("lp", -887220, 887220);
        assertThat(pool.positions("lp", -887220, 887220).tokensOwed0()).isZero(); // reading them changed nothing
        pool.burn("lp", -887220, 887220, ZERO); // poke: credit the fees
        BigInteger owed = pool.positions("lp", -887220, 887220).tokensOwed0();
        assertThat(uncollected).isEqualTo(new TokenAmounts(owed, ZERO));
        assertThat(owed).isBetween(step.feeAmount().subtract(ONE), step.feeAmount());
        assertThat(pool.positions("lp", -887220, 887220).tokensOwed1()).isZero();
    }

    @Test
    void feeGrowthInsideWrapsAroundUint256LikeTheContract() {
        SimulatedPool pool = poolAtTick(0, 3000, 60);
        pool.mint("base", -6000, 6000, E18);
        pool.mint("up", 600, 1200, E18);
        pool.swap(false, E18, TickMath.getSqrtRatioAtTick(1500)); // token1 fees; crosses 600 and 1200
        pool.swap(false, E18, TickMath.getSqrtRatioAtTick(1800)); // more token1 fees above 1200
        // 300 is new and below the price (outside = global), 1200 recorded less: fee growth "inside" is negative.
        pool.mint("wrap", 300, 1200, E18);
        BigInteger last1 = pool.positions("wrap", 300, 1200).feeGrowthInside1LastX128();
        assertThat(last1).isGreaterThan(ONE.shiftLeft(255)).isLessThan(ONE.shiftLeft(256));
        assertThat(last1)
                .isEqualTo(ONE.shiftLeft(256)
                        .subtract(pool.feeGrowthGlobal1X128()
                                .subtract(pool.ticks(1200).feeGrowthOutside1X128())));

        pool.swap(true, E18, TickMath.getSqrtRatioAtTick(900)); // into the range, paying token0 fees
        pool.burn("wrap", 300, 1200, ZERO);
        SimulatedPool.PositionInfo wrap = pool.positions("wrap", 300, 1200);
        assertThat(wrap.tokensOwed1()).isZero(); // no token1 fees were earned while in range
        assertThat(wrap.tokensOwed0()).isPositive();
        assertThat(wrap.feeGrowthInside1LastX128()).isEqualTo(last1);
    }

    @Test
    void exactOutputDeliversExactlyTheAmountAsked() {
        SimulatedPool pool = poolAtTick(100, 500, 10);
        pool.mint("lp", -1000, 1000, E18);
        BigInteger wanted = TEN.pow(15);
        SimulatedPool.SwapResult result = pool.swap(false, wanted.negate(), MAX_LIMIT);
        assertThat(result.amount0()).isEqualTo(wanted.negate());
        assertThat(result.amount1()).isPositive();
    }

    @Test
    void swapStopsAtThePriceLimit() {
        SimulatedPool pool = poolAtTick(0, 3000, 60);
        pool.mint("lp", -6000, 6000, E18);
        BigInteger limit = TickMath.getSqrtRatioAtTick(-30);
        SimulatedPool.SwapResult result = pool.swap(true, E18, limit);
        assertThat(result.sqrtPriceX96()).isEqualTo(limit);
        assertThat(result.amount0()).isLessThan(E18);
        assertThat(result.tick()).isEqualTo(-30);
    }

    @Test
    void badInputThrowsNamingTheValueAndChangesNothing() {
        SimulatedPool pool = poolAtTick(0, 3000, 60);
        pool.mint("lp", -600, 600, E18);
        SimulatedPool before = pool.copy();

        assertThatThrownBy(() -> pool.mint("lp", 600, 600, E18))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("600");
        assertThatThrownBy(() -> pool.mint("lp", -887280, 600, E18))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-887280");
        assertThatThrownBy(() -> pool.mint("lp", -610, 600, E18))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-610");
        assertThatThrownBy(() -> pool.mint("lp", -600, 600, ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pool.mint("lp", -600, 600, ONE.negate()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> pool.mint("lp", -600, 600, pool.maxLiquidityPerTick()))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("maxLiquidityPerTick");
        assertThatThrownBy(() -> pool.burn("lp", -600, 600, E18.add(ONE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(E18.add(ONE).toString());
        assertThatThrownBy(() -> pool.burn("other", -600, 600, ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pool.swap(true, E18, TickMath.getSqrtRatioAtTick(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sqrtPriceLimitX96");
        // The contract's first require: a swap of nothing reverts 'AS', whatever the limit.
        assertThatThrownBy(() -> pool.swap(false, ZERO, TickMath.getSqrtRatioAtTick(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AS");
        assertThatThrownBy(() -> pool.swap(true, E18, TickMath.MIN_SQRT_RATIO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pool.swap(false, E18, TickMath.MAX_SQRT_RATIO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimulatedPool(1_000_000, 60))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1000000");
        assertThatThrownBy(() -> new SimulatedPool(3000, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimulatedPool(3000, 60).mint("lp", -60, 60, ONE))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pool.initialize(TickMath.MIN_SQRT_RATIO)).isInstanceOf(IllegalStateException.class);

        assertSameState(pool, before, List.of(-600, 600), List.of(new PositionRef("lp", -600, 600)));
    }

    @Test
    void maxLiquidityPerTickMatchesTheContractFormula() {
        // type(uint128).max / number of usable ticks, for the factory's default spacings.
        assertThat(SimulatedPool.tickSpacingToMaxLiquidityPerTick(60))
                .isEqualTo(Uint.MAX_UINT128.divide(BigInteger.valueOf(29575)));
        assertThat(SimulatedPool.tickSpacingToMaxLiquidityPerTick(10))
                .isEqualTo(Uint.MAX_UINT128.divide(BigInteger.valueOf(177455)));
        assertThat(SimulatedPool.tickSpacingToMaxLiquidityPerTick(200))
                .isEqualTo(Uint.MAX_UINT128.divide(BigInteger.valueOf(8873)));
    }

    record PositionRef(String owner, int tickLower, int tickUpper) {}

    /**
     * Random mints, burns and swaps (exact in and out, both ways, across ticks and bitmap words); after every action the
     * pool's books must balance.
     */
    @Property(tries = 150)
    void randomActivityKeepsThePoolConsistentAndSolvent(
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 3) int feeTier) {
        int[] fees = {100, 500, 3000, 10000};
        int[] spacings = {1, 10, 60, 200};
        Random random = new Random(seed);
        int spacing = spacings[feeTier];
        int startTick = random.nextInt(-100_000, 100_000);
        SimulatedPool pool = poolAtTick(startTick, fees[feeTier], spacing);
        List<PositionRef> positions = new ArrayList<>();
        BigInteger balance0 = ZERO;
        BigInteger balance1 = ZERO;
        BigInteger previousGrowth0 = ZERO;
        BigInteger previousGrowth1 = ZERO;

        for (int action = 0; action < 40; action++) {
            int choice = random.nextInt(10);
            if (choice < 3 || positions.isEmpty()) {
                int center = Math.floorDiv(pool.tick(), spacing) + random.nextInt(-40, 41);
                int lower = (center - 1 - random.nextInt(60)) * spacing;
                int upper = (center + 1 + random.nextInt(60)) * spacing;
                lower = Math.max(lower, Math.ceilDiv(TickMath.MIN_TICK, spacing) * spacing);
                upper = Math.min(upper, Math.floorDiv(TickMath.MAX_TICK, spacing) * spacing);
                PositionRef ref = new PositionRef("lp" + random.nextInt(3), lower, upper);
                BigInteger liquidity =
                        BigInteger.valueOf(random.nextLong(1, Long.MAX_VALUE)).shiftLeft(random.nextInt(0, 20));
                TokenAmounts paid = pool.mint(ref.owner(), lower, upper, liquidity);
                balance0 = balance0.add(paid.amount0());
                balance1 = balance1.add(paid.amount1());
                positions.add(ref);
            } else if (choice < 4) {
                PositionRef ref = positions.get(random.nextInt(positions.size()));
                BigInteger held = pool.positions(ref.owner(), ref.tickLower(), ref.tickUpper())
                        .liquidity();
                if (held.signum() > 0) {
                    pool.burn(ref.owner(), ref.tickLower(), ref.tickUpper(), held.divide(BigInteger.TWO));
                }
            } else {
                boolean zeroForOne = random.nextBoolean();
                BigInteger amount =
                        BigInteger.valueOf(random.nextLong(1, Long.MAX_VALUE)).shiftLeft(random.nextInt(0, 10));
                int limitTick = Math.clamp(
                        pool.tick() + (zeroForOne ? -1 : 1) * random.nextInt(1, 20_000),
                        TickMath.MIN_TICK + 1,
                        TickMath.MAX_TICK - 1);
                BigInteger limit = TickMath.getSqrtRatioAtTick(limitTick);
                if (zeroForOne
                        ? limit.compareTo(pool.sqrtPriceX96()) >= 0
                        : limit.compareTo(pool.sqrtPriceX96()) <= 0) {
                    continue;
                }
                SimulatedPool.SwapResult result =
                        pool.swap(zeroForOne, random.nextBoolean() ? amount : amount.negate(), limit);
                balance0 = balance0.add(result.amount0());
                balance1 = balance1.add(result.amount1());
                // The input side grows the pool, the output side shrinks it; never the other way round.
                assertThat(zeroForOne ? result.amount0() : result.amount1()).isNotNegative();
                assertThat(zeroForOne ? result.amount1() : result.amount0()).isNotPositive();
            }
            assertBooksBalance(pool, positions);
            assertThat(pool.feeGrowthGlobal0X128()).isGreaterThanOrEqualTo(previousGrowth0);
            assertThat(pool.feeGrowthGlobal1X128()).isGreaterThanOrEqualTo(previousGrowth1);
            previousGrowth0 = pool.feeGrowthGlobal0X128();
            previousGrowth1 = pool.feeGrowthGlobal1X128();
        }

        // Everyone leaves with everything they are owed: the pool must still hold enough of both tokens.
        for (PositionRef ref : positions) {
            BigInteger held = pool.positions(ref.owner(), ref.tickLower(), ref.tickUpper())
                    .liquidity();
            TokenAmounts uncollected = pool.uncollectedFees(ref.owner(), ref.tickLower(), ref.tickUpper());
            if (held.signum() > 0) {
                pool.burn(ref.owner(), ref.tickLower(), ref.tickUpper(), ZERO);
            }
            SimulatedPool.PositionInfo poked = pool.positions(ref.owner(), ref.tickLower(), ref.tickUpper());
            assertThat(uncollected).isEqualTo(new TokenAmounts(poked.tokensOwed0(), poked.tokensOwed1()));
            if (held.signum() > 0) {
                pool.burn(ref.owner(), ref.tickLower(), ref.tickUpper(), held);
            }
            TokenAmounts out =
                    pool.collect(ref.owner(), ref.tickLower(), ref.tickUpper(), Uint.MAX_UINT128, Uint.MAX_UINT128);
            balance0 = balance0.subtract(out.amount0());
            balance1 = balance1.subtract(out.amount1());
        }
        assertThat(balance0).isNotNegative();
        assertThat(balance1).isNotNegative();
        assertThat(pool.liquidity()).isZero();
        assertThat(pool.initializedTicks()).isEmpty();
    }

    @Property(tries = 200)
    void swappingThereAndBackNeverGainsAnything(
            @ForAll @IntRange(min = -50000, max = 50000) int startTick,
            @ForAll @IntRange(min = 1, max = 62) int amountBits,
            @ForAll boolean zeroForOne) {
        SimulatedPool pool = poolAtTick(startTick, 3000, 60);
        int base = Math.floorDiv(startTick, 60) * 60;
        pool.mint("a", base - 6000, base + 6000, E18);
        pool.mint("b", base - 600, base + 1200, E18.multiply(TEN));
        BigInteger amountIn = ONE.shiftLeft(amountBits);

        SimulatedPool.SwapResult there = pool.swap(zeroForOne, amountIn, zeroForOne ? MIN_LIMIT : MAX_LIMIT);
        BigInteger received = (zeroForOne ? there.amount1() : there.amount0()).negate();
        BigInteger spent = zeroForOne ? there.amount0() : there.amount1();
        if (received.signum() == 0) {
            return;
        }
        SimulatedPool.SwapResult back = pool.swap(!zeroForOne, received, zeroForOne ? MAX_LIMIT : MIN_LIMIT);
        BigInteger returned = (zeroForOne ? back.amount0() : back.amount1()).negate();
        assertThat(returned).isLessThanOrEqualTo(spent);
    }

    private static void assertBooksBalance(SimulatedPool pool, List<PositionRef> positions) {
        // Price and tick agree: sqrt(tick) <= price <= sqrt(tick + 1).
        assertThat(TickMath.getSqrtRatioAtTick(pool.tick())).isLessThanOrEqualTo(pool.sqrtPriceX96());
        assertThat(TickMath.getSqrtRatioAtTick(pool.tick() + 1)).isGreaterThanOrEqualTo(pool.sqrtPriceX96());

        BigInteger inRange = ZERO;
        java.util.Map<Integer, BigInteger> gross = new java.util.TreeMap<>();
        java.util.Map<Integer, BigInteger> net = new java.util.TreeMap<>();
        for (PositionRef ref : positions.stream().distinct().toList()) {
            BigInteger l = pool.positions(ref.owner(), ref.tickLower(), ref.tickUpper())
                    .liquidity();
            if (l.signum() == 0) {
                continue;
            }
            if (ref.tickLower() <= pool.tick() && pool.tick() < ref.tickUpper()) {
                inRange = inRange.add(l);
            }
            gross.merge(ref.tickLower(), l, BigInteger::add);
            gross.merge(ref.tickUpper(), l, BigInteger::add);
            net.merge(ref.tickLower(), l, BigInteger::add);
            net.merge(ref.tickUpper(), l.negate(), BigInteger::add);
        }
        assertThat(pool.liquidity()).isEqualTo(inRange);
        assertThat(pool.initializedTicks()).containsExactlyElementsOf(gross.keySet());
        gross.forEach((t, g) -> {
            assertThat(pool.ticks(t).liquidityGross()).isEqualTo(g);
            assertThat(pool.ticks(t).liquidityNet()).isEqualTo(net.get(t));
        });
    }

    private static void assertSameState(
            SimulatedPool actual, SimulatedPool expected, List<Integer> ticks, List<PositionRef> positions) {
        assertThat(actual.sqrtPriceX96()).isEqualTo(expected.sqrtPriceX96());
        assertThat(actual.tick()).isEqualTo(expected.tick());
        assertThat(actual.liquidity()).isEqualTo(expected.liquidity());
        assertThat(actual.feeGrowthGlobal0X128()).isEqualTo(expected.feeGrowthGlobal0X128());
        assertThat(actual.initializedTicks()).isEqualTo(expected.initializedTicks());
        ticks.forEach(t -> assertThat(actual.ticks(t)).isEqualTo(expected.ticks(t)));
        positions.forEach(p -> assertThat(actual.positions(p.owner(), p.tickLower(), p.tickUpper()))
                .isEqualTo(expected.positions(p.owner(), p.tickLower(), p.tickUpper())));
    }
}
