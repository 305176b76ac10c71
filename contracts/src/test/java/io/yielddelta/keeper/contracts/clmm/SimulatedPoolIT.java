package io.yielddelta.keeper.contracts.clmm;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.contracts.generated.NonfungiblePositionManager;
import io.yielddelta.keeper.contracts.generated.SwapRouter;
import io.yielddelta.keeper.contracts.generated.TestToken;
import io.yielddelta.keeper.contracts.generated.UniswapV3Pool;
import io.yielddelta.keeper.core.clmm.LiquidityAmounts;
import io.yielddelta.keeper.core.clmm.SimulatedPool;
import io.yielddelta.keeper.core.clmm.TickMath;
import io.yielddelta.keeper.core.clmm.TokenAmounts;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * keeper-core's {@link SimulatedPool} against a real UniswapV3Pool driven through the real periphery: positions minted
 * through the NonfungiblePositionManager (liquidity from {@link LiquidityAmounts}, amounts pulled), random exact-input
 * and exact-output swaps through the SwapRouter that cross initialised ticks and bitmap words, partial burns, and the
 * fees each position collects. After every step the pool's whole state (price, tick, liquidity, fee growth global and
 * outside every initialised tick, every position) must equal the simulation's, integer for integer.
 */
@ExtendWith(DevChainExtension.class)
class SimulatedPoolIT {
    private static final Logger log = LoggerFactory.getLogger(SimulatedPoolIT.class);
    private static final BigInteger MAX_UINT128 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    private static final BigInteger FAR_DEADLINE = BigInteger.valueOf(4_000_000_000L);
    private static final int POSITIONS = 12;
    private static final int SWAPS = 100;
    /** Draws that would swap nothing (limit behind the price, no liquidity to pay into) are skipped, within bounds. */
    private static final int MAX_DRAWS = 20 * SWAPS;

    /**
     * Fixed, so the build is reproducible: a time-based seed (as before) sometimes drew swaps that crossed too few
     * initialised ticks for the comparison to mean much, and failed. Explore others with {@code -Dclmm.seed=N}.
     */
    private final long seed = Long.getLong("clmm.seed", 20_221_004L);

    private final Random random = new Random(seed);

    private UniswapV3Stack uniswap;
    private UniswapV3Pool pool;
    private SimulatedPool simulated;
    private String positionManager;
    private String token0;
    private String token1;
    private int fee;
    private int tickSpacing;

    private record Minted(BigInteger tokenId, int tickLower, int tickUpper) {}

    @ParameterizedTest(name = "fee {0}, tick spacing {1}")
    @CsvSource({"500, 10", "3000, 60"})
    void simulatedPoolMatchesTheRealPoolThroughMintsSwapsBurnsAndCollects(
            int fee, int tickSpacing, UniswapV3Stack uniswap) throws Exception {
        this.uniswap = uniswap;
        this.fee = fee;
        this.tickSpacing = tickSpacing;
        Credentials lp = uniswap.chain().account(1);
        Credentials trader = uniswap.chain().account(2);
        int startTick = random.nextInt(-200_000, 200_000);
        createPools(startTick);
        BigInteger plenty = BigInteger.ONE.shiftLeft(200);
        positionManager = uniswap.positionManager();
        uniswap.fund(token0, lp, plenty, positionManager);
        uniswap.fund(token1, lp, plenty, positionManager);
        uniswap.fund(token0, trader, plenty, uniswap.swapRouter());
        uniswap.fund(token1, trader, plenty, uniswap.swapRouter());

        List<Minted> minted = new ArrayList<>();
        Set<List<Integer>> ranges = new HashSet<>();
        BigInteger totalAmount0 = BigInteger.ZERO;
        BigInteger totalAmount1 = BigInteger.ZERO;
        while (minted.size() < POSITIONS) {
            int center = Math.floorDiv(simulated.tick(), tickSpacing) + random.nextInt(-60, 61);
            int lower = (center - 1 - random.nextInt(300)) * tickSpacing;
            int upper = (center + 1 + random.nextInt(300)) * tickSpacing;
            if (!ranges.add(List.of(lower, upper))) {
                continue; // one NFT per range, so the manager's fee split equals the pool position's
            }
            BigInteger amount0 = pow2(random.nextInt(40, 90));
            BigInteger amount1 = pow2(random.nextInt(40, 90));
            BigInteger liquidity = LiquidityAmounts.getLiquidityForAmounts(
                    simulated.sqrtPriceX96(),
                    TickMath.getSqrtRatioAtTick(lower),
                    TickMath.getSqrtRatioAtTick(upper),
                    amount0,
                    amount1);
            if (liquidity.signum() == 0) {
                continue;
            }
            TokenAmounts expected = simulated.mint(positionManager, lower, upper, liquidity);
            TransactionReceipt receipt = uniswap.mintPosition(lp, pool, lower, upper, amount0, amount1);
            var event = NonfungiblePositionManager.getIncreaseLiquidityEvents(receipt)
                    .getFirst();
            String what = context("mint [" + lower + ", " + upper + ") of " + amount0 + ", " + amount1);
            assertThat(event.liquidity).as(what).isEqualTo(liquidity);
            assertThat(List.of(event.amount0, event.amount1))
                    .as(what)
                    .isEqualTo(List.of(expected.amount0(), expected.amount1()));
            minted.add(new Minted(event.tokenId, lower, upper));
            totalAmount0 = totalAmount0.add(expected.amount0());
            totalAmount1 = totalAmount1.add(expected.amount1());
        }
        assertPoolStateMatches("after minting");

        int crossings = 0;
        int swaps = 0;
        for (int draw = 0; swaps < SWAPS && draw < MAX_DRAWS; draw++) {
            boolean zeroForOne = random.nextBoolean();
            boolean exactInput = random.nextBoolean();
            // Sizes from a sliver to a large share of what the positions hold, so that swaps cross ticks and words.
            BigInteger scale = zeroForOne == exactInput ? totalAmount0 : totalAmount1;
            BigInteger amount = scale.shiftRight(random.nextInt(1, 14)).max(BigInteger.ONE);
            int limitTick = Math.clamp(
                    simulated.tick() + (zeroForOne ? -1 : 1) * random.nextInt(1, 40_000),
                    TickMath.MIN_TICK + 1,
                    TickMath.MAX_TICK - 1);
            BigInteger limit = TickMath.getSqrtRatioAtTick(limitTick);
            if (zeroForOne
                    ? limit.compareTo(simulated.sqrtPriceX96()) >= 0
                    : limit.compareTo(simulated.sqrtPriceX96()) <= 0) {
                continue;
            }
            Set<Integer> ticksBefore = Set.copyOf(simulated.initializedTicks());
            int tickBefore = simulated.tick();
            // The router refuses a swap that pays nothing in (all of it in a range without liquidity): try it first.
            SimulatedPool trial = simulated.copy();
            SimulatedPool.SwapResult expected = trial.swap(zeroForOne, exactInput ? amount : amount.negate(), limit);
            if ((zeroForOne ? expected.amount0() : expected.amount1()).signum() <= 0) {
                continue;
            }
            simulated = trial;
            swaps++;
            TransactionReceipt receipt = swap(trader, zeroForOne, exactInput, amount, limit);
            var event = UniswapV3Pool.getSwapEvents(receipt).getFirst();
            String what = context("swap " + (zeroForOne ? "0→1" : "1→0") + (exactInput ? " exact in " : " exact out ")
                    + amount + " limit tick " + limitTick);
            assertThat(List.of(event.amount0, event.amount1, event.sqrtPriceX96, event.liquidity, event.tick))
                    .as(what)
                    .isEqualTo(List.of(
                            expected.amount0(),
                            expected.amount1(),
                            expected.sqrtPriceX96(),
                            expected.liquidity(),
                            BigInteger.valueOf(expected.tick())));
            assertThat(pool.feeGrowthGlobal0X128().send()).as(what).isEqualTo(simulated.feeGrowthGlobal0X128());
            assertThat(pool.feeGrowthGlobal1X128().send()).as(what).isEqualTo(simulated.feeGrowthGlobal1X128());
            int low = Math.min(tickBefore, expected.tick());
            int high = Math.max(tickBefore, expected.tick());
            crossings +=
                    (int) ticksBefore.stream().filter(t -> t > low && t <= high).count();
            if (swaps % 15 == 0) {
                assertPoolStateMatches(what);
            }
        }
        assertPoolStateMatches("after swapping");

        // Burn half of every other position, then collect everything: burned amounts plus fees, as the pool pays them.
        NonfungiblePositionManager manager = uniswap.positionManager(lp);
        for (int i = 0; i < minted.size(); i++) {
            Minted m = minted.get(i);
            if (i % 2 == 0) {
                BigInteger half = simulated
                        .positions(positionManager, m.tickLower(), m.tickUpper())
                        .liquidity()
                        .shiftRight(1);
                TokenAmounts expected = simulated.burn(positionManager, m.tickLower(), m.tickUpper(), half);
                TransactionReceipt receipt = UniswapV3Stack.send(manager.decreaseLiquidity(
                        new NonfungiblePositionManager.DecreaseLiquidityParams(
                                m.tokenId(), half, BigInteger.ZERO, BigInteger.ZERO, FAR_DEADLINE),
                        BigInteger.ZERO));
                var event = NonfungiblePositionManager.getDecreaseLiquidityEvents(receipt)
                        .getFirst();
                assertThat(List.of(event.amount0, event.amount1))
                        .as(context("burn " + half + " of " + m))
                        .isEqualTo(List.of(expected.amount0(), expected.amount1()));
            }
            if (simulated
                            .positions(positionManager, m.tickLower(), m.tickUpper())
                            .liquidity()
                            .signum()
                    > 0) {
                simulated.burn(
                        positionManager, m.tickLower(), m.tickUpper(), BigInteger.ZERO); // the manager pokes first
            }
            TokenAmounts owed =
                    simulated.collect(positionManager, m.tickLower(), m.tickUpper(), MAX_UINT128, MAX_UINT128);
            TransactionReceipt receipt = UniswapV3Stack.send(manager.collect(
                    new NonfungiblePositionManager.CollectParams(
                            m.tokenId(), lp.getAddress(), MAX_UINT128, MAX_UINT128),
                    BigInteger.ZERO));
            var event = NonfungiblePositionManager.getCollectEvents(receipt).getFirst();
            assertThat(List.of(event.amount0, event.amount1))
                    .as(context("collect " + m))
                    .isEqualTo(List.of(owed.amount0(), owed.amount1()));
        }
        assertPoolStateMatches("after burning and collecting");
        assertThat(swaps).as(context("swaps made")).isEqualTo(SWAPS);
        assertThat(crossings).as(context("initialised ticks crossed")).isGreaterThan(5);
        log.info(
                "fee {}: {} positions, {} swaps crossing {} initialised ticks, {} partial burns and {} collects all matched"
                        + " (seed {})",
                fee,
                POSITIONS,
                swaps,
                crossings,
                (POSITIONS + 1) / 2,
                POSITIONS,
                seed);
    }

    private void createPools(int startTick) {
        TestToken a = uniswap.deployToken("Token A", "TKA", 18);
        TestToken b = uniswap.deployToken("Token B", "TKB", 18);
        // Any price, not only a tick's: one unit above a tick's price.
        BigInteger sqrtPrice = TickMath.getSqrtRatioAtTick(startTick).add(BigInteger.valueOf(random.nextInt(0, 1000)));
        pool = uniswap.createPool(a.getContractAddress(), b.getContractAddress(), fee, sqrtPrice);
        try {
            token0 = pool.token0().send();
            token1 = pool.token1().send();
            assertThat(pool.tickSpacing().send().intValue()).isEqualTo(tickSpacing);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        simulated = new SimulatedPool(fee, tickSpacing);
        simulated.initialize(sqrtPrice);
    }

    private TransactionReceipt swap(
            Credentials trader, boolean zeroForOne, boolean exactInput, BigInteger amount, BigInteger limit) {
        String tokenIn = zeroForOne ? token0 : token1;
        String tokenOut = zeroForOne ? token1 : token0;
        if (exactInput) {
            return uniswap.swapExactInput(trader, tokenIn, tokenOut, fee, amount, limit);
        }
        SwapRouter router = uniswap.swapRouter(trader);
        return UniswapV3Stack.send(router.exactOutputSingle(
                new SwapRouter.ExactOutputSingleParams(
                        tokenIn,
                        tokenOut,
                        BigInteger.valueOf(fee),
                        trader.getAddress(),
                        FAR_DEADLINE,
                        amount,
                        BigInteger.ONE.shiftLeft(200),
                        limit),
                BigInteger.ZERO));
    }

    private void assertPoolStateMatches(String when) throws Exception {
        String what = context(when);
        var slot0 = pool.slot0().send();
        assertThat(slot0.component1()).as(what + ": sqrtPriceX96").isEqualTo(simulated.sqrtPriceX96());
        assertThat(slot0.component2().intValue()).as(what + ": tick").isEqualTo(simulated.tick());
        assertThat(pool.liquidity().send()).as(what + ": liquidity").isEqualTo(simulated.liquidity());
        assertThat(pool.feeGrowthGlobal0X128().send())
                .as(what + ": feeGrowthGlobal0X128")
                .isEqualTo(simulated.feeGrowthGlobal0X128());
        assertThat(pool.feeGrowthGlobal1X128().send())
                .as(what + ": feeGrowthGlobal1X128")
                .isEqualTo(simulated.feeGrowthGlobal1X128());
        for (int tick : simulated.initializedTicks()) {
            var onChain = pool.ticks(BigInteger.valueOf(tick)).send();
            SimulatedPool.TickInfo info = simulated.ticks(tick);
            assertThat(List.of(onChain.component1(), onChain.component2(), onChain.component3(), onChain.component4()))
                    .as(what + ": tick " + tick)
                    .isEqualTo(List.of(
                            info.liquidityGross(),
                            info.liquidityNet(),
                            info.feeGrowthOutside0X128(),
                            info.feeGrowthOutside1X128()));
            assertThat(onChain.component8())
                    .as(what + ": tick " + tick + " initialised")
                    .isTrue();
        }
        for (List<Integer> range : positionRanges()) {
            var onChain = pool.positions(positionKey(positionManager, range.get(0), range.get(1)))
                    .send();
            SimulatedPool.PositionInfo info = simulated.positions(positionManager, range.get(0), range.get(1));
            assertThat(List.of(
                            onChain.component1(),
                            onChain.component2(),
                            onChain.component3(),
                            onChain.component4(),
                            onChain.component5()))
                    .as(what + ": position " + range)
                    .isEqualTo(List.of(
                            info.liquidity(),
                            info.feeGrowthInside0LastX128(),
                            info.feeGrowthInside1LastX128(),
                            info.tokensOwed0(),
                            info.tokensOwed1()));
        }
    }

    private List<List<Integer>> positionRanges() {
        // Every pair of initialised ticks is too many; the positions' own ranges are what matters.
        List<List<Integer>> ranges = new ArrayList<>();
        List<Integer> ticks = List.copyOf(simulated.initializedTicks());
        for (int i = 0; i < ticks.size(); i++) {
            for (int j = i + 1; j < ticks.size(); j++) {
                if (simulated
                                .positions(positionManager, ticks.get(i), ticks.get(j))
                                .liquidity()
                                .signum()
                        > 0) {
                    ranges.add(List.of(ticks.get(i), ticks.get(j)));
                }
            }
        }
        return ranges;
    }

    /** keccak256(abi.encodePacked(owner, int24 tickLower, int24 tickUpper)), the pool's position key. */
    private static byte[] positionKey(String owner, int tickLower, int tickUpper) {
        ByteBuffer packed = ByteBuffer.allocate(26);
        packed.put(Numeric.hexStringToByteArray(owner));
        packed.put(int24(tickLower));
        packed.put(int24(tickUpper));
        return Hash.sha3(packed.array());
    }

    private static byte[] int24(int value) {
        return new byte[] {(byte) (value >> 16), (byte) (value >> 8), (byte) value};
    }

    private static BigInteger pow2(int bits) {
        return BigInteger.ONE.shiftLeft(bits);
    }

    private String context(String what) {
        return "seed " + seed + ", fee " + fee + ": " + what;
    }
}
