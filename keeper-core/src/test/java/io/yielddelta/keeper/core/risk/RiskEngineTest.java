package io.yielddelta.keeper.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yielddelta.keeper.core.testing.MutableClock;
import io.yielddelta.keeper.core.testing.RecordingRiskEvents;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.Margin;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.Side;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskEngineTest {
    private static final BigDecimal MARK = new BigDecimal("2000");

    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private final RecordingRiskEvents events = new RecordingRiskEvents();
    // Order ≤ 20k, vault ≤ 100k, venue ≤ 150k, daily loss 1000, leverage 5x.
    private final RiskEngine engine =
            new RiskEngine(RiskLimits.withDefaults(bd("20000"), bd("100000"), bd("150000"), bd("1000")), clock, events);

    @Test
    void leverageCapDefaultsToFiveAndConfigurationAboveTwentyIsRefused() {
        assertThat(RiskLimits.withDefaults(bd("1"), bd("1"), bd("1"), bd("1")).maxLeverage())
                .isEqualByComparingTo("5");
        assertThat(limitsWithLeverage("20").maxLeverage()).isEqualByComparingTo("20");
        assertThatThrownBy(() -> limitsWithLeverage("20.5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxLeverage");
        assertThatThrownBy(() -> limitsWithLeverage("0")).hasMessageContaining("maxLeverage");
    }

    @Test
    void badLimitsNameTheField() {
        assertThatThrownBy(() -> new RiskLimits(
                        bd("1"), bd("1"), bd("1"), bd("5"), bd("0.1"), bd("1"), TradingState.ACTIVE, bd("4"), bd("3")))
                .hasMessageContaining("dailyLossState");
        assertThatThrownBy(() -> new RiskLimits(
                        bd("-1"), bd("1"), bd("1"), bd("5"), bd("0.1"), bd("1"), TradingState.HALTED, bd("4"), bd("3")))
                .hasMessageContaining("maxOrderNotional");
        assertThatThrownBy(() -> new RiskLimits(
                        bd("1"), bd("1"), bd("1"), bd("5"), bd("0.1"), bd("1"), TradingState.HALTED, bd("6"), bd("3")))
                .hasMessageContaining("collateralAlertLeverage");
    }

    @Test
    void anOrderWithinEveryLimitIsApproved() {
        assertThat(engine.check(sell("5", "0", "0", "0", "100000")).isApproved())
                .isTrue();
    }

    @Test
    void perOrderNotionalLimit() {
        // 10 × 2000 = 20 000 exactly: allowed; one lot more is not.
        assertThat(engine.check(sell("10", "0", "0", "0", "100000")).isApproved())
                .isTrue();
        RiskVerdict verdict = engine.check(sell("10.001", "0", "0", "0", "100000"));
        assertThat(verdict.failed()).isEqualTo(RiskCheck.ORDER_NOTIONAL);
    }

    @Test
    void perOrderNotionalCountsTheWorseOfLimitAndMark() {
        OrderRequest buy = new OrderRequest(
                "ETH", Side.BUY, bd("9.99"), bd("2100"), OrderType.MARKET_IOC, false, ClientOrderId.of("t/buy"));
        RiskVerdict verdict = engine.check(new OrderProposal(
                "v", "hl", buy, MARK, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, bd("100000")));
        assertThat(verdict.failed()).isEqualTo(RiskCheck.ORDER_NOTIONAL);
    }

    @Test
    void perVaultPositionLimit() {
        // Vault already short 45 (90k): 5 more is 100k, allowed; 6 more is 102k.
        assertThat(engine.check(sell("5", "-45", "0", "0", "100000")).isApproved())
                .isTrue();
        assertThat(engine.check(sell("6", "-45", "0", "0", "100000")).failed()).isEqualTo(RiskCheck.VAULT_POSITION);
    }

    @Test
    void aVaultsOwnCapTightensThePerVaultLimitOnlyForThatVault() {
        RiskEngine capped = new RiskEngine(
                RiskLimits.withDefaults(bd("20000"), bd("100000"), bd("150000"), bd("1000")),
                Map.of("vault", bd("50000"), "roomy", bd("1000000")),
                clock,
                events);
        // Vault "vault" short 20 (40k): 5 more is 50k, allowed; 6 more is 52k, above its own 50k cap.
        assertThat(capped.check(sell("5", "-20", "0", "0", "100000")).isApproved())
                .isTrue();
        assertThat(capped.check(sell("6", "-20", "0", "0", "100000")).failed()).isEqualTo(RiskCheck.VAULT_POSITION);
        // A vault's own cap never lifts the global per-vault limit.
        assertThat(capped.vaultPositionCap("roomy")).isEqualByComparingTo("100000");
        assertThat(capped.vaultPositionCap("other")).isEqualByComparingTo("100000");
    }

    @Test
    void aRestoredStateTakesEffectWithItsEmergencyExitFlag() {
        engine.restore(TradingState.HALTED, true, "stored by keeper halt");
        assertThat(engine.state()).isEqualTo(TradingState.HALTED);
        assertThat(engine.emergencyExitInForce()).isTrue();
        assertThat(engine.check(sell("1", "0", "0", "0", "100000")).failed()).isEqualTo(RiskCheck.HALTED);
        assertThat(events.changes)
                .last()
                .isEqualTo(new RecordingRiskEvents.Change(
                        TradingState.ACTIVE, TradingState.HALTED, "stored by keeper halt"));

        engine.restore(TradingState.ACTIVE, false, "stored by keeper resume");
        assertThat(engine.rebalancingAllowed()).isTrue();
        assertThat(engine.check(sell("1", "0", "0", "0", "100000")).isApproved())
                .isTrue();
    }

    @Test
    void perVenuePositionLimitCountsEveryMarket() {
        // 145k of other markets on the venue: 5k more reaches the 150k cap, 5.001 passes it.
        assertThat(engine.check(sell("2.5", "0", "0", "145000", "100000")).isApproved())
                .isTrue();
        assertThat(engine.check(sell("2.501", "0", "0", "145000", "100000")).failed())
                .isEqualTo(RiskCheck.VENUE_POSITION);
    }

    @Test
    void leverageCap() {
        // Account 10k at 5x carries 50k gross: 40k held + 10k order is the limit.
        assertThat(engine.check(sell("5", "0", "0", "40000", "10000")).isApproved())
                .isTrue();
        assertThat(engine.check(sell("5.001", "0", "0", "40000", "10000")).failed())
                .isEqualTo(RiskCheck.LEVERAGE);
        assertThat(engine.check(sell("1", "0", "0", "0", "0")).failed()).isEqualTo(RiskCheck.LEVERAGE);
    }

    @Test
    void reducingOrdersAreNotBlockedByPositionOrLeverageLimits() {
        // Far over every position and leverage limit: buying back 5 of a short 60 shrinks it and passes.
        assertThat(engine.check(buy("5", "-60", "-60", "400000", "1000")).isApproved())
                .isTrue();
    }

    @Test
    void killSwitchStopsTheVeryNextOrderAndResumeRestoresTrading() {
        OrderProposal order = sell("1", "0", "0", "0", "100000");
        assertThat(engine.check(order).isApproved()).isTrue();

        engine.halt("operator: keeper halt");

        assertThat(engine.state()).isEqualTo(TradingState.HALTED);
        assertThat(engine.check(order).failed()).isEqualTo(RiskCheck.HALTED);
        // Halted means nothing, not even reducing orders.
        assertThat(engine.check(buy("1", "-5", "-5", "10000", "100000")).failed())
                .isEqualTo(RiskCheck.HALTED);
        assertThat(engine.rebalancingAllowed()).isFalse();

        engine.resume("operator: keeper resume");
        assertThat(engine.check(order).isApproved()).isTrue();
        assertThat(events.changes)
                .extracting(RecordingRiskEvents.Change::to)
                .containsExactly(TradingState.HALTED, TradingState.ACTIVE);
        assertThat(events.changes.getFirst().reason()).contains("keeper halt");
    }

    @Test
    void killSwitchFromAnotherThreadTakesEffectForTheNextCheck() throws Exception {
        Thread operator = new Thread(() -> engine.halt("admin endpoint"));
        operator.start();
        operator.join();
        assertThat(engine.check(sell("1", "0", "0", "0", "100000")).failed()).isEqualTo(RiskCheck.HALTED);
    }

    @Test
    void reducingStateAllowsOnlyOrdersThatShrinkThePosition() {
        engine.reduceOnly("margin");
        assertThat(engine.state()).isEqualTo(TradingState.REDUCING);
        assertThat(engine.check(sell("1", "-5", "-5", "10000", "100000")).failed())
                .isEqualTo(RiskCheck.REDUCING_ONLY);
        assertThat(engine.check(sell("1", "0", "0", "0", "100000")).failed()).isEqualTo(RiskCheck.REDUCING_ONLY);
        assertThat(engine.check(buy("5", "-5", "-5", "10000", "100000")).isApproved())
                .isTrue();
        // Flipping a short of 5 into a long of 1 is not reducing.
        assertThat(engine.check(buy("6", "-5", "-5", "10000", "100000")).failed())
                .isEqualTo(RiskCheck.REDUCING_ONLY);
        // A rebalance would change the delta the hedge must follow: none while REDUCING.
        assertThat(engine.rebalancingAllowed()).isFalse();
    }

    @Test
    void emergencyExitStopsRebalancingAndAllowsOnlyClosingOrders() {
        engine.emergencyExit("operator");
        assertThat(engine.state()).isEqualTo(TradingState.REDUCING);
        assertThat(engine.rebalancingAllowed()).isFalse();
        assertThat(engine.check(buy("5", "-5", "-5", "10000", "100000")).isApproved())
                .isTrue();
        engine.resume("done");
        assertThat(engine.rebalancingAllowed()).isTrue();
    }

    @Test
    void dailyLossLimitMovesToTheConfiguredStateAndResetsTheNextDay() {
        engine.observeEquity(bd("50000"));
        clock.advance(Duration.ofHours(2));
        engine.observeEquity(bd("49000"));
        assertThat(engine.state()).isEqualTo(TradingState.ACTIVE); // a loss of exactly the limit is allowed
        engine.observeEquity(bd("48999.99"));
        assertThat(engine.state()).isEqualTo(TradingState.REDUCING);
        assertThat(events.alerts).singleElement().isInstanceOf(RiskAlert.DailyLossLimit.class);

        engine.resume("reviewed");
        clock.advance(Duration.ofHours(13)); // next UTC day: the first reading is the new reference
        engine.observeEquity(bd("40000"));
        engine.observeEquity(bd("39500"));
        assertThat(engine.state()).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void dailyLossCanHalt() {
        RiskEngine halting = new RiskEngine(
                new RiskLimits(
                        bd("1"),
                        bd("1"),
                        bd("1"),
                        bd("5"),
                        bd("0.15"),
                        bd("100"),
                        TradingState.HALTED,
                        bd("4"),
                        bd("3")),
                clock,
                events);
        halting.observeEquity(bd("1000"));
        halting.observeEquity(bd("850"));
        assertThat(halting.state()).isEqualTo(TradingState.HALTED);
    }

    @Test
    void liquidationDistanceBelowTheFloorRaisesAnAlertWithTransferAndReduction() {
        // Short 10 at mark 2000, liquidation 2200: 10 % away, floor 15 %.
        Position shortPosition = new Position("ETH", bd("-10"), MARK, bd("2200"), BigDecimal.ZERO, 5);
        List<RiskAlert> alerts = engine.watchVenue(
                "hl", new Margin(bd("10000"), bd("4000"), bd("6000")), List.of(shortPosition), Map.of("ETH", MARK));
        assertThat(alerts).singleElement().isInstanceOfSatisfying(RiskAlert.LiquidationNear.class, alert -> {
            assertThat(alert.distance()).isEqualByComparingTo("0.1");
            assertThat(alert.suggestedTransfer()).isEqualByComparingTo("1000"); // 5 % of 20k notional
            assertThat(alert.suggestedReduce())
                    .isEqualByComparingTo(new BigDecimal("10")
                            .subtract(new BigDecimal("10")
                                    .multiply(bd("0.1"))
                                    .divide(bd("0.15"), new java.math.MathContext(12))));
        });
        assertThat(events.alerts).hasSize(1);

        Position safe = new Position("ETH", bd("-10"), MARK, bd("2400"), BigDecimal.ZERO, 5);
        assertThat(engine.watchVenue(
                        "hl", new Margin(bd("10000"), bd("4000"), bd("6000")), List.of(safe), Map.of("ETH", MARK)))
                .isEmpty();
    }

    @Test
    void thinCollateralRaisesAnAlertWithTheTransferBackToTargetLeverage() {
        // 50k gross on 10k: 5x, above the 4x alert; back to 3x needs 50k/3 − 10k.
        Position big = new Position("ETH", bd("-25"), MARK, null, BigDecimal.ZERO, 5);
        List<RiskAlert> alerts = engine.watchVenue(
                "hl", new Margin(bd("10000"), bd("10000"), BigDecimal.ZERO), List.of(big), Map.of("ETH", MARK));
        assertThat(alerts).singleElement().isInstanceOfSatisfying(RiskAlert.CollateralLow.class, alert -> {
            assertThat(alert.leverage()).isEqualByComparingTo("5");
            assertThat(alert.suggestedTransfer()).isEqualByComparingTo("6666.67");
        });
        Position small = new Position("ETH", bd("-15"), MARK, null, BigDecimal.ZERO, 5);
        assertThat(engine.watchVenue(
                        "hl", new Margin(bd("10000"), bd("6000"), bd("4000")), List.of(small), Map.of("ETH", MARK)))
                .isEmpty();
    }

    private static RiskLimits limitsWithLeverage(String leverage) {
        return new RiskLimits(
                bd("1"),
                bd("1"),
                bd("1"),
                bd(leverage),
                bd("0.15"),
                bd("1"),
                TradingState.REDUCING,
                bd("0.5"),
                bd("0.25"));
    }

    private static OrderProposal sell(
            String size, String vaultPosition, String venuePosition, String gross, String account) {
        return proposal(Side.SELL, size, vaultPosition, venuePosition, gross, account);
    }

    private static OrderProposal buy(
            String size, String vaultPosition, String venuePosition, String gross, String account) {
        return proposal(Side.BUY, size, vaultPosition, venuePosition, gross, account);
    }

    private static OrderProposal proposal(
            Side side, String size, String vaultPosition, String venuePosition, String gross, String account) {
        OrderRequest order = new OrderRequest(
                "ETH",
                side,
                bd(size),
                null,
                OrderType.MARKET_IOC,
                false,
                ClientOrderId.of("test/" + side + "/" + size));
        return new OrderProposal(
                "vault", "hl", order, MARK, bd(vaultPosition), bd(venuePosition), bd(gross), bd(account));
    }

    private static BigDecimal bd(String value) {
        return new BigDecimal(value);
    }
}
