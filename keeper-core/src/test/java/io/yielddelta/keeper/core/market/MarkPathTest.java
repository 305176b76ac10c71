package io.yielddelta.keeper.core.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MarkPathTest {

    private static HourlyBar bar(String open, String high, String low, String close) {
        return new HourlyBar(
                Instant.parse("2024-01-01T00:00:00Z"),
                new BigDecimal(open),
                new BigDecimal(high),
                new BigDecimal(low),
                new BigDecimal(close),
                BigDecimal.ONE);
    }

    @Test
    void theBridgeStartsAtTheOpenEndsAtTheCloseTouchesBothExtremesAndStaysBetweenThem() {
        HourlyBar bar = bar("2000", "2030", "1985", "2010");
        double[] path = MarkPath.bridge(7, 30, 0.0025).prices(bar);
        assertThat(path.length).isGreaterThanOrEqualTo(30);
        assertThat(path[0]).isEqualTo(2000);
        assertThat(path[path.length - 1]).isEqualTo(2010);
        assertThat(path).contains(2030.0, 1985.0);
        assertThat(java.util.Arrays.stream(path).min().orElseThrow()).isEqualTo(1985.0);
        assertThat(java.util.Arrays.stream(path).max().orElseThrow()).isEqualTo(2030.0);
    }

    @Test
    void theBridgeIsSeededPerBarAndSeedsGiveDifferentPaths() {
        HourlyBar bar = bar("2000", "2030", "1985", "2010");
        assertThat(MarkPath.bridge(3, 30, 0.0025).prices(bar))
                .containsExactly(MarkPath.bridge(3, 30, 0.0025).prices(bar));
        assertThat(MarkPath.bridge(4, 30, 0.0025).prices(bar))
                .isNotEqualTo(MarkPath.bridge(3, 30, 0.0025).prices(bar));
    }

    @Test
    void theBridgeTakesMorePointsWhereTheHourMovesMoreThanTheStepAllows() {
        // 20 % range: the corner walk is 3 × ln(1.2) ≈ 55 % long, 219 steps of 0.25 %.
        assertThat(MarkPath.bridge(1, 30, 0.0025).prices(bar("100", "110", "91.6", "105")).length)
                .isGreaterThan(200);
    }

    @Test
    void theBridgeIsUnbiasedWhereTheFixedWalkIsNot() {
        // Open and close in the middle of the range: the walk always goes to the low first (nearer or tied), so it
        // spends more of the hour's first half below the open; the bridge goes either way as often.
        HourlyBar bar = bar("2000", "2020", "1980", "2000");
        int highFirst = 0;
        int seeds = 2000;
        for (int seed = 0; seed < seeds; seed++) {
            double[] path = MarkPath.bridge(seed, 30, 0.0025).prices(bar);
            highFirst += indexOf(path, 2020) < indexOf(path, 1980) ? 1 : 0;
        }
        assertThat((double) highFirst / seeds).isCloseTo(0.5, within(0.04));
        double[] walk = MarkPath.corners(0.0025).prices(bar);
        assertThat(indexOf(walk, 1980)).isLessThan(indexOf(walk, 2020));
    }

    /**
     * Unbiased where it matters for LVR: over the hours of a simulated GBM (σ = 80 % a year, 3,600 steps an hour) turned
     * into bars, the bridge's realised variance averages the GBM's from 60 points an hour (at 30 it is 8 % above: the
     * straight corrections that pin it to the bar's extremes add some); the fixed walk's depends on its step.
     */
    @Test
    void overTheBarsOfABrownianMarketTheBridgesRealisedVarianceIsTheMarketsWhateverTheNumberOfPoints() {
        double hourly = 0.64 / 8760;
        double stepSd = Math.sqrt(hourly / 3600);
        SplittableRandom random = new SplittableRandom(11);
        List<HourlyBar> bars = new ArrayList<>();
        double price = 2000;
        for (int h = 0; h < 2000; h++) {
            double open = price;
            double high = price;
            double low = price;
            for (int s = 0; s < 3600; s++) {
                price *= Math.exp(stepSd * random.nextGaussian() - stepSd * stepSd / 2);
                high = Math.max(high, price);
                low = Math.min(low, price);
            }
            bars.add(new HourlyBar(
                    Instant.parse("2024-01-01T00:00:00Z").plusSeconds(3600L * h),
                    decimal(open),
                    decimal(high),
                    decimal(low),
                    decimal(price),
                    BigDecimal.ONE));
        }
        for (int points : new int[] {60, 120, 240}) {
            MarkPath bridge = MarkPath.bridge(5, points, 0.0025);
            double mean = bars.stream()
                    .mapToDouble(bar -> realisedVariance(bridge.prices(bar)))
                    .average()
                    .orElseThrow();
            assertThat(mean).as(points + " points").isCloseTo(hourly, within(hourly * 0.08));
        }
        double coarse = bars.stream()
                .mapToDouble(bar -> realisedVariance(MarkPath.corners(0.005).prices(bar)))
                .average()
                .orElseThrow();
        double fine = bars.stream()
                .mapToDouble(bar -> realisedVariance(MarkPath.corners(0.0005).prices(bar)))
                .average()
                .orElseThrow();
        assertThat(coarse).isGreaterThan(2 * fine);
    }

    private static BigDecimal decimal(double price) {
        return BigDecimal.valueOf(price).setScale(4, java.math.RoundingMode.HALF_EVEN);
    }

    @Test
    void aFlatHourIsItsOpenRepeated() {
        assertThat(MarkPath.bridge(1, 30, 0.0025).prices(bar("2000", "2000", "2000", "2000")))
                .hasSize(30)
                .containsOnly(2000.0);
        assertThat(MarkPath.corners(0.0025).marks(bar("2000", "2000", "2000", "2000")))
                .hasSize(4)
                .allMatch(m -> m.compareTo(new BigDecimal("2000")) == 0);
    }

    @Test
    void theFixedWalkGoesOpenNearerExtremeOtherExtremeCloseInBoundedSteps() {
        List<BigDecimal> marks = MarkPath.corners(0.0025).marks(bar("2000", "2030", "1995", "2010"));
        assertThat(marks.getFirst()).isEqualByComparingTo("2000");
        assertThat(marks.getLast()).isEqualByComparingTo("2010");
        // The low (5 away) comes before the high (30 away).
        assertThat(indexOf(marks, "1995")).isLessThan(indexOf(marks, "2030"));
        for (int i = 1; i < marks.size(); i++) {
            double step = Math.abs(marks.get(i).doubleValue() / marks.get(i - 1).doubleValue() - 1);
            assertThat(step).isLessThanOrEqualTo(0.0025 + 1e-6);
        }
    }

    @Test
    void marksCarryTwoDecimalsMoreThanTheBarAndStreamEvenlyInsideTheHour() {
        HourlyBar bar = bar("0.2105", "0.2130", "0.2090", "0.2111");
        assertThat(MarkPath.scale(bar)).isEqualTo(6);
        assertThat(MarkPath.bridge(1, 30, 0.0025).marks(bar))
                .allSatisfy(m -> assertThat(m.scale()).isEqualTo(6));
        Instant hour = Instant.parse("2024-01-01T00:00:00Z");
        assertThat(MarkPath.streamedAt(hour, 0, 3)).isEqualTo(hour.plusSeconds(900));
        assertThat(MarkPath.streamedAt(hour, 2, 3)).isEqualTo(hour.plusSeconds(2700));
    }

    private static double realisedVariance(double[] path) {
        double sum = 0;
        for (int i = 1; i < path.length; i++) {
            sum += Math.pow(Math.log(path[i] / path[i - 1]), 2);
        }
        return sum;
    }

    private static int indexOf(double[] path, double price) {
        for (int i = 0; i < path.length; i++) {
            if (path[i] == price) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(List<BigDecimal> marks, String price) {
        for (int i = 0; i < marks.size(); i++) {
            if (marks.get(i).compareTo(new BigDecimal(price)) == 0) {
                return i;
            }
        }
        return -1;
    }
}
