package io.yielddelta.keeper.core.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HourObservationTest {
    private static final BigInteger Q128 = BigInteger.ONE.shiftLeft(128);
    private static final BigInteger Q96 = BigInteger.ONE.shiftLeft(96);

    /** At P = 4 (√P = 2) a unit of liquidity full range is worth 2·√P = 4; fees of 0.5 token0 + 1 token1 = 3; yield 3/4. */
    @Test
    void feeYieldIsTheFeesOfAUnitOfLiquidityOverItsFullRangeValue() {
        BigInteger before0 = BigInteger.valueOf(7).multiply(Q128);
        BigInteger before1 = BigInteger.valueOf(11).multiply(Q128);
        double yield = HourObservation.feeYield(
                before0, before0.add(Q128.shiftRight(1)), before1, before1.add(Q128), Q96.shiftLeft(1));
        assertThat(yield).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void feeGrowthWrappingPast2To256IsStillItsIncrease() {
        BigInteger max = BigInteger.ONE.shiftLeft(256);
        BigInteger before = max.subtract(Q128);
        double yield = HourObservation.feeYield(before, Q128, BigInteger.ZERO, BigInteger.ZERO, Q96);
        // f0 = 2 (wrapped), √P = 1: (2·1 + 0) / 2
        assertThat(yield).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aRowOffTheHourOrWithMarksOutOfOrderIsRefused() {
        Instant hour = Instant.parse("2024-01-01T05:00:00Z");
        assertThatThrownBy(() -> new HourObservation(hour.plusSeconds(1), 0, 0, 0, 1, 1, 1, 1, 0))
                .hasMessageContaining("on the hour");
        assertThatThrownBy(() -> new HourObservation(hour, 0, 0, 0, 1, 2, 1.5, 1, 0))
                .hasMessageContaining("markLow <= markClose <= markHigh");
        assertThatThrownBy(() -> new HourObservation(hour, 0, 0, -1e-9, 1, 1, 1, 1, 0))
                .hasMessageContaining("feeYield");
        assertThatThrownBy(() -> new HourObservation(hour, 0, 0, 0, 1, 1, 1, 1, Double.NaN))
                .hasMessageContaining("fundingRate");
        HourObservation ok = new HourObservation(hour, 0, 0, 0, 1, 1, 1, 1, 0);
        assertThat(new HourObservation(hour.plusSeconds(3600), 0, 0, 0, 1, 1, 1, 1, 0).follows(ok))
                .isTrue();
        assertThat(new HourObservation(hour.plusSeconds(7200), 0, 0, 0, 1, 1, 1, 1, 0).follows(ok))
                .isFalse();
    }
}
