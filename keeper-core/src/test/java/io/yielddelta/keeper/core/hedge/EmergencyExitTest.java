package io.yielddelta.keeper.core.hedge;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.core.risk.TradingState;
import io.yielddelta.keeper.core.venue.VenueOrder;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmergencyExitTest {
    private final HedgeHarness h = new HedgeHarness();

    @Test
    void closesEveryHedgeOnEveryVenueInChunksAndStopsRebalancing() {
        // 60 ETH short on the primary (120 000, above the 50 000 order limit) and 2 on the secondary.
        h.primary.openOutsideKeeper("ETH", new BigDecimal("-60"));
        h.secondary.openOutsideKeeper("ETH", new BigDecimal("-2"));
        h.primary.addForeignOpenOrder("ETH", BigDecimal.ONE);

        List<VenueOrder> closing = new EmergencyExit(h.risk, h.router, h.journal, h.clock).run("operator");

        assertThat(h.primary.position("ETH")).isZero();
        assertThat(h.secondary.position("ETH")).isZero();
        assertThat(h.primary.openOrders()).isEmpty();
        assertThat(closing).allSatisfy(o -> assertThat(o.reduceOnly()).isTrue());
        assertThat(closing)
                .allSatisfy(o ->
                        assertThat(o.size().multiply(o.limitPrice())).isLessThanOrEqualTo(new BigDecimal("50000")));
        assertThat(closing.size()).isGreaterThanOrEqualTo(3);
        assertThat(h.risk.state()).isEqualTo(TradingState.REDUCING);
        assertThat(h.risk.rebalancingAllowed()).isFalse();

        // A new hedge cannot open while the exit is in force.
        assertThat(h.onMark("10").status()).isEqualTo(HedgeResult.Status.BLOCKED);
        assertThat(h.primary.position("ETH")).isZero();
    }
}
