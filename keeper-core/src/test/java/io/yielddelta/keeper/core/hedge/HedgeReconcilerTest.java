package io.yielddelta.keeper.core.hedge;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class HedgeReconcilerTest {
    private final HedgeHarness h = new HedgeHarness();

    @Test
    void aPositionOpenedOutsideTheKeeperIsReportedAdoptedAndHedgedBackToTarget() {
        h.onMark("10");
        h.primary.openOutsideKeeper("ETH", new BigDecimal("-3"));

        ReconcileReport report = h.reconciler.reconcile("ETH");

        assertThat(report.corrected()).isTrue();
        assertThat(report.discrepancies()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Discrepancy.Kind.POSITION);
            assertThat(d.expected()).isEqualByComparingTo("-10");
            assertThat(d.actual()).isEqualByComparingTo("-13");
        });
        assertThat(h.journal.expectedPosition("hyperliquid", "ETH")).isEqualByComparingTo("-13");
        assertThat(h.reconciler.reconcile("ETH").clean()).isTrue();

        HedgeResult rehedge = h.executor.hedge(HedgeTrigger.reconcile(1), HedgeHarness.exposure("10"), null);
        assertThat(rehedge.status()).isEqualTo(HedgeResult.Status.PLACED);
        assertThat(h.primary.position("ETH")).isEqualByComparingTo("-10");
        assertThat(h.reconciler.reconcile("ETH").clean()).isTrue();
    }

    @Test
    void differencesAreOnlyReportedOutsideTheActiveState() {
        h.onMark("10");
        h.primary.openOutsideKeeper("ETH", new BigDecimal("-3"));
        h.primary.addForeignOpenOrder("ETH", BigDecimal.ONE);
        h.risk.reduceOnly("margin");

        ReconcileReport report = h.reconciler.reconcile("ETH");

        assertThat(report.corrected()).isFalse();
        assertThat(report.discrepancies())
                .extracting(Discrepancy::kind)
                .containsExactlyInAnyOrder(Discrepancy.Kind.POSITION, Discrepancy.Kind.UNKNOWN_OPEN_ORDER);
        assertThat(h.journal.expectedPosition("hyperliquid", "ETH")).isEqualByComparingTo("-10");
        assertThat(h.primary.openOrders()).hasSize(1);
        assertThat(h.journal.discrepancies()).hasSize(2);
    }

    @Test
    void anUnknownOpenOrderIsCancelledWhenActive() {
        h.primary.addForeignOpenOrder("ETH", BigDecimal.ONE);
        ReconcileReport report = h.reconciler.reconcile("ETH");
        assertThat(report.discrepancies())
                .singleElement()
                .satisfies(d -> assertThat(d.kind()).isEqualTo(Discrepancy.Kind.UNKNOWN_OPEN_ORDER));
        assertThat(h.primary.openOrders()).isEmpty();
    }

    @Test
    void anOrderWhoseVenueIsDownStaysInFlight() {
        h.primary.loseAnswersAfterActing(1);
        h.onMark("10");
        h.primary.setDown(true);
        ReconcileReport report = h.reconciler.reconcile("ETH");
        assertThat(report.stillInFlight()).isEqualTo(1);
        assertThat(h.journal.inFlight()).hasSize(1);
        assertThat(h.onMark("10").status()).isEqualTo(HedgeResult.Status.WAITING_FOR_IN_FLIGHT);
    }
}
