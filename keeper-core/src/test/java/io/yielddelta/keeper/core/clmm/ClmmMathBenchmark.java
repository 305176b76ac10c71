package io.yielddelta.keeper.core.clmm;

import java.math.BigInteger;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Speed of the exact math the backtest leans on. Short by default (the build machines are shared):
 * <pre>./mvnw -q -pl keeper-core -Pbench verify -DskipTests [-Dbench=ClmmMathBenchmark.swap] [-Djmh.args="-i 5"]</pre>
 * Inputs cycle through 1,024 random cases so no single value is measured over and over. On a machine shared with
 * other builds the average is dominated by the process being descheduled; {@code -Djmh.args="-f 1 -bm sample"}
 * reports percentiles, whose median is the cost of the code itself.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ClmmMathBenchmark {
    private static final int CASES = 1024;

    private final int[] ticks = new int[CASES];
    private final BigInteger[] sqrtPrices = new BigInteger[CASES];
    private final BigInteger[] lowers = new BigInteger[CASES];
    private final BigInteger[] uppers = new BigInteger[CASES];
    private final BigInteger[] liquidities = new BigInteger[CASES];
    private final BigInteger[] stepTargets = new BigInteger[CASES];
    private final BigInteger[] stepAmounts = new BigInteger[CASES];
    private final double[] prices = new double[CASES];
    private PositionAnalytics position;
    private SimulatedPool pool;
    private BigInteger swapAmount;
    private BigInteger startPrice;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        for (int i = 0; i < CASES; i++) {
            ticks[i] = random.nextInt(TickMath.MIN_TICK, TickMath.MAX_TICK + 1);
            int tick = random.nextInt(-300_000, 300_000);
            sqrtPrices[i] = TickMath.getSqrtRatioAtTick(tick).add(BigInteger.valueOf(random.nextInt(1_000_000)));
            lowers[i] = TickMath.getSqrtRatioAtTick(tick - random.nextInt(1, 5000));
            uppers[i] = TickMath.getSqrtRatioAtTick(tick + random.nextInt(1, 5000));
            liquidities[i] = new BigInteger(random.nextInt(40, 120), random).add(BigInteger.ONE);
            stepTargets[i] = random.nextBoolean() ? lowers[i] : uppers[i];
            BigInteger magnitude = new BigInteger(random.nextInt(20, 100), random);
            stepAmounts[i] = random.nextBoolean() ? magnitude : magnitude.negate();
            prices[i] = PositionAnalytics.price(tick / 10);
        }
        position = new PositionAnalytics(1e18, -20_000, 20_000);

        // A pool with a ladder of positions, so a swap crosses a few initialised ticks each way.
        pool = new SimulatedPool(3000, 60);
        startPrice = TickMath.getSqrtRatioAtTick(0);
        pool.initialize(startPrice);
        for (int i = 1; i <= 20; i++) {
            pool.mint("lp", -60 * 10 * i, 60 * 10 * i, BigInteger.TEN.pow(18));
        }
        swapAmount = BigInteger.TEN.pow(18);
    }

    private int nextCase() {
        next = (next + 1) & (CASES - 1);
        return next;
    }

    @Benchmark
    public BigInteger tickToSqrtRatio() {
        return TickMath.getSqrtRatioAtTick(ticks[nextCase()]);
    }

    @Benchmark
    public int sqrtRatioToTick() {
        return TickMath.getTickAtSqrtRatio(sqrtPrices[nextCase()]);
    }

    @Benchmark
    public TokenAmounts amountsForLiquidity() {
        int i = nextCase();
        return LiquidityAmounts.getAmountsForLiquidity(sqrtPrices[i], lowers[i], uppers[i], liquidities[i]);
    }

    @Benchmark
    public BigInteger liquidityForAmounts() {
        int i = nextCase();
        return LiquidityAmounts.getLiquidityForAmounts(
                sqrtPrices[i], lowers[i], uppers[i], liquidities[i], liquidities[i]);
    }

    @Benchmark
    public double positionValue() {
        return position.value(prices[nextCase()]);
    }

    @Benchmark
    public SwapMath.SwapStep swapStep() {
        int i = nextCase();
        return SwapMath.computeSwapStep(sqrtPrices[i], stepTargets[i], liquidities[i], stepAmounts[i], 3000);
    }

    /**
     * Two pool swaps, each crossing an initialised tick: token0 in, then token1 in until the price is back at its start
     * (the price limit), so every invocation does the same work.
     */
    @Benchmark
    public SimulatedPool.SwapResult poolSwapRoundTrip() {
        pool.swap(true, swapAmount, TickMath.MIN_SQRT_RATIO.add(BigInteger.ONE));
        return pool.swap(false, swapAmount.shiftLeft(1), startPrice);
    }
}
