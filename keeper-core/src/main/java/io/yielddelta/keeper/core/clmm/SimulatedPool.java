package io.yielddelta.keeper.core.clmm;

import static io.yielddelta.keeper.core.clmm.Uint.requireInt;
import static io.yielddelta.keeper.core.clmm.Uint.requireUint;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An in-memory Uniswap V3 pool (v3-core 1.0.1 {@code UniswapV3Pool}) for backtests: swaps, mints, burns and collects
 * give the integer results the contract gives, bit for bit, including the fee growth accumulators with their uint256
 * wrap-around.
 *
 * <p>Left out: the oracle (observations, tick and seconds-per-liquidity cumulatives), flash loans, and the protocol
 * fee, which stays 0 (every pool starts that way; only the factory owner can switch it on). Token transfers are not
 * modelled: {@link #mint} returns what the pool would pull, {@link #swap} the signed deltas the caller settles.
 *
 * <p>The contract finds the next tick through a bitmap one 256-tick word at a time; a swap step stops at the edge of
 * a word even when no tick is initialised there, and those extra steps round differently from one long step. So the
 * pool walks words the same way, with a sorted map of initialised ticks standing in for the bitmap.
 *
 * <p>Not thread-safe. A call that the contract would revert throws before changing any state.
 */
public final class SimulatedPool {

    /** A tick's state as {@code UniswapV3Pool.ticks(tick)} returns it (zeros when not initialised). */
    public record TickInfo(
            BigInteger liquidityGross,
            BigInteger liquidityNet,
            BigInteger feeGrowthOutside0X128,
            BigInteger feeGrowthOutside1X128) {}

    /** A position's state as {@code UniswapV3Pool.positions(key)} returns it (zeros when absent). */
    public record PositionInfo(
            BigInteger liquidity,
            BigInteger feeGrowthInside0LastX128,
            BigInteger feeGrowthInside1LastX128,
            BigInteger tokensOwed0,
            BigInteger tokensOwed1) {}

    /**
     * The outcome of a swap, as in the pool's {@code Swap} event: signed token deltas from the pool's side (positive:
     * the pool receives), then the pool's price, in-range liquidity and tick afterwards.
     */
    public record SwapResult(
            BigInteger amount0, BigInteger amount1, BigInteger sqrtPriceX96, BigInteger liquidity, int tick) {}

    private record PositionKey(String owner, int tickLower, int tickUpper) {}

    private static final class Tick {
        BigInteger liquidityGross = BigInteger.ZERO;
        BigInteger liquidityNet = BigInteger.ZERO;
        BigInteger feeGrowthOutside0X128 = BigInteger.ZERO;
        BigInteger feeGrowthOutside1X128 = BigInteger.ZERO;
        BigInteger sqrtRatioX96; // cached: a swap step ends at an initialised tick's price

        Tick copy() {
            Tick t = new Tick();
            t.liquidityGross = liquidityGross;
            t.liquidityNet = liquidityNet;
            t.feeGrowthOutside0X128 = feeGrowthOutside0X128;
            t.feeGrowthOutside1X128 = feeGrowthOutside1X128;
            t.sqrtRatioX96 = sqrtRatioX96;
            return t;
        }
    }

    private static final class Position {
        BigInteger liquidity = BigInteger.ZERO;
        BigInteger feeGrowthInside0LastX128 = BigInteger.ZERO;
        BigInteger feeGrowthInside1LastX128 = BigInteger.ZERO;
        BigInteger tokensOwed0 = BigInteger.ZERO;
        BigInteger tokensOwed1 = BigInteger.ZERO;

        Position copy() {
            Position p = new Position();
            p.liquidity = liquidity;
            p.feeGrowthInside0LastX128 = feeGrowthInside0LastX128;
            p.feeGrowthInside1LastX128 = feeGrowthInside1LastX128;
            p.tokensOwed0 = tokensOwed0;
            p.tokensOwed1 = tokensOwed1;
            return p;
        }
    }

    private static final TickInfo EMPTY_TICK =
            new TickInfo(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);

    private final int fee;
    private final int tickSpacing;
    private final BigInteger maxLiquidityPerTick;
    /** Initialised ticks only (liquidityGross &gt; 0): the map is both the contract's tick storage and its bitmap. */
    private final TreeMap<Integer, Tick> ticks = new TreeMap<>();

    private final Map<PositionKey, Position> positions = new HashMap<>();

    private BigInteger sqrtPriceX96;
    private int tick;
    private BigInteger liquidity = BigInteger.ZERO;
    private BigInteger feeGrowthGlobal0X128 = BigInteger.ZERO;
    private BigInteger feeGrowthGlobal1X128 = BigInteger.ZERO;

    /**
     * @param fee         the swap fee in pips (3000 = 0.3 %), below 1,000,000 as the factory requires
     * @param tickSpacing positive and below 16384, as the factory requires
     */
    public SimulatedPool(int fee, int tickSpacing) {
        if (fee < 0 || fee >= SwapMath.PIPS) {
            throw new IllegalArgumentException("fee = " + fee + " pips is outside [0, " + SwapMath.PIPS + ")");
        }
        if (tickSpacing <= 0 || tickSpacing >= 16384) {
            throw new IllegalArgumentException("tickSpacing = " + tickSpacing + " is outside [1, 16383]");
        }
        this.fee = fee;
        this.tickSpacing = tickSpacing;
        this.maxLiquidityPerTick = tickSpacingToMaxLiquidityPerTick(tickSpacing);
    }

    private SimulatedPool(SimulatedPool other) {
        this.fee = other.fee;
        this.tickSpacing = other.tickSpacing;
        this.maxLiquidityPerTick = other.maxLiquidityPerTick;
        other.ticks.forEach((t, info) -> ticks.put(t, info.copy()));
        other.positions.forEach((k, p) -> positions.put(k, p.copy()));
        this.sqrtPriceX96 = other.sqrtPriceX96;
        this.tick = other.tick;
        this.liquidity = other.liquidity;
        this.feeGrowthGlobal0X128 = other.feeGrowthGlobal0X128;
        this.feeGrowthGlobal1X128 = other.feeGrowthGlobal1X128;
    }

    /** An independent deep copy, to branch a backtest (what evm_snapshot is to the chain). */
    public SimulatedPool copy() {
        return new SimulatedPool(this);
    }

    /** The most liquidity any one tick may reference, so that in-range liquidity can never overflow uint128. */
    public static BigInteger tickSpacingToMaxLiquidityPerTick(int tickSpacing) {
        int minTick = (TickMath.MIN_TICK / tickSpacing) * tickSpacing;
        int maxTick = (TickMath.MAX_TICK / tickSpacing) * tickSpacing;
        long numTicks = (long) (maxTick - minTick) / tickSpacing + 1;
        return Uint.MAX_UINT128.divide(BigInteger.valueOf(numTicks));
    }

    /** Sets the starting price; the tick follows from it. Once only. */
    public void initialize(BigInteger sqrtPriceX96) {
        if (this.sqrtPriceX96 != null) {
            throw new IllegalStateException("pool already initialised at sqrtPriceX96 = " + this.sqrtPriceX96);
        }
        int startTick = TickMath.getTickAtSqrtRatio(sqrtPriceX96);
        this.sqrtPriceX96 = sqrtPriceX96;
        this.tick = startTick;
    }

    // ---------------------------------------------------------------------------------------------------- positions

    /**
     * Adds {@code amount} of liquidity to the owner's position; returns the token amounts the pool pulls for it (each
     * rounded up).
     */
    public TokenAmounts mint(String owner, int tickLower, int tickUpper, BigInteger amount) {
        requireUint(amount, 128, "amount");
        if (amount.signum() == 0) {
            throw new IllegalArgumentException("amount = 0: mint needs positive liquidity");
        }
        if (amount.compareTo(Uint.MAX_INT128) > 0) {
            throw new IllegalArgumentException("amount = " + amount + " does not fit an int128 liquidity delta");
        }
        return modifyPosition(owner, tickLower, tickUpper, amount);
    }

    /**
     * Removes {@code amount} of liquidity (0 only updates the fees owed); the token amounts it is worth (each rounded
     * down) are credited to the position's tokens owed and returned.
     */
    public TokenAmounts burn(String owner, int tickLower, int tickUpper, BigInteger amount) {
        requireUint(amount, 128, "amount");
        if (amount.compareTo(Uint.MIN_INT128.negate()) > 0) {
            throw new IllegalArgumentException("amount = " + amount + " does not fit an int128 liquidity delta");
        }
        TokenAmounts owedByPool = modifyPosition(owner, tickLower, tickUpper, amount.negate());
        BigInteger amount0 = owedByPool.amount0().negate();
        BigInteger amount1 = owedByPool.amount1().negate();
        if (amount0.signum() > 0 || amount1.signum() > 0) {
            Position position = positions.get(new PositionKey(owner, tickLower, tickUpper));
            // uint128 additions without overflow checks, as in the contract
            position.tokensOwed0 = Uint.mod128(position.tokensOwed0.add(Uint.mod128(amount0)));
            position.tokensOwed1 = Uint.mod128(position.tokensOwed1.add(Uint.mod128(amount1)));
        }
        return new TokenAmounts(amount0, amount1);
    }

    /** Pays out up to the requested amounts of the position's tokens owed (fees and burned liquidity). */
    public TokenAmounts collect(
            String owner, int tickLower, int tickUpper, BigInteger amount0Requested, BigInteger amount1Requested) {
        requireUint(amount0Requested, 128, "amount0Requested");
        requireUint(amount1Requested, 128, "amount1Requested");
        requireInitialized();
        Position position =
                positions.get(new PositionKey(Objects.requireNonNull(owner, "owner"), tickLower, tickUpper));
        if (position == null) {
            return TokenAmounts.ZERO;
        }
        BigInteger amount0 = amount0Requested.min(position.tokensOwed0);
        BigInteger amount1 = amount1Requested.min(position.tokensOwed1);
        position.tokensOwed0 = position.tokensOwed0.subtract(amount0);
        position.tokensOwed1 = position.tokensOwed1.subtract(amount1);
        return new TokenAmounts(amount0, amount1);
    }

    /** {@code _modifyPosition}: the signed amounts owed to the pool (negative: the pool owes them). */
    private TokenAmounts modifyPosition(String owner, int tickLower, int tickUpper, BigInteger liquidityDelta) {
        Objects.requireNonNull(owner, "owner");
        requireInitialized();
        checkTicks(tickLower, tickUpper);
        boolean changes = liquidityDelta.signum() != 0;
        if (changes) {
            requireSpaced(tickLower, "tickLower");
            requireSpaced(tickUpper, "tickUpper");
        }
        PositionKey key = new PositionKey(owner, tickLower, tickUpper);
        Position position = positions.get(key);
        BigInteger positionLiquidity = position == null ? BigInteger.ZERO : position.liquidity;

        // Every check the contract makes comes first, so that a "revert" leaves no trace.
        if (!changes && positionLiquidity.signum() == 0) {
            throw new IllegalArgumentException("no liquidity in position " + key + " to update");
        }
        if (liquidityDelta.signum() < 0 && positionLiquidity.compareTo(liquidityDelta.negate()) < 0) {
            throw new IllegalArgumentException("burn of " + liquidityDelta.negate() + " exceeds the liquidity "
                    + positionLiquidity + " of position " + key);
        }
        Tick lower = ticks.get(tickLower);
        Tick upper = ticks.get(tickUpper);
        BigInteger lowerGrossAfter = BigInteger.ZERO;
        BigInteger upperGrossAfter = BigInteger.ZERO;
        BigInteger lowerNetAfter = BigInteger.ZERO;
        BigInteger upperNetAfter = BigInteger.ZERO;
        if (changes) {
            lowerGrossAfter = grossAfter(lower, tickLower, liquidityDelta);
            upperGrossAfter = grossAfter(upper, tickUpper, liquidityDelta);
            lowerNetAfter =
                    toInt128((lower == null ? BigInteger.ZERO : lower.liquidityNet).add(liquidityDelta), tickLower);
            upperNetAfter = toInt128(
                    (upper == null ? BigInteger.ZERO : upper.liquidityNet).subtract(liquidityDelta), tickUpper);
        }
        BigInteger sqrtPriceAX96 = TickMath.getSqrtRatioAtTick(tickLower);
        BigInteger sqrtPriceBX96 = TickMath.getSqrtRatioAtTick(tickUpper);
        BigInteger amount0 = BigInteger.ZERO;
        BigInteger amount1 = BigInteger.ZERO;
        BigInteger liquidityAfter = liquidity;
        if (changes) {
            if (tick < tickLower) {
                amount0 = SqrtPriceMath.getAmount0Delta(sqrtPriceAX96, sqrtPriceBX96, liquidityDelta);
            } else if (tick < tickUpper) {
                amount0 = SqrtPriceMath.getAmount0Delta(sqrtPriceX96, sqrtPriceBX96, liquidityDelta);
                amount1 = SqrtPriceMath.getAmount1Delta(sqrtPriceAX96, sqrtPriceX96, liquidityDelta);
                liquidityAfter = addDelta(liquidity, liquidityDelta, "in-range liquidity");
            } else {
                amount1 = SqrtPriceMath.getAmount1Delta(sqrtPriceAX96, sqrtPriceBX96, liquidityDelta);
            }
        }

        // _updatePosition
        if (changes) {
            lower = updateTick(lower, tickLower, lowerGrossAfter, lowerNetAfter, sqrtPriceAX96);
            upper = updateTick(upper, tickUpper, upperGrossAfter, upperNetAfter, sqrtPriceBX96);
        }
        BigInteger[] inside = feeGrowthInside(lower, upper, tickLower, tickUpper);
        if (position == null) {
            position = new Position();
            positions.put(key, position);
        }
        updatePosition(position, liquidityDelta, inside[0], inside[1]);
        // A tick no position references any more is cleared (and leaves the bitmap).
        if (liquidityDelta.signum() < 0) {
            if (lowerGrossAfter.signum() == 0) {
                ticks.remove(tickLower);
            }
            if (upperGrossAfter.signum() == 0) {
                ticks.remove(tickUpper);
            }
        }
        liquidity = liquidityAfter;
        return new TokenAmounts(amount0, amount1);
    }

    private BigInteger grossAfter(Tick info, int tickIndex, BigInteger liquidityDelta) {
        BigInteger before = info == null ? BigInteger.ZERO : info.liquidityGross;
        BigInteger after = addDelta(before, liquidityDelta, "liquidityGross of tick " + tickIndex);
        if (after.compareTo(maxLiquidityPerTick) > 0) {
            throw new ArithmeticException("liquidityGross " + after + " of tick " + tickIndex
                    + " exceeds maxLiquidityPerTick " + maxLiquidityPerTick);
        }
        return after;
    }

    /** {@code Tick.update} once its checks have passed: initialises the tick on first use. */
    private Tick updateTick(
            Tick info, int tickIndex, BigInteger grossAfter, BigInteger netAfter, BigInteger sqrtRatio) {
        if (info == null) {
            info = new Tick();
            info.sqrtRatioX96 = sqrtRatio;
            // by convention, all fee growth before a tick is initialised happened below it
            if (tickIndex <= tick) {
                info.feeGrowthOutside0X128 = feeGrowthGlobal0X128;
                info.feeGrowthOutside1X128 = feeGrowthGlobal1X128;
            }
            ticks.put(tickIndex, info);
        }
        info.liquidityGross = grossAfter;
        info.liquidityNet = netAfter;
        return info;
    }

    /** {@code Tick.getFeeGrowthInside}; a missing tick reads as zeros, like unset contract storage. */
    private BigInteger[] feeGrowthInside(Tick lower, Tick upper, int tickLower, int tickUpper) {
        BigInteger lower0 = lower == null ? BigInteger.ZERO : lower.feeGrowthOutside0X128;
        BigInteger lower1 = lower == null ? BigInteger.ZERO : lower.feeGrowthOutside1X128;
        BigInteger upper0 = upper == null ? BigInteger.ZERO : upper.feeGrowthOutside0X128;
        BigInteger upper1 = upper == null ? BigInteger.ZERO : upper.feeGrowthOutside1X128;
        BigInteger below0 = tick >= tickLower ? lower0 : Uint.subMod256(feeGrowthGlobal0X128, lower0);
        BigInteger below1 = tick >= tickLower ? lower1 : Uint.subMod256(feeGrowthGlobal1X128, lower1);
        BigInteger above0 = tick < tickUpper ? upper0 : Uint.subMod256(feeGrowthGlobal0X128, upper0);
        BigInteger above1 = tick < tickUpper ? upper1 : Uint.subMod256(feeGrowthGlobal1X128, upper1);
        return new BigInteger[] {
            Uint.subMod256(Uint.subMod256(feeGrowthGlobal0X128, below0), above0),
            Uint.subMod256(Uint.subMod256(feeGrowthGlobal1X128, below1), above1)
        };
    }

    /** {@code Position.update}: credits the fees earned since the last update, then records the new liquidity. */
    private static void updatePosition(
            Position position, BigInteger liquidityDelta, BigInteger inside0, BigInteger inside1) {
        BigInteger owed0 = Uint.mod128(FullMath.mulDivUnchecked(
                Uint.subMod256(inside0, position.feeGrowthInside0LastX128), position.liquidity, Uint.Q128));
        BigInteger owed1 = Uint.mod128(FullMath.mulDivUnchecked(
                Uint.subMod256(inside1, position.feeGrowthInside1LastX128), position.liquidity, Uint.Q128));
        position.liquidity = position.liquidity.add(liquidityDelta);
        position.feeGrowthInside0LastX128 = inside0;
        position.feeGrowthInside1LastX128 = inside1;
        // overflow is accepted by the contract: owners must collect before 2^128
        position.tokensOwed0 = Uint.mod128(position.tokensOwed0.add(owed0));
        position.tokensOwed1 = Uint.mod128(position.tokensOwed1.add(owed1));
    }

    // --------------------------------------------------------------------------------------------------------- swap

    /**
     * Swaps token0 for token1 ({@code zeroForOne}) or back. {@code amountSpecified} &gt; 0 is an exact input, &lt; 0
     * an exact output; the swap stops early at {@code sqrtPriceLimitX96}, which must lie strictly between the current
     * price and the bound in the swap's direction.
     */
    public SwapResult swap(boolean zeroForOne, BigInteger amountSpecified, BigInteger sqrtPriceLimitX96) {
        requireInt(amountSpecified, 256, "amountSpecified");
        requireUint(sqrtPriceLimitX96, 160, "sqrtPriceLimitX96");
        requireInitialized();
        if (amountSpecified.signum() == 0) {
            throw new IllegalArgumentException("AS: amountSpecified must not be zero");
        }
        // The contract's require reads (amountSpecified != 0 && zeroForOne) ? … : … by operator precedence.
        boolean limitOk = amountSpecified.signum() != 0 && zeroForOne
                ? sqrtPriceLimitX96.compareTo(sqrtPriceX96) < 0
                        && sqrtPriceLimitX96.compareTo(TickMath.MIN_SQRT_RATIO) > 0
                : sqrtPriceLimitX96.compareTo(sqrtPriceX96) > 0
                        && sqrtPriceLimitX96.compareTo(TickMath.MAX_SQRT_RATIO) < 0;
        if (!limitOk) {
            throw new IllegalArgumentException("sqrtPriceLimitX96 = " + sqrtPriceLimitX96 + " is not strictly between "
                    + "the price " + sqrtPriceX96 + " and " + (zeroForOne ? "MIN_SQRT_RATIO" : "MAX_SQRT_RATIO")
                    + " (amountSpecified = " + amountSpecified + ")");
        }
        boolean exactInput = amountSpecified.signum() > 0;

        BigInteger remaining = amountSpecified;
        BigInteger calculated = BigInteger.ZERO;
        BigInteger price = sqrtPriceX96;
        int currentTick = tick;
        BigInteger feeGrowthGlobal = zeroForOne ? feeGrowthGlobal0X128 : feeGrowthGlobal1X128;
        BigInteger currentLiquidity = liquidity;
        // Crossed ticks are written after the loop so that a failing swap changes nothing.
        List<Tick> crossed = new ArrayList<>();
        List<BigInteger> crossedFeeGrowth = new ArrayList<>();

        while (remaining.signum() != 0 && !price.equals(sqrtPriceLimitX96)) {
            BigInteger stepStart = price;
            int tickNext;
            Tick next;
            if (zeroForOne) {
                int compressed = Math.floorDiv(currentTick, tickSpacing);
                int wordStart = (compressed - (compressed & 0xff)) * tickSpacing;
                Map.Entry<Integer, Tick> entry = ticks.floorEntry(compressed * tickSpacing);
                boolean inWord = entry != null && entry.getKey() >= wordStart;
                tickNext = inWord ? entry.getKey() : Math.max(wordStart, TickMath.MIN_TICK);
                next = inWord ? entry.getValue() : null;
            } else {
                int compressed = Math.floorDiv(currentTick, tickSpacing) + 1;
                int wordEnd = (compressed + 255 - (compressed & 0xff)) * tickSpacing;
                Map.Entry<Integer, Tick> entry = ticks.ceilingEntry(compressed * tickSpacing);
                boolean inWord = entry != null && entry.getKey() <= wordEnd;
                tickNext = inWord ? entry.getKey() : Math.min(wordEnd, TickMath.MAX_TICK);
                next = inWord ? entry.getValue() : null;
            }
            BigInteger sqrtPriceNextX96 = next != null ? next.sqrtRatioX96 : TickMath.getSqrtRatioAtTick(tickNext);

            boolean limitFirst = zeroForOne
                    ? sqrtPriceNextX96.compareTo(sqrtPriceLimitX96) < 0
                    : sqrtPriceNextX96.compareTo(sqrtPriceLimitX96) > 0;
            SwapMath.SwapStep step = SwapMath.computeSwapStep(
                    price, limitFirst ? sqrtPriceLimitX96 : sqrtPriceNextX96, currentLiquidity, remaining, fee);
            price = step.sqrtRatioNextX96();

            BigInteger paid = step.amountIn().add(step.feeAmount());
            if (exactInput) {
                remaining = remaining.subtract(paid);
                calculated = calculated.subtract(step.amountOut());
            } else {
                remaining = remaining.add(step.amountOut());
                calculated = calculated.add(paid);
            }
            if (currentLiquidity.signum() > 0) {
                feeGrowthGlobal = Uint.addMod256(
                        feeGrowthGlobal, FullMath.mulDivUnchecked(step.feeAmount(), Uint.Q128, currentLiquidity));
            }

            if (price.equals(sqrtPriceNextX96)) {
                if (next != null) {
                    crossed.add(next);
                    crossedFeeGrowth.add(feeGrowthGlobal);
                    BigInteger liquidityNet = zeroForOne ? next.liquidityNet.negate() : next.liquidityNet;
                    currentLiquidity = addDelta(currentLiquidity, liquidityNet, "in-range liquidity");
                }
                currentTick = zeroForOne ? tickNext - 1 : tickNext;
            } else if (!price.equals(stepStart)) {
                currentTick = TickMath.getTickAtSqrtRatio(price);
            }
        }

        for (int i = 0; i < crossed.size(); i++) {
            Tick t = crossed.get(i);
            BigInteger global0 = zeroForOne ? crossedFeeGrowth.get(i) : feeGrowthGlobal0X128;
            BigInteger global1 = zeroForOne ? feeGrowthGlobal1X128 : crossedFeeGrowth.get(i);
            t.feeGrowthOutside0X128 = Uint.subMod256(global0, t.feeGrowthOutside0X128);
            t.feeGrowthOutside1X128 = Uint.subMod256(global1, t.feeGrowthOutside1X128);
        }
        sqrtPriceX96 = price;
        tick = currentTick;
        liquidity = currentLiquidity;
        if (zeroForOne) {
            feeGrowthGlobal0X128 = feeGrowthGlobal;
        } else {
            feeGrowthGlobal1X128 = feeGrowthGlobal;
        }

        BigInteger specifiedDone = amountSpecified.subtract(remaining);
        return zeroForOne == exactInput
                ? new SwapResult(specifiedDone, calculated, price, currentLiquidity, currentTick)
                : new SwapResult(calculated, specifiedDone, price, currentLiquidity, currentTick);
    }

    /**
     * Moves the price to {@code sqrtPriceX96} as a swap to that limit would, crossing the same initialised ticks and
     * leaving the same tick and in-range liquidity, but without token amounts or fees: for backtests that model the
     * pool's fee income from its real volume, where the swaps that follow the market must not pay it a second time.
     * Not a contract operation.
     */
    public void moveWithoutFee(BigInteger sqrtPriceX96) {
        requireUint(sqrtPriceX96, 160, "sqrtPriceX96");
        requireInitialized();
        if (sqrtPriceX96.compareTo(TickMath.MIN_SQRT_RATIO) <= 0
                || sqrtPriceX96.compareTo(TickMath.MAX_SQRT_RATIO) >= 0) {
            throw new IllegalArgumentException(
                    "sqrtPriceX96 = " + sqrtPriceX96 + " is outside the pool's price bounds");
        }
        int c = sqrtPriceX96.compareTo(this.sqrtPriceX96);
        if (c == 0) {
            return;
        }
        boolean zeroForOne = c < 0;
        BigInteger currentLiquidity = liquidity;
        int newTick = Integer.MIN_VALUE;
        // The ticks a swap crosses: down, those at or above the target price and at or below the tick; up, those above
        // the tick and at or below the target price. A swap ending exactly on one crosses it.
        Map<Integer, Tick> crossed = zeroForOne
                ? ticks.subMap(TickMath.MIN_TICK, true, tick, true).descendingMap()
                : ticks.subMap(tick, false, TickMath.MAX_TICK, true);
        List<Tick> flipped = new ArrayList<>();
        for (Map.Entry<Integer, Tick> entry : crossed.entrySet()) {
            int c2 = entry.getValue().sqrtRatioX96.compareTo(sqrtPriceX96);
            if (zeroForOne ? c2 < 0 : c2 > 0) {
                break;
            }
            Tick t = entry.getValue();
            flipped.add(t);
            BigInteger liquidityNet = zeroForOne ? t.liquidityNet.negate() : t.liquidityNet;
            currentLiquidity = addDelta(currentLiquidity, liquidityNet, "in-range liquidity");
            if (c2 == 0) {
                newTick = zeroForOne ? entry.getKey() - 1 : entry.getKey();
            }
        }
        for (Tick t : flipped) {
            t.feeGrowthOutside0X128 = Uint.subMod256(feeGrowthGlobal0X128, t.feeGrowthOutside0X128);
            t.feeGrowthOutside1X128 = Uint.subMod256(feeGrowthGlobal1X128, t.feeGrowthOutside1X128);
        }
        this.sqrtPriceX96 = sqrtPriceX96;
        this.tick = newTick != Integer.MIN_VALUE ? newTick : TickMath.getTickAtSqrtRatio(sqrtPriceX96);
        this.liquidity = currentLiquidity;
    }

    // ------------------------------------------------------------------------------------------------------ getters

    public int fee() {
        return fee;
    }

    public int tickSpacing() {
        return tickSpacing;
    }

    public BigInteger maxLiquidityPerTick() {
        return maxLiquidityPerTick;
    }

    /** The current price, or null before {@link #initialize}. */
    public BigInteger sqrtPriceX96() {
        return sqrtPriceX96;
    }

    public int tick() {
        return tick;
    }

    /** The liquidity in range at the current price. */
    public BigInteger liquidity() {
        return liquidity;
    }

    public BigInteger feeGrowthGlobal0X128() {
        return feeGrowthGlobal0X128;
    }

    public BigInteger feeGrowthGlobal1X128() {
        return feeGrowthGlobal1X128;
    }

    public TickInfo ticks(int tickIndex) {
        Tick t = ticks.get(tickIndex);
        return t == null
                ? EMPTY_TICK
                : new TickInfo(t.liquidityGross, t.liquidityNet, t.feeGrowthOutside0X128, t.feeGrowthOutside1X128);
    }

    /** The initialised ticks, ascending (a read-only view). */
    public NavigableSet<Integer> initializedTicks() {
        return Collections.unmodifiableNavigableSet(ticks.navigableKeySet());
    }

    public PositionInfo positions(String owner, int tickLower, int tickUpper) {
        Position p = positions.get(new PositionKey(owner, tickLower, tickUpper));
        return p == null
                ? new PositionInfo(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO)
                : new PositionInfo(
                        p.liquidity,
                        p.feeGrowthInside0LastX128,
                        p.feeGrowthInside1LastX128,
                        p.tokensOwed0,
                        p.tokensOwed1);
    }

    /**
     * What {@link #collect} would pay the position right after a {@code burn} of 0 (a poke): its tokens owed plus the
     * fees earned since its last update, computed as the contract would, without changing any state. For valuing a
     * position in a backtest without touching the pool.
     */
    public TokenAmounts uncollectedFees(String owner, int tickLower, int tickUpper) {
        requireInitialized();
        Position p = positions.get(new PositionKey(Objects.requireNonNull(owner, "owner"), tickLower, tickUpper));
        if (p == null) {
            return TokenAmounts.ZERO;
        }
        if (p.liquidity.signum() == 0) {
            return new TokenAmounts(p.tokensOwed0, p.tokensOwed1);
        }
        BigInteger[] inside = feeGrowthInside(ticks.get(tickLower), ticks.get(tickUpper), tickLower, tickUpper);
        Position poked = p.copy();
        updatePosition(poked, BigInteger.ZERO, inside[0], inside[1]);
        return new TokenAmounts(poked.tokensOwed0, poked.tokensOwed1);
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    private void requireInitialized() {
        if (sqrtPriceX96 == null) {
            throw new IllegalStateException("pool not initialised: call initialize(sqrtPriceX96) first");
        }
    }

    private static void checkTicks(int tickLower, int tickUpper) {
        if (tickLower >= tickUpper) {
            throw new IllegalArgumentException("tickLower = " + tickLower + " is not below tickUpper = " + tickUpper);
        }
        TickMath.requireTick(tickLower, "tickLower");
        TickMath.requireTick(tickUpper, "tickUpper");
    }

    private void requireSpaced(int tickIndex, String name) {
        if (tickIndex % tickSpacing != 0) {
            throw new IllegalArgumentException(
                    name + " = " + tickIndex + " is not a multiple of tickSpacing " + tickSpacing);
        }
    }

    /** {@code LiquidityMath.addDelta}: uint128 + int128 that reverts on underflow or overflow. */
    private static BigInteger addDelta(BigInteger x, BigInteger delta, String what) {
        BigInteger z = x.add(delta);
        if (z.signum() < 0 || z.bitLength() > 128) {
            throw new ArithmeticException(what + ": " + x + " + " + delta + " leaves the uint128 range");
        }
        return z;
    }

    private static BigInteger toInt128(BigInteger value, int tickIndex) {
        if (value.bitLength() > 127) {
            throw new ArithmeticException("liquidityNet " + value + " of tick " + tickIndex + " overflows int128");
        }
        return value;
    }
}
