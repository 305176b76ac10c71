package io.yielddelta.keeper.core.hedge;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.core.venue.FundingRate;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FundingVenueSelectorTest {
    // Over 24 h, moving must earn more than 0.12 % of notional: 0.00005/h more funding to the short.
    private final FundingVenueSelector selector =
            new FundingVenueSelector(Duration.ofHours(24), new BigDecimal("0.0012"));

    @Test
    void withoutAHedgeTheBestPayingVenueIsTaken() {
        assertThat(selector.choose(null, rates("0.00001", "0.00002"))).isEqualTo("dydx");
    }

    @Test
    void switchesOnlyWhenTheAdvantageOverTheHorizonExceedsTheCost() {
        assertThat(selector.choose("hyperliquid", rates("0.00001", "0.00006")))
                .isEqualTo("hyperliquid"); // exactly the cost
        assertThat(selector.choose("hyperliquid", rates("0.00001", "0.0000601")))
                .isEqualTo("dydx");
        assertThat(selector.choose("dydx", rates("0.0000601", "0.00001"))).isEqualTo("hyperliquid");
        // Negative funding (shorts pay): the venue where shorts pay least is best.
        assertThat(selector.choose(null, rates("-0.0002", "-0.00001"))).isEqualTo("dydx");
    }

    private static Map<String, FundingRate> rates(String hyperliquid, String dydx) {
        return Map.of(
                "hyperliquid",
                new FundingRate("ETH", new BigDecimal(hyperliquid), Instant.EPOCH),
                "dydx",
                new FundingRate("ETH", new BigDecimal(dydx), Instant.EPOCH));
    }
}
