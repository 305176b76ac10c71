package io.yielddelta.keeper.core.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkPathTest {

    private static HourlyBar bar(String open, String high, String low, String close) {
        return new HourlyBar(Instant.parse("2024-01-01T00:00:00Z"), new BigDecimal(open), new BigDecimal(high),
                new BigDecimal(low), new BigDecimal(close), BigDecimal.ONE);
    }

    @Test
    void walksOpenNearerExtremeOtherExtremeCloseInBoundedSteps() {
        List<BigDecimal> marks = MarkPath.of(bar("2000", "2030", "1995", "2010"), 0.0025);

        assertThat(marks.getFirst()).isEqualByComparingTo("2000");
        assertThat(marks.getLast()).isEqualByComparingTo("2010");
        // The low (5 away) comes before the high (30 away).
        assertThat(marks.indexOf(new BigDecimal("1995"))).isLessThan(marks.indexOf(new BigDecimal("2030")));
        for (int i = 1; i < marks.size(); i++) {
            double step = Math.abs(marks.get(i).doubleValue() / marks.get(i - 1).doubleValue() - 1);
            assertThat(step).isLessThanOrEqualTo(0.0025 + 1e-6);
        }
    }

    @Test
    void aFlatHourIsItsOpenRepeated() {
        assertThat(MarkPath.of(bar("2000", "2000", "2000", "2000"), 0.0025)).hasSize(4)
                .allMatch(m -> m.compareTo(new BigDecimal("2000")) == 0);
    }
}
