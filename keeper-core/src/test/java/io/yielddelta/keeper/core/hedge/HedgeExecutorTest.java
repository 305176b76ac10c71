package io.yielddelta.keeper.core.hedge;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.core.risk.RiskAlert;
import io.yielddelta.keeper.core.risk.RiskCheck;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HedgeExecutorTest {
    private final HedgeHarness h = new HedgeHarness();

    @Test
    void hedgesToTheTargetJournalsTheOrderAndThenRestsWithinTheBand() {
        HedgeResult first = h.onMark("10");
        assertThat(first.status()).isEqualTo(HedgeResult.Status.PLACED);
        assertThat(h.primary.position("ETH")).isEqualByComparingTo("-10");
        assertThat(h.journal.expectedPosition("hyperliquid", "ETH")).isEqualByComparingTo("-10");
        assertThat(h.journal.inFlight()).isEmpty();

        assertThat(h.onMark("10.9").status()).isEqualTo(HedgeResult.Status.NOTHING_TO_DO);
        assertThat(h.onMark("11.2").status()).isEqualTo(HedgeResult.Status.PLACED);
        assertThat(h.primary.position("ETH")).isEqualByComparingTo("-11.2");
    }

    @Test
    void afterARebalanceTheHedgeFollowsBeyondTheInnerBand() {
        h.onMark("10");
        HedgeResult result = h.executor.hedge(
                HedgeTrigger.rebalance("0xvault@2026-03-01T10:00:00Z"), HedgeHarness.exposure("10.5"), null);
        assertThat(result.status()).isEqualTo(HedgeResult.Status.PLACED);
        assertThat(h.primary.position("ETH")).isEqualByComparingTo("-10.5");
        assertThat(h.primary.placed().getLast().clientId().decisionId())
                .isEqualTo("0xvault/0xvault@2026-03-01T10:00:00Z/hedge");
    }

    @Test
    void theKillSwitchStopsTheNextOrderAtOnce() {
        h.onMark("10");
        h.risk.halt("keeper halt");
        HedgeResult result = h.onMark("14");
        assertThat(result.status()).isEqualTo(HedgeResult.Status.BLOCKED);
        assertThat(h.primary.placed()).hasSize(1);
        assertThat(h.journal.inFlight()).isEmpty();
        assertThat(h.events.alerts)
                .singleElement()
                .isInstanceOfSatisfying(
                        RiskAlert.OrderBlocked.class, a -> assertThat(a.check()).isEqualTo(RiskCheck.HALTED));

        h.risk.resume("keeper resume");
        assertThat(h.onMark("14").status()).isEqualTo(HedgeResult.Status.PLACED);
        assertThat(h.primary.position("ETH")).isEqualByComparingTo("-14");
    }

    @Test
    void inReducingStateOnlyTheReducingHedgeGoesThrough() {
        h.onMark("10");
        h.risk.reduceOnly("margin");
        assertThat(h.onMark("14").status()).isEqualTo(HedgeResult.Status.BLOCKED);
        assertThat(h.onMark("6").status()).isEqualTo(HedgeResult.Status.PLACED);
        assertThat(h.primary.position("ETH")).isEqualByComparingTo("-6");
    }

    @Test
    void anUnknownOutcomeNeverLeadsToASecondHedge() {
        h.primary.loseAnswersAfterActing(1);
        assertThat(h.onMark("10").status()).isEqualTo(HedgeResult.Status.UNKNOWN_OUTCOME);
        assertThat(h.primary.position("ETH")).isEqualByComparingTo("-10"); // the order did execute

        // Mark updates keep coming: nothing is sent while the order is in flight.
        assertThat(h.onMark("10").status()).isEqualTo(HedgeResult.Status.WAITING_FOR_IN_FLIGHT);
        assertThat(h.onMark("12").status()).isEqualTo(HedgeResult.Status.WAITING_FOR_IN_FLIGHT);
        assertThat(h.primary.placed()).hasSize(1);

        ReconcileReport report = h.reconciler.reconcile("ETH");
        assertThat(report.resolved()).isEqualTo(1);
        assertThat(report.discrepancies()).isEmpty();
        assertThat(h.journal.expectedPosition("hyperliquid", "ETH")).isEqualByComparingTo("-10");

        assertThat(h.onMark("10").status()).isEqualTo(HedgeResult.Status.NOTHING_TO_DO);
        assertThat(h.totalHedge()).isEqualByComparingTo("-10");
    }

    @Test
    void anOrderLostBeforeItActedIsClosedByReconciliationAndDecidedAfresh() {
        h.primary.loseNextBeforeActing();
        assertThat(h.onMark("10").status()).isEqualTo(HedgeResult.Status.UNKNOWN_OUTCOME);
        assertThat(h.onMark("10").status()).isEqualTo(HedgeResult.Status.WAITING_FOR_IN_FLIGHT);

        ReconcileReport report = h.reconciler.reconcile("ETH");
        assertThat(report.discrepancies())
                .singleElement()
                .satisfies(d -> assertThat(d.kind()).isEqualTo(Discrepancy.Kind.ORDER_NOT_FOUND));

        assertThat(h.onMark("10").status()).isEqualTo(HedgeResult.Status.PLACED);
        assertThat(h.totalHedge()).isEqualByComparingTo("-10");
    }

    @Test
    void aDecisionAlreadyJournaledIsNotSentAgain() {
        HedgeResult first = h.executor.hedge(HedgeTrigger.rebalance("cycle-1"), HedgeHarness.exposure("10"), null);
        assertThat(first.status()).isEqualTo(HedgeResult.Status.PLACED);
        h.primary.openOutsideKeeper("ETH", new BigDecimal("10")); // as if the fill had not been seen
        HedgeResult replay = h.executor.hedge(HedgeTrigger.rebalance("cycle-1"), HedgeHarness.exposure("10"), null);
        assertThat(replay.status()).isEqualTo(HedgeResult.Status.ALREADY_DECIDED);
        assertThat(h.primary.placed()).hasSize(1);
    }

    @Test
    void failsOverToTheSecondaryWithoutHedgingTwice() {
        assertThat(h.onMark("10").status()).isEqualTo(HedgeResult.Status.PLACED);
        h.primary.setDown(true);

        assertThat(h.onMark("12").status()).isEqualTo(HedgeResult.Status.FAILED);
        h.clock.advance(Duration.ofSeconds(15));
        assertThat(h.onMark("12").status()).isEqualTo(HedgeResult.Status.FAILED);
        assertThat(h.router.failedOver()).isFalse();
        h.clock.advance(Duration.ofSeconds(15));

        // 30 s without an answer: the same pass fails over, and the −10 held on the unreachable primary still
        // counts, so only the missing 2 go to the secondary.
        assertThat(h.onMark("12").status()).isEqualTo(HedgeResult.Status.PLACED);
        assertThat(h.router.failedOver()).isTrue();
        assertThat(h.secondary.position("ETH")).isEqualByComparingTo("-2");
        assertThat(h.onMark("12").status()).isEqualTo(HedgeResult.Status.NOTHING_TO_DO);

        h.primary.setDown(false);
        h.clock.advance(Duration.ofSeconds(10));
        assertThat(h.onMark("14").status()).isEqualTo(HedgeResult.Status.PLACED);
        assertThat(h.primary.position("ETH")).isEqualByComparingTo("-12");
        assertThat(h.totalHedge()).isEqualByComparingTo("-14");
    }

    @Test
    void theArbitrageKindMovesTheHedgeToTheBetterFundingVenueOnlyWhenItPays() {
        HedgeHarness arb = new HedgeHarness(
                HedgePreset.ARBITRAGE.settings(),
                new FundingVenueSelector(Duration.ofHours(24), new BigDecimal("0.0012")));
        arb.primary.setFundingPerHour(new BigDecimal("0.00003"));
        arb.secondary.setFundingPerHour(new BigDecimal("0.00001"));
        assertThat(arb.onMark("10").status()).isEqualTo(HedgeResult.Status.PLACED);
        assertThat(arb.primary.position("ETH")).isEqualByComparingTo("-10");

        arb.secondary.setFundingPerHour(new BigDecimal("0.00005")); // +0.048 % over a day: not worth 0.12 %
        assertThat(arb.onMark("10").status()).isEqualTo(HedgeResult.Status.NOTHING_TO_DO);

        arb.secondary.setFundingPerHour(new BigDecimal("0.0001")); // +0.168 % over a day
        assertThat(arb.onMark("10").status()).isEqualTo(HedgeResult.Status.PLACED);
        assertThat(arb.primary.position("ETH")).isZero();
        assertThat(arb.secondary.position("ETH")).isEqualByComparingTo("-10");
    }
}
