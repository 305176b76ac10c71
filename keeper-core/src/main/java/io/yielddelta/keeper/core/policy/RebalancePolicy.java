package io.yielddelta.keeper.core.policy;

import io.yielddelta.keeper.core.clmm.LiquidityAmounts;
import io.yielddelta.keeper.core.clmm.TickMath;
import io.yielddelta.keeper.core.clmm.TokenAmounts;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.VaultGuards;
import io.yielddelta.keeper.core.vault.VaultState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The baseline rebalance policy, pure: from a vault's state, a score and the settings to a {@link Verdict}.
 *
 * <p>Triggers: no position, out of range, near an edge, minimum tick move from the centre, maximum age. A new range is
 * centred on the scorer's centre with a half-width of {@code widthSigmas} forecast standard deviations, aligned to
 * the tick spacing, then pulled within the contract's move and width-change limits so the contract never reverts on
 * them. It refuses when the pool tick is further from its TWAP than the bound, and skips paused or cooling-down vaults.
 */
public final class RebalancePolicy {

    private static final MathContext MC = new MathContext(40, RoundingMode.HALF_EVEN);
    private static final BigDecimal Q96 = new BigDecimal(BigInteger.ONE.shiftLeft(96));
    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);
    /** A swap worth less than this fraction of the vault is not worth its gas and rounding. */
    private static final BigDecimal NEGLIGIBLE_SWAP = new BigDecimal("0.0001");

    public Verdict decide(VaultState state, RangeScore score, PolicySettings settings) {
        if (state.paused()) {
            return Verdict.of(Action.SKIP, Set.of(), "vault is paused");
        }
        if (!score.provide()) {
            return stayOut(state, score, settings);
        }
        Set<Trigger> triggers = triggers(state, settings);
        if (triggers.isEmpty()) {
            return Verdict.of(
                    Action.HOLD,
                    triggers,
                    "tick " + state.tick() + " well inside " + state.position().orElseThrow());
        }
        Optional<Verdict> blocked = blocked(state, triggers, settings);
        if (blocked.isPresent()) {
            return blocked.get();
        }
        Optional<Range> target = target(state, score, settings);
        if (target.isEmpty()) {
            return Verdict.of(
                    Action.REFUSE, triggers, "no tick-aligned range fits the contract's move and width limits");
        }
        if (state.invested() && state.position().equals(target)) {
            return Verdict.of(Action.HOLD, triggers, "the best range within the contract's limits is the current one");
        }
        TokenAmounts holdings = holdings(state);
        if (holdings.amount0().signum() == 0 && holdings.amount1().signum() == 0) {
            return Verdict.of(Action.SKIP, triggers, "vault holds no tokens");
        }
        SwapPlan swap = swap(state.sqrtPriceX96(), holdings, target.get(), settings.slippageBps());
        return new Verdict(
                Action.REBALANCE,
                triggers,
                "move to " + target.get() + " (" + score.model() + ", sigma " + Math.round(score.sigmaTicks())
                        + " ticks)",
                target,
                Optional.of(swap));
    }

    /**
     * The scorer wants no liquidity provided: an invested vault leaves the pool (no swap: its tokens stay as the
     * position returns them), under the same TWAP bound and cooldown as any rebalance; an idle one stays idle.
     */
    private static Verdict stayOut(VaultState state, RangeScore score, PolicySettings settings) {
        if (!state.invested()) {
            return Verdict.of(Action.HOLD, Set.of(), "idle: " + score.model() + " provides no liquidity now");
        }
        Set<Trigger> triggers = Set.of(Trigger.STAY_OUT);
        Optional<Verdict> blocked = blocked(state, triggers, settings);
        if (blocked.isPresent()) {
            return blocked.get();
        }
        return Verdict.leave(triggers, "leave the pool (" + score.model() + ")");
    }

    /** A rebalance the safety rails stop: the pool tick off its TWAP, or the contract still cooling down. */
    private static Optional<Verdict> blocked(VaultState state, Set<Trigger> triggers, PolicySettings settings) {
        int twapBound = Math.min(settings.maxTwapDeviation(), state.guards().maxTwapDeviation());
        if (state.twapDeviation() > twapBound) {
            return Optional.of(Verdict.of(
                    Action.REFUSE,
                    triggers,
                    "pool tick " + state.tick() + " is " + state.twapDeviation() + " ticks from its TWAP "
                            + state.twapTick() + ", bound " + twapBound));
        }
        Optional<Instant> readyAt =
                state.lastRebalance().map(t -> t.plus(state.guards().cooldown()));
        if (readyAt.isPresent() && state.blockTime().isBefore(readyAt.get())) {
            return Optional.of(Verdict.of(Action.SKIP, triggers, "contract cooldown until " + readyAt.get()));
        }
        return Optional.empty();
    }

    static Set<Trigger> triggers(VaultState state, PolicySettings settings) {
        EnumSet<Trigger> fired = EnumSet.noneOf(Trigger.class);
        if (!state.invested()) {
            fired.add(Trigger.NO_POSITION);
            return fired;
        }
        Range range = state.position().get();
        int tick = state.tick();
        if (!range.contains(tick)) {
            fired.add(Trigger.OUT_OF_RANGE);
        } else if (range.distanceToEdge(tick) < settings.nearEdgeFraction() * range.width()) {
            fired.add(Trigger.NEAR_EDGE);
        }
        if (Math.abs(tick - range.centre()) >= settings.minTickMove()) {
            fired.add(Trigger.TICK_MOVE);
        }
        if (state.lastRebalance().isPresent()
                && Duration.between(state.lastRebalance().get(), state.blockTime())
                                .compareTo(settings.maxAge())
                        >= 0) {
            fired.add(Trigger.MAX_AGE);
        }
        return fired;
    }

    /** The volatility-scaled range, pulled within the contract's limits; empty if none fits them. */
    static Optional<Range> target(VaultState state, RangeScore score, PolicySettings settings) {
        int spacing = state.tickSpacing();
        long halfWidth = Math.round(Math.ceil(settings.widthSigmas() * score.sigmaTicks()));
        halfWidth =
                Math.max(spacing, Math.clamp(halfWidth, settings.minHalfWidthTicks(), settings.maxHalfWidthTicks()));
        long lower = floorTo(score.centreTick() - halfWidth, spacing);
        long upper = ceilTo(score.centreTick() + halfWidth, spacing);
        return withinGuards(lower, upper, state, spacing);
    }

    /**
     * The aligned range nearest to [lower, upper) that the contract's {@code _checkMove} accepts: centre move (half the
     * change of lower + upper, rounded down) and width change each within the limits, measured from the range the
     * vault stores, invested or not (a vault that stores none is measured from ticks zero and zero).
     */
    static Optional<Range> withinGuards(long lower, long upper, VaultState state, int spacing) {
        VaultGuards guards = state.guards();
        long oldLower = state.position().map(Range::tickLower).orElse(0);
        long oldUpper = state.position().map(Range::tickUpper).orElse(0);
        long oldWidth = oldUpper - oldLower;
        long minWidth = ceilTo(Math.max(spacing, oldWidth - guards.maxWidthChange()), spacing);
        long maxWidth = floorTo(oldWidth + guards.maxWidthChange(), spacing);
        if (minWidth > maxWidth) {
            return Optional.empty();
        }
        long width = Math.clamp(upper - lower, minWidth, maxWidth);
        long oldCentre2 = oldLower + oldUpper;
        long minLower = ceilTo(Math.ceilDiv(oldCentre2 - 2L * guards.maxTickMove() - width, 2), spacing);
        long maxLower = floorTo(Math.floorDiv(oldCentre2 + 2L * guards.maxTickMove() - width, 2), spacing);
        long minTick = ceilTo(TickMath.MIN_TICK, spacing);
        long maxTick = floorTo(TickMath.MAX_TICK, spacing);
        minLower = Math.max(minLower, minTick);
        maxLower = Math.min(maxLower, maxTick - width);
        if (minLower > maxLower) {
            return Optional.empty();
        }
        long wantedLower = floorTo(Math.floorDiv(lower + upper - width, 2), spacing);
        long newLower = Math.clamp(wantedLower, minLower, maxLower);
        return Optional.of(new Range((int) newLower, (int) (newLower + width)));
    }

    /** Everything the vault owns at the current price: position amounts, uncollected fees and idle balances. */
    static TokenAmounts holdings(VaultState state) {
        TokenAmounts inPosition = state.position()
                .map(r -> LiquidityAmounts.getAmountsForLiquidity(
                        state.sqrtPriceX96(),
                        TickMath.getSqrtRatioAtTick(r.tickLower()),
                        TickMath.getSqrtRatioAtTick(r.tickUpper()),
                        state.liquidity()))
                .orElse(TokenAmounts.ZERO);
        return new TokenAmounts(
                inPosition.amount0().add(state.fees0()).add(state.idle0()),
                inPosition.amount1().add(state.fees1()).add(state.idle1()));
    }

    /**
     * The swap at the current price that leaves the holdings in the ratio the target range takes. Estimates only
     * (price impact and fee are covered by the slippage tolerance); the contract checks the value it keeps.
     */
    static SwapPlan swap(BigInteger sqrtPriceX96, TokenAmounts holdings, Range target, int slippageBps) {
        BigDecimal sqrtPrice = new BigDecimal(sqrtPriceX96).divide(Q96, MC);
        BigDecimal sqrtLower = new BigDecimal(TickMath.getSqrtRatioAtTick(target.tickLower())).divide(Q96, MC);
        BigDecimal sqrtUpper = new BigDecimal(TickMath.getSqrtRatioAtTick(target.tickUpper())).divide(Q96, MC);
        BigDecimal price = sqrtPrice.multiply(sqrtPrice, MC); // token1 per token0, in raw units
        BigDecimal inRange = sqrtPrice.max(sqrtLower).min(sqrtUpper);
        // Token amounts one unit of liquidity takes in the target range at the current price.
        BigDecimal unit0 = BigDecimal.ONE.divide(inRange, MC).subtract(BigDecimal.ONE.divide(sqrtUpper, MC));
        BigDecimal unit1 = inRange.subtract(sqrtLower);

        BigDecimal have0 = new BigDecimal(holdings.amount0());
        BigDecimal have1 = new BigDecimal(holdings.amount1());
        BigDecimal value = have0.multiply(price, MC).add(have1);
        BigDecimal want1 =
                value.multiply(unit1, MC).divide(unit0.multiply(price, MC).add(unit1), MC);
        BigDecimal want0 = value.subtract(want1).divide(price, MC);

        BigDecimal keep =
                BigDecimal.ONE.subtract(BigDecimal.valueOf(slippageBps).divide(BPS, MC));
        BigDecimal positionKeep = BigDecimal.ONE
                .subtract(BigDecimal.valueOf(2L * slippageBps).divide(BPS, MC))
                .max(BigDecimal.ZERO);
        BigInteger min0 = floor(want0.multiply(positionKeep, MC));
        BigInteger min1 = floor(want1.multiply(positionKeep, MC));

        BigDecimal shortOf1 = want1.subtract(have1);
        if (shortOf1.abs().compareTo(value.multiply(NEGLIGIBLE_SWAP, MC)) <= 0) {
            // Holdings already fit: the position takes what the scarcer token allows.
            return new SwapPlan(
                    true,
                    BigInteger.ZERO,
                    BigInteger.ZERO,
                    floor(have0.min(want0).multiply(positionKeep, MC)),
                    floor(have1.min(want1).multiply(positionKeep, MC)));
        }
        if (shortOf1.signum() > 0) {
            BigDecimal in0 = shortOf1.divide(price, MC);
            return new SwapPlan(true, floor(in0), floor(shortOf1.multiply(keep, MC)), min0, min1);
        }
        BigDecimal in1 = shortOf1.negate();
        return new SwapPlan(false, floor(in1), floor(in1.divide(price, MC).multiply(keep, MC)), min0, min1);
    }

    private static BigInteger floor(BigDecimal amount) {
        return amount.max(BigDecimal.ZERO).setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
    }

    static long floorTo(long tick, int spacing) {
        return Math.floorDiv(tick, spacing) * (long) spacing;
    }

    static long ceilTo(long tick, int spacing) {
        return -floorTo(-tick, spacing);
    }
}
