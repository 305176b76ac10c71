package io.yielddelta.keeper.app.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.VaultGuards;
import io.yielddelta.keeper.core.vault.VaultState;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OraclePolicyTest {
    private static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");
    private static final OraclePolicy POLICY = new OraclePolicy(240, 1_000, Duration.ofMinutes(15));
    /** A vault storing [-1200, 1200) whose TWAP tick is 100. */
    private static final VaultState STATE = new VaultState(
            "0xvault",
            Optional.of(new Range(-1200, 1200)),
            BigInteger.TEN,
            BigInteger.ONE.shiftLeft(96),
            130,
            100,
            60,
            BigInteger.ZERO,
            BigInteger.ZERO,
            BigInteger.ZERO,
            BigInteger.ZERO,
            Optional.empty(),
            false,
            new VaultGuards(Duration.ofMinutes(15), Duration.ofMinutes(10), 100, 2000, 2000, 100),
            1,
            NOW);

    @Test
    void aRangeAroundTheTwapWithinTheLimitsIsSigned() {
        assertThat(POLICY.refusal(request(-600, 600, 600), STATE)).isEmpty();
    }

    @Test
    void aRangeThatMissesTheTwapTickIsRefused() {
        assertThat(POLICY.refusal(request(120, 600, 600), STATE))
                .hasValueSatisfying(why -> assertThat(why).contains("does not contain the TWAP tick 100"));
        // the upper tick is outside, as the pool counts a position active
        assertThat(POLICY.refusal(request(-600, 100, 600), STATE)).isPresent();
    }

    @Test
    void aRangeNarrowerThanThePolicyIsRefused() {
        assertThat(POLICY.refusal(request(0, 180, 600), STATE))
                .hasValueSatisfying(why -> assertThat(why).contains("180 ticks wide, under the 240"));
    }

    @Test
    void aMoveFromTheStoredRangeBeyondThePolicyIsRefused() {
        // centre of [-1200, 1200) is 0; a range centred at 1020 contains tick 100 but moves 1,020 ticks
        assertThat(POLICY.refusal(request(60, 1980, 600), STATE))
                .hasValueSatisfying(why -> assertThat(why).contains("moves the centre 1020 ticks"));
        assertThat(POLICY.refusal(request(60, 1920, 600), STATE)).isEmpty();
    }

    @Test
    void deadlinesMustBeAheadAndWithinTheLifetime() {
        assertThat(POLICY.refusal(request(-600, 600, 0), STATE))
                .hasValueSatisfying(why -> assertThat(why).contains("is not after the block time"));
        assertThat(POLICY.refusal(request(-600, 600, 901), STATE))
                .hasValueSatisfying(why -> assertThat(why).contains("more than 15 min"));
    }

    @Test
    void leavingThePoolHasNoRangeToCheckButKeepsTheDeadline() {
        assertThat(POLICY.refusal(request(0, 0, 600), STATE)).isEmpty();
        assertThat(POLICY.refusal(request(0, 0, 3600), STATE)).isPresent();
    }

    private static RebalanceRequest request(int lower, int upper, long secondsToDeadline) {
        return new RebalanceRequest(
                1329,
                "0xvault",
                lower,
                upper,
                false,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                NOW.getEpochSecond() + secondsToDeadline,
                BigInteger.ONE);
    }
}
