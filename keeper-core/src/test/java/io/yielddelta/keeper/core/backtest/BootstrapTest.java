package io.yielddelta.keeper.core.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    @Test
    void aRunThatEarnsTheSameEveryDayHasNoUncertainty() {
        double[] daily = new double[365];
        Arrays.fill(daily, 100);
        // 100 a day on 1,000,000 over one year: 3.65 % whatever the resample.
        assertThat(Bootstrap.interval90(daily, 1_000_000, 1))
                .allSatisfy(v -> assertThat(v).isCloseTo(3.65, within(1e-9)));
    }

    @Test
    void theIntervalHoldsThePointEstimateAndNarrowsWithMoreDays() {
        SplittableRandom random = new SplittableRandom(1);
        double[] year = random.doubles(365).map(u -> (u - 0.4) * 1000).toArray();
        double[] threeYears = random.doubles(3 * 365).map(u -> (u - 0.4) * 1000).toArray();
        List<Double> short_ = Bootstrap.interval90(year, 1_000_000, 1);
        List<Double> long_ = Bootstrap.interval90(threeYears, 1_000_000, 3);
        double point = Arrays.stream(year).sum() / 1_000_000 * 100;
        assertThat(short_.get(0)).isLessThan(point);
        assertThat(short_.get(1)).isGreaterThan(point);
        assertThat(long_.get(1) - long_.get(0)).isLessThan((short_.get(1) - short_.get(0)) * 0.75);
    }

    @Test
    void aRunShorterThanOneBlockHasNoInterval() {
        assertThat(Bootstrap.interval90(new double[29], 1, 0.1)).isEmpty();
    }
}
