package io.yielddelta.keeper.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeltaMeterTest {

    @Test
    void timeOverTheBandAndTheQuantilesAreWeightedByTheTimeEachPointStandsFor() {
        DeltaMeter meter = new DeltaMeter();
        // An hour of four points: one at 12 % (over a 5 % band), three at 1 %; then an hour of two points at 3 %.
        meter.sample(12, 0.25, 5);
        for (int i = 0; i < 3; i++) {
            meter.sample(1, 0.25, 5);
        }
        meter.sample(3, 0.5, 5);
        meter.sample(3, 0.5, 5);
        double[] stats = meter.stats(0, 1);
        // 0.25 h of 2 h over the band; 0.75 h at 1 %, 1 h at 3 %, 0.25 h at 12 %: the median at 3 %, p99 at 12 %.
        assertThat(stats[0]).isEqualTo(12.5);
        assertThat(stats[1]).isEqualTo(3.0);
        assertThat(stats[2]).isEqualTo(12.0);
    }

    @Test
    void periodsAreMeasuredApartAndTogether() {
        DeltaMeter meter = new DeltaMeter();
        meter.sample(2, 1, 5);
        meter.newPeriod();
        meter.sample(8, 1, 5);
        assertThat(meter.stats(0, 1)).containsExactly(0, 2, 2);
        assertThat(meter.stats(1, 2)).containsExactly(100, 8, 8);
        assertThat(meter.stats(0, 2)).containsExactly(50, 2, 8);
    }
}
