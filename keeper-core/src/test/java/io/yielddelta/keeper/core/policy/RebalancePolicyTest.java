package io.yielddelta.keeper.core.policy;

import static io.yielddelta.keeper.core.policy.VaultStates.LOOSE_GUARDS;
import static io.yielddelta.keeper.core.policy.VaultStates.NOW;
import static io.yielddelta.keeper.core.policy.VaultStates.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.core.clmm.LiquidityAmounts;
import io.yielddelta.keeper.core.clmm.TickMath;
import io.yielddelta.keeper.core.clmm.TokenAmounts;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.VaultGuards;
import io.yielddelta.keeper.core.vault.VaultState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Duration;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RebalancePolicyTest {

    private static final String VAULT = "0x00000000000000000000000000000000000000aa";
    private final RebalancePolicy policy = new RebalancePolicy();
    private final PolicySettings settings = PolicySettings.DEFAULTS;

    private static RangeScore score(int centre, double sigma) {
        return new RangeScore(centre, sigma, "test");
    }

    @Test
    void holdsWhenTheTickSitsInTheMiddleOfAFreshRange() {
        VaultState s = state(VAULT, new Range(199_020, 201_000), 200_010);
        Verdict v = policy.decide(s, score(200_010, 300), settings);
        assertThat(v.action()).isEqualTo(Action.HOLD);
        assertThat(v.triggers()).isEmpty();
    }

    @Test
    void rebalancesAnOutOfRangeVaultAroundTheCurrentTick() {
        VaultState s = state(VAULT, new Range(199_020, 200_040), 201_337);
        Verdict v = policy.decide(s, score(201_337, 300), settings);
        assertThat(v.action()).isEqualTo(Action.REBALANCE);
        assertThat(v.triggers()).contains(Trigger.OUT_OF_RANGE);
        Range target = v.target().orElseThrow();
        assertThat(target.contains(201_337)).isTrue();
        assertThat(target.isAlignedTo(60)).isTrue();
        // half-width 2 sigma = 600 ticks, aligned outward
        assertThat(target).isEqualTo(new Range(200_700, 201_960));
    }

    @Test
    void theUpperEdgeIsOutOfRangeAsUniswapCountsIt() {
        VaultState s = state(VAULT, new Range(199_020, 201_000), 201_000);
        assertThat(RebalancePolicy.triggers(s, settings)).contains(Trigger.OUT_OF_RANGE);
    }

    @Test
    void triggersNearTheEdge() {
        VaultState s = state(VAULT, new Range(199_020, 201_000), 200_900);
        assertThat(RebalancePolicy.triggers(s, settings)).containsExactly(Trigger.NEAR_EDGE);
    }

    @Test
    void triggersOnTheMinimumTickMoveEvenInsideAWideRange() {
        PolicySettings tight =
                new PolicySettings(2.0, 60, 20_000, 0.1, 500, Duration.ofDays(7), 100, 100, Duration.ofMinutes(10));
        VaultState s = state(VAULT, new Range(190_020, 210_000), 200_600);
        assertThat(RebalancePolicy.triggers(s, tight)).containsExactly(Trigger.TICK_MOVE);
    }

    @Test
    void triggersOnMaximumAge() {
        VaultState s = state(
                VAULT,
                Optional.of(new Range(199_020, 201_000)),
                200_010,
                200_010,
                LOOSE_GUARDS,
                NOW.minus(Duration.ofDays(8)));
        assertThat(RebalancePolicy.triggers(s, settings)).containsExactly(Trigger.MAX_AGE);
    }

    @Test
    void refusesWhenThePoolPriceIsOffItsTwap() {
        VaultState s = state(
                VAULT,
                Optional.of(new Range(199_020, 200_040)),
                201_337,
                201_000,
                LOOSE_GUARDS,
                NOW.minus(Duration.ofHours(2)));
        Verdict v = policy.decide(s, score(201_337, 300), settings);
        assertThat(v.action()).isEqualTo(Action.REFUSE);
        assertThat(v.reason()).contains("337 ticks from its TWAP");
        assertThat(v.target()).isEmpty();
    }

    @Test
    void theContractsStricterTwapBoundWins() {
        VaultGuards strict = new VaultGuards(Duration.ofMinutes(5), Duration.ofMinutes(30), 20, 20_000, 20_000, 100);
        VaultState s = state(
                VAULT,
                Optional.of(new Range(199_020, 200_040)),
                201_337,
                201_300,
                strict,
                NOW.minus(Duration.ofHours(2)));
        assertThat(policy.decide(s, score(201_337, 300), settings).action()).isEqualTo(Action.REFUSE);
    }

    @Test
    void skipsDuringTheContractsCooldown() {
        VaultState s = state(
                VAULT,
                Optional.of(new Range(199_020, 200_040)),
                201_337,
                201_337,
                LOOSE_GUARDS,
                NOW.minus(Duration.ofMinutes(1)));
        Verdict v = policy.decide(s, score(201_337, 300), settings);
        assertThat(v.action()).isEqualTo(Action.SKIP);
        assertThat(v.reason()).contains("cooldown");
    }

    @Test
    void skipsAPausedVault() {
        VaultState s = state(VAULT, new Range(199_020, 200_040), 201_337);
        VaultState paused = new VaultState(
                s.address(),
                s.position(),
                s.liquidity(),
                s.sqrtPriceX96(),
                s.tick(),
                s.twapTick(),
                s.tickSpacing(),
                s.idle0(),
                s.idle1(),
                s.fees0(),
                s.fees1(),
                s.lastRebalance(),
                true,
                s.guards(),
                s.blockNumber(),
                s.blockTime());
        assertThat(policy.decide(paused, score(201_337, 300), settings).action())
                .isEqualTo(Action.SKIP);
    }

    @Test
    void movesOnlyAsFarAsTheContractAllowsAndSaysSoByStillRebalancing() {
        VaultGuards smallMoves = new VaultGuards(Duration.ofMinutes(5), Duration.ofMinutes(30), 200, 300, 120, 100);
        VaultState s = state(
                VAULT,
                Optional.of(new Range(199_020, 200_040)),
                201_337,
                201_337,
                smallMoves,
                NOW.minus(Duration.ofHours(2)));
        Verdict v = policy.decide(s, score(201_337, 300), settings);
        assertThat(v.action()).isEqualTo(Action.REBALANCE);
        Range target = v.target().orElseThrow();
        assertThat(contractAccepts(new Range(199_020, 200_040), target, smallMoves, 60))
                .isTrue();
        assertThat(target.centre()).isGreaterThan(new Range(199_020, 200_040).centre());
    }

    @Test
    void aFreshContractVaultIsInvestedWithinTheMoveGuardMeasuredFromItsStoredRange() {
        // The contract stores its constructor range and measures the first move from it, with nothing placed yet.
        VaultGuards smallMoves = new VaultGuards(Duration.ofMinutes(5), Duration.ofMinutes(30), 200, 1_200, 1_200, 100);
        Range constructorRange = new Range(199_020, 200_040);
        VaultState s = state(
                VAULT, Optional.of(constructorRange), 200_010, 200_010, smallMoves, NOW.minus(Duration.ofHours(2)));
        VaultState fresh = new VaultState(
                s.address(),
                s.position(),
                BigInteger.ZERO,
                s.sqrtPriceX96(),
                s.tick(),
                s.twapTick(),
                s.tickSpacing(),
                s.idle0(),
                s.idle1(),
                s.fees0(),
                s.fees1(),
                Optional.empty(),
                false,
                smallMoves,
                s.blockNumber(),
                s.blockTime());

        Verdict v = policy.decide(fresh, score(200_010, 300), settings);

        assertThat(v.action()).isEqualTo(Action.REBALANCE);
        assertThat(v.triggers()).containsExactly(Trigger.NO_POSITION);
        assertThat(contractAccepts(constructorRange, v.target().orElseThrow(), smallMoves, 60))
                .isTrue();
    }

    @Test
    void aFreshVaultWhoseStoredRangeIsAlreadyTheBestIsStillInvested() {
        Range stored = new Range(199_380, 200_640);
        VaultState s = state(VAULT, stored, 200_010);
        VaultState fresh = new VaultState(
                s.address(),
                s.position(),
                BigInteger.ZERO,
                s.sqrtPriceX96(),
                s.tick(),
                s.twapTick(),
                s.tickSpacing(),
                s.idle0(),
                s.idle1(),
                s.fees0(),
                s.fees1(),
                Optional.empty(),
                false,
                s.guards(),
                s.blockNumber(),
                s.blockTime());

        Verdict v = policy.decide(fresh, score(200_010, 300), settings);

        assertThat(v.action()).isEqualTo(Action.REBALANCE);
        assertThat(v.target()).contains(stored);
    }

    @Property(tries = 400)
    void everyProposedRangePassesTheContractsRangeAndMoveChecks(
            @ForAll @IntRange(min = -300_000, max = 300_000) int tick,
            @ForAll @IntRange(min = -3_000, max = 3_000) int offset,
            @ForAll @IntRange(min = 1, max = 50) int halfWidthSpacings,
            @ForAll @IntRange(min = 0, max = 5_000) int maxMove,
            @ForAll @IntRange(min = 0, max = 5_000) int maxWidthChange,
            @ForAll @IntRange(min = 0, max = 2_000) int sigma,
            @ForAll boolean fresh) {
        int spacing = 60;
        long centre = RebalancePolicy.floorTo(tick + offset, spacing);
        Range old =
                new Range((int) (centre - halfWidthSpacings * spacing), (int) (centre + halfWidthSpacings * spacing));
        VaultGuards guards = new VaultGuards(Duration.ZERO, Duration.ofMinutes(30), 200, maxMove, maxWidthChange, 100);
        VaultState s = state(
                VAULT, fresh ? Optional.empty() : Optional.of(old), tick, tick, guards, NOW.minus(Duration.ofDays(30)));
        Optional<Range> target = RebalancePolicy.target(s, score(tick, sigma), settings);
        target.ifPresent(t -> {
            assertThat(t.isAlignedTo(spacing)).isTrue();
            assertThat(contractAccepts(s.position().orElse(null), t, guards, spacing))
                    .isTrue();
        });
        if (maxWidthChange >= 2 * settings.maxHalfWidthTicks() + 2 * spacing && maxMove >= 400_000) {
            assertThat(target).isPresent();
        }
    }

    @Property(tries = 200)
    void theSwapLeavesHoldingsTheNewRangeTakesAlmostWhole(
            @ForAll @IntRange(min = -200_000, max = 200_000) int tick,
            @ForAll @IntRange(min = 1, max = 1_000_000) int amount0Millis,
            @ForAll @IntRange(min = 1, max = 1_000_000) int amount1Millis,
            @ForAll @IntRange(min = 1, max = 40) int halfWidthSpacings) {
        BigInteger sqrtPrice = TickMath.getSqrtRatioAtTick(tick);
        TokenAmounts holdings = new TokenAmounts(
                BigInteger.valueOf(amount0Millis).multiply(BigInteger.TEN.pow(15)),
                BigInteger.valueOf(amount1Millis).multiply(BigInteger.TEN.pow(15)));
        long centre = RebalancePolicy.floorTo(tick, 60);
        Range target = new Range((int) centre - halfWidthSpacings * 60, (int) centre + halfWidthSpacings * 60);
        SwapPlan plan = RebalancePolicy.swap(sqrtPrice, holdings, target, 100);

        // Swap at the current price with no impact, then see what the position can take.
        BigDecimal price = new BigDecimal(sqrtPrice)
                .pow(2)
                .divide(new BigDecimal(BigInteger.ONE.shiftLeft(192)), MathContext.DECIMAL128);
        BigDecimal after0 = new BigDecimal(holdings.amount0());
        BigDecimal after1 = new BigDecimal(holdings.amount1());
        if (plan.zeroForOne()) {
            after0 = after0.subtract(new BigDecimal(plan.amountIn()));
            after1 = after1.add(new BigDecimal(plan.amountIn()).multiply(price));
        } else {
            after1 = after1.subtract(new BigDecimal(plan.amountIn()));
            after0 = after0.add(new BigDecimal(plan.amountIn()).divide(price, MathContext.DECIMAL128));
        }
        BigInteger a0 = after0.toBigInteger();
        BigInteger a1 = after1.toBigInteger();
        BigInteger sqrtA = TickMath.getSqrtRatioAtTick(target.tickLower());
        BigInteger sqrtB = TickMath.getSqrtRatioAtTick(target.tickUpper());
        BigInteger liquidity = LiquidityAmounts.getLiquidityForAmounts(sqrtPrice, sqrtA, sqrtB, a0, a1);
        TokenAmounts taken = LiquidityAmounts.getAmountsForLiquidity(sqrtPrice, sqrtA, sqrtB, liquidity);

        BigDecimal value = after0.multiply(price).add(after1);
        BigDecimal takenValue = new BigDecimal(taken.amount0()).multiply(price).add(new BigDecimal(taken.amount1()));
        // At most the negligible-swap threshold (1 bp) plus rounding is left out of the position.
        assertThat(takenValue.divide(value, MathContext.DECIMAL128)).isGreaterThan(new BigDecimal("0.9997"));
        assertThat(taken.amount0()).isGreaterThanOrEqualTo(plan.amount0Min());
        assertThat(taken.amount1()).isGreaterThanOrEqualTo(plan.amount1Min());
    }

    /** The vault contract's _checkRange and _checkMove, as written in Solidity. */
    static boolean contractAccepts(Range old, Range next, VaultGuards guards, int spacing) {
        long oldLower = old == null ? 0 : old.tickLower();
        long oldUpper = old == null ? 0 : old.tickUpper();
        if (next.tickLower() % spacing != 0 || next.tickUpper() % spacing != 0) {
            return false;
        }
        long move = Math.abs((long) next.tickLower() + next.tickUpper() - (oldLower + oldUpper)) / 2;
        long widthChange = Math.abs((long) next.width() - (oldUpper - oldLower));
        return move <= guards.maxTickMove() && widthChange <= guards.maxWidthChange();
    }
}
