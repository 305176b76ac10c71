package io.yielddelta.keeper.core.policy;

import static io.yielddelta.keeper.core.policy.VaultStates.LOOSE_GUARDS;
import static io.yielddelta.keeper.core.policy.VaultStates.NOW;
import static io.yielddelta.keeper.core.policy.VaultStates.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.yielddelta.keeper.core.observation.FeeLvr;
import io.yielddelta.keeper.core.observation.HourObservation;
import io.yielddelta.keeper.core.observation.InMemoryObservationHistory;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.RebalanceTarget;
import io.yielddelta.keeper.core.vault.VaultState;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegimeGatedScorerTest {

    private static final String VAULT = "0x00000000000000000000000000000000000000aa";
    /** Each hour's mark moves 1 % high to low: Parkinson variance ln(1.01)² / (4 ln 2), LVR a eighth of it. */
    private static final double HIGH = 101;

    private static final double LVR_PER_HOUR = Math.log(HIGH / 100) * Math.log(HIGH / 100) / (4 * Math.log(2)) / 8;
    private static final RegimeGatedScorer.Thresholds THRESHOLDS = new RegimeGatedScorer.Thresholds(3.0, 1.5, 3);

    private final InMemoryObservationHistory history = new InMemoryObservationHistory(48);
    private final RegimeGatedScorer scorer =
            new RegimeGatedScorer(history, new RealizedVolatilityScorer(0.6, 0.94), THRESHOLDS);
    private final RebalancePolicy policy = new RebalancePolicy();
    private Instant hour = NOW.minus(Duration.ofHours(10));

    /** Hours whose fees are {@code feeOverLvr} times their LVR. */
    private void hours(int count, double feeOverLvr) {
        for (int i = 0; i < count; i++) {
            hour = hour.plus(Duration.ofHours(1));
            history.record(
                    VAULT,
                    new HourObservation(hour, 200_000, 200_000, feeOverLvr * LVR_PER_HOUR, 1e18, 100.5, HIGH, 100, 0));
        }
    }

    private static VaultState invested() {
        return state(VAULT, new Range(199_020, 201_000), 200_010);
    }

    /** A vault that left the pool: the contract keeps the range it left stored, with no liquidity in it. */
    private static VaultState idle() {
        VaultState s = state(
                VAULT,
                Optional.of(new Range(199_020, 201_000)),
                200_010,
                200_010,
                LOOSE_GUARDS,
                NOW.minus(Duration.ofHours(2)));
        return new VaultState(
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
                s.lastRebalance(),
                false,
                s.guards(),
                s.blockNumber(),
                s.blockTime());
    }

    @Test
    void theRatioIsTheFeesOverAnEighthOfTheParkinsonVariance() {
        List<HourObservation> rows = new ArrayList<>();
        rows.add(new HourObservation(NOW, 0, 0, 2 * LVR_PER_HOUR, 1, 100.5, HIGH, 100, 0));
        rows.add(new HourObservation(NOW.plus(Duration.ofHours(1)), 0, 0, 0, 1, 100.5, HIGH, 100, 0));
        assertThat(FeeLvr.ratio(rows)).isCloseTo(1.0, within(1e-12));
        assertThat(FeeLvr.ratio(List.of())).isNaN();
    }

    @Test
    void anInvestedVaultLeavesThePoolWhenTrailingFeesFallBelowLvr() {
        hours(3, 0.5);
        RangeScore score = scorer.score(invested(), Duration.ofDays(7));
        assertThat(score.provide()).isFalse();
        assertThat(score.model()).contains("fees/LVR 0.50");

        Verdict verdict = policy.decide(invested(), score, PolicySettings.DEFAULTS);
        assertThat(verdict.action()).isEqualTo(Action.REBALANCE);
        assertThat(verdict.triggers()).containsExactly(Trigger.STAY_OUT);
        assertThat(verdict.leavesPool()).isTrue();
        assertThat(verdict.rebalanceTarget()).contains(RebalanceTarget.IDLE);
        assertThat(verdict.swap().orElseThrow().amountIn()).isZero();
    }

    @Test
    void anIdleVaultEntersWhenTrailingFeesExceedLvrByTheMargin() {
        hours(3, 4.0);
        RangeScore score = scorer.score(idle(), Duration.ofDays(7));
        assertThat(score.provide()).isTrue();

        Verdict verdict = policy.decide(idle(), score, PolicySettings.DEFAULTS);
        assertThat(verdict.action()).isEqualTo(Action.REBALANCE);
        assertThat(verdict.triggers()).contains(Trigger.NO_POSITION);
        assertThat(verdict.target()).isPresent();
        assertThat(verdict.target().orElseThrow().contains(200_010)).isTrue();
    }

    @Test
    void betweenTheThresholdsEachVaultKeepsWhatItDoes() {
        hours(3, 2.0);
        assertThat(scorer.score(invested(), Duration.ofDays(7)).provide()).isTrue();
        RangeScore idle = scorer.score(idle(), Duration.ofDays(7));
        assertThat(idle.provide()).isFalse();
        Verdict verdict = policy.decide(idle(), idle, PolicySettings.DEFAULTS);
        assertThat(verdict.action()).isEqualTo(Action.HOLD);
        assertThat(verdict.rebalanceTarget()).isEmpty();
    }

    @Test
    void onlyTheTrailingWindowCounts() {
        hours(10, 0.2);
        hours(3, 4.0);
        assertThat(scorer.score(idle(), Duration.ofDays(7)).provide()).isTrue();
        hours(3, 0.2);
        assertThat(scorer.score(invested(), Duration.ofDays(7)).provide()).isFalse();
    }

    @Test
    void withLessHistoryThanTheWindowEachVaultKeepsWhatItDoes() {
        hours(2, 0.1);
        assertThat(scorer.score(invested(), Duration.ofDays(7)).provide()).isTrue();
        RangeScore idle = scorer.score(idle(), Duration.ofDays(7));
        assertThat(idle.provide()).isFalse();
        assertThat(idle.model()).contains("2 h of history", "keeps idle");
    }

    @Test
    void leavingWaitsForTheContractsCooldown() {
        hours(3, 0.5);
        VaultState justMoved = state(
                VAULT,
                Optional.of(new Range(199_020, 201_000)),
                200_010,
                200_010,
                LOOSE_GUARDS,
                NOW.minus(Duration.ofMinutes(1)));
        Verdict verdict =
                policy.decide(justMoved, scorer.score(justMoved, Duration.ofDays(7)), PolicySettings.DEFAULTS);
        assertThat(verdict.action()).isEqualTo(Action.SKIP);
        assertThat(verdict.reason()).contains("cooldown");
    }
}
