package io.yielddelta.keeper.core.hedge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.Side;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class HedgePlannerTest {
    static final Instrument ETH =
            new Instrument("ETH", new BigDecimal("0.1"), new BigDecimal("0.001"), BigDecimal.TEN, 20);
    static final BigDecimal PRICE = new BigDecimal("2000");
    // Delta 10 ETH in a vault worth 40 000: band 5 % = 1 ETH, inner band 1 % = 0.2 ETH.
    static final VaultExposure EXPOSURE = new VaultExposure(
            "0xvault",
            "ETH",
            PRICE,
            new BigDecimal("9"),
            new BigDecimal("0.75"),
            new BigDecimal("0.25"),
            new BigDecimal("40000"),
            -0.004);

    private final HedgePlanner deltaNeutral =
            new HedgePlanner(HedgePreset.DELTA_NEUTRAL.settings(), new BigDecimal("100000"));

    @Test
    void presetsSetTheHedgeRatio() {
        assertThat(HedgePreset.CONCENTRATED_LIQUIDITY.settings().hedgeRatio()).isZero();
        assertThat(HedgePreset.DELTA_NEUTRAL.settings().hedgeRatio()).isEqualByComparingTo("1");
        assertThat(HedgePreset.ARBITRAGE.settings().venueByFunding()).isTrue();
        assertThat(HedgePreset.DELTA_NEUTRAL.settings().band()).isEqualByComparingTo("0.05");
        assertThat(deltaNeutral.target(EXPOSURE, null)).isEqualByComparingTo("-10");
        assertThat(new HedgePlanner(HedgePreset.CONCENTRATED_LIQUIDITY.settings(), BigDecimal.ONE)
                        .target(EXPOSURE, null))
                .isZero();
    }

    @Test
    void settingsAreValidated() {
        HedgeSettings base = HedgePreset.DELTA_NEUTRAL.settings();
        assertThatThrownBy(() -> base.withBand(new BigDecimal("0.05"), new BigDecimal("0.05")))
                .hasMessageContaining("innerBand");
        assertThatThrownBy(() -> base.withBand(BigDecimal.ZERO, new BigDecimal("0.01")))
                .hasMessageContaining("band");
        assertThatThrownBy(() -> base.withHedgeRatio(new BigDecimal("2.01"))).hasMessageContaining("hedgeRatio");
        assertThatThrownBy(() -> base.withHedgeRatio(new BigDecimal("-0.1"))).hasMessageContaining("hedgeRatio");
        assertThat(new HedgePlanner(base.withHedgeRatio(new BigDecimal("0.5")), BigDecimal.ONE).target(EXPOSURE, null))
                .isEqualByComparingTo("-5");
    }

    @Test
    void everyVaultKindHasItsPreset() {
        for (io.yielddelta.keeper.core.vault.VaultKind kind : io.yielddelta.keeper.core.vault.VaultKind.values()) {
            assertThat(HedgePreset.of(kind).name()).isEqualTo(kind.name());
        }
    }

    @Test
    void withinTheBandOnAMarkUpdateNothingIsTraded() {
        HedgePlan plan = deltaNeutral.plan(HedgeTrigger.mark(1), situation(Map.of("hl", new BigDecimal("-9.001"))));
        assertThat(plan.band()).isEqualByComparingTo("1");
        assertThat(plan.trades()).isFalse();
    }

    @Test
    void outsideTheBandItTradesBackToTheTargetNotToTheBandEdge() {
        HedgePlan plan = deltaNeutral.plan(HedgeTrigger.mark(2), situation(Map.of("hl", new BigDecimal("-8.5"))));
        OrderRequest order = plan.orders().getFirst().request();
        assertThat(order.side()).isEqualTo(Side.SELL);
        assertThat(order.size()).isEqualByComparingTo("1.5");
        assertThat(order.reduceOnly()).isFalse();
        // Sell limit: 0.5 % under the mark, rounded up to the tick.
        assertThat(order.limitPrice()).isEqualByComparingTo("1990");
    }

    @Test
    void aRebalanceReHedgesBeyondTheInnerBandOnly() {
        Map<String, BigDecimal> position = Map.of("hl", new BigDecimal("-9.5"));
        assertThat(deltaNeutral.plan(HedgeTrigger.mark(3), situation(position)).trades())
                .isFalse();
        HedgePlan afterRebalance =
                deltaNeutral.plan(HedgeTrigger.rebalance("0xvault@2026-03-01T10:00Z"), situation(position));
        assertThat(afterRebalance.band()).isEqualByComparingTo("0.2");
        assertThat(afterRebalance.orders())
                .singleElement()
                .satisfies(o -> assertThat(o.request().size()).isEqualByComparingTo("0.5"));
        assertThat(deltaNeutral
                        .plan(HedgeTrigger.rebalance("c"), situation(Map.of("hl", new BigDecimal("-9.85"))))
                        .trades())
                .isFalse();
    }

    @Test
    void tooLongAHedgeIsBoughtBackReduceOnly() {
        HedgePlan plan = deltaNeutral.plan(HedgeTrigger.mark(4), situation(Map.of("hl", new BigDecimal("-12"))));
        OrderRequest order = plan.orders().getFirst().request();
        assertThat(order.side()).isEqualTo(Side.BUY);
        assertThat(order.size()).isEqualByComparingTo("2");
        assertThat(order.reduceOnly()).isTrue();
        assertThat(order.limitPrice()).isEqualByComparingTo("2010");
    }

    @Test
    void sizesAreRoundedDownToTheLotAndTinyRemaindersAreLeft() {
        Instrument coarse =
                new Instrument("ETH", new BigDecimal("0.1"), new BigDecimal("0.5"), new BigDecimal("1500"), 20);
        HedgeSituation situation = new HedgeSituation(
                EXPOSURE, Map.of("hl", new BigDecimal("-8.7")), "hl", Map.of("hl", coarse), false, null);
        HedgePlan plan = deltaNeutral.plan(HedgeTrigger.mark(5), situation);
        assertThat(plan.orders().getFirst().request().size()).isEqualByComparingTo("1"); // 1.3 rounded down
        // 0.7 off after a rebalance: 0.5 lot × 2000 = 1000 is under the 1500 minimum notional.
        HedgeSituation small = new HedgeSituation(
                EXPOSURE, Map.of("hl", new BigDecimal("-9.3")), "hl", Map.of("hl", coarse), false, null);
        HedgePlan none = deltaNeutral.plan(HedgeTrigger.rebalance("c"), small);
        assertThat(none.trades()).isFalse();
        assertThat(none.reason()).contains("minimum");
    }

    @Test
    void ordersAreCappedAtTheOrderNotionalLimit() {
        HedgePlanner capped = new HedgePlanner(HedgePreset.DELTA_NEUTRAL.settings(), new BigDecimal("5000"));
        HedgePlan plan = capped.plan(HedgeTrigger.rebalance("c1"), situation(Map.of()));
        OrderRequest order = plan.orders().getFirst().request();
        // 5000 / (2000 × 1.005) = 2.4875…, rounded down to 2.487.
        assertThat(order.size()).isEqualByComparingTo("2.487");
    }

    @Test
    void clientIdsDeriveFromTheDecision() {
        Map<String, BigDecimal> position = Map.of("hl", new BigDecimal("-5"));
        OrderRequest first = deltaNeutral
                .plan(HedgeTrigger.mark(7), situation(position))
                .orders()
                .getFirst()
                .request();
        OrderRequest again = deltaNeutral
                .plan(HedgeTrigger.mark(7), situation(position))
                .orders()
                .getFirst()
                .request();
        OrderRequest next = deltaNeutral
                .plan(HedgeTrigger.mark(8), situation(position))
                .orders()
                .getFirst()
                .request();
        assertThat(again.clientId()).isEqualTo(first.clientId());
        assertThat(next.clientId()).isNotEqualTo(first.clientId());
        assertThat(first.clientId().decisionId()).isEqualTo("0xvault/mark-7/hedge");
    }

    @Test
    void positionsOnEveryVenueCountTowardTheOneTarget() {
        Map<String, BigDecimal> positions = new LinkedHashMap<>();
        positions.put("hl", new BigDecimal("-6"));
        positions.put("dydx", new BigDecimal("-3.5"));
        HedgeSituation onSecondary = new HedgeSituation(EXPOSURE, positions, "dydx", Map.of("dydx", ETH), false, null);
        assertThat(deltaNeutral.plan(HedgeTrigger.mark(9), onSecondary).trades())
                .isFalse();
        HedgePlan rebalance = deltaNeutral.plan(HedgeTrigger.rebalance("c"), onSecondary);
        assertThat(rebalance.orders()).singleElement().satisfies(o -> {
            assertThat(o.venue()).isEqualTo("dydx");
            assertThat(o.request().size()).isEqualByComparingTo("0.5");
        });
    }

    @Test
    void consolidationClosesOtherVenuesAndHoldsTheHedgeOnTheActiveOne() {
        Map<String, BigDecimal> positions = new LinkedHashMap<>();
        positions.put("hl", new BigDecimal("-10"));
        positions.put("dydx", BigDecimal.ZERO);
        HedgeSituation switching =
                new HedgeSituation(EXPOSURE, positions, "dydx", Map.of("dydx", ETH, "hl", ETH), true, null);
        List<HedgeOrder> orders =
                deltaNeutral.plan(HedgeTrigger.mark(10), switching).orders();
        assertThat(orders).hasSize(2);
        assertThat(orders.get(0).venue()).isEqualTo("hl");
        assertThat(orders.get(0).request().side()).isEqualTo(Side.BUY);
        assertThat(orders.get(0).request().reduceOnly()).isTrue();
        assertThat(orders.get(0).request().size()).isEqualByComparingTo("10");
        assertThat(orders.get(1).venue()).isEqualTo("dydx");
        assertThat(orders.get(1).request().side()).isEqualTo(Side.SELL);
        assertThat(orders.get(1).request().size()).isEqualByComparingTo("10");
    }

    @Test
    void gammaAwareBandFollowsTheExpectedDeltaDriftWithinTheConfiguredBands() {
        HedgePlanner gammaAware =
                new HedgePlanner(HedgePreset.DELTA_NEUTRAL.settings().withGammaAware(true), new BigDecimal("100000"));
        // |gamma| × P × sigma × sqrt(h) = 0.004 × 2000 × 0.05 × 1 = 0.4 ETH, between 0.2 and 1.
        VolatilityForecast calm = new VolatilityForecast(0.05, 0, Duration.ofHours(1));
        assertThat(gammaAware.band(HedgeTrigger.mark(1), EXPOSURE, calm)).isEqualByComparingTo("0.4");
        VolatilityForecast wild = new VolatilityForecast(0.5, 0, Duration.ofHours(1));
        assertThat(gammaAware.band(HedgeTrigger.mark(1), EXPOSURE, wild)).isEqualByComparingTo("1");
        VolatilityForecast still = new VolatilityForecast(0.001, 0, Duration.ofHours(1));
        assertThat(gammaAware.band(HedgeTrigger.mark(1), EXPOSURE, still)).isEqualByComparingTo("0.2");
        // A forecast rise of 1 %/h over 2 h: delta falls by 0.004 × 2000 × 0.02 = 0.16, so the short is smaller.
        VolatilityForecast rising = new VolatilityForecast(0.05, 0.01, Duration.ofHours(2));
        assertThat(gammaAware.target(EXPOSURE, rising)).isEqualByComparingTo("-9.84");
        assertThat(deltaNeutral.target(EXPOSURE, rising)).isEqualByComparingTo("-10");
    }

    @Property(tries = 500)
    void ordersNeverExceedTheLimitAndAlwaysMoveTowardTheTarget(
            @ForAll @BigRange(min = "-50", max = "50") @Scale(4) BigDecimal delta,
            @ForAll @BigRange(min = "-60", max = "60") @Scale(3) BigDecimal position,
            @ForAll @BigRange(min = "100", max = "5000") @Scale(2) BigDecimal price,
            @ForAll @BigRange(min = "500", max = "200000") @Scale(0) BigDecimal maxOrderNotional,
            @ForAll @IntRange(min = 0, max = 3) int lotExponent,
            @ForAll boolean afterRebalance) {
        BigDecimal lot = BigDecimal.ONE.movePointLeft(lotExponent);
        Instrument instrument = new Instrument("ETH", new BigDecimal("0.01"), lot, BigDecimal.TEN, 20);
        BigDecimal value = delta.abs().multiply(price).multiply(BigDecimal.TWO).add(BigDecimal.ONE);
        VaultExposure exposure =
                new VaultExposure("v", "ETH", price, delta, BigDecimal.ZERO, BigDecimal.ZERO, value, -0.001);
        HedgePlanner planner = new HedgePlanner(HedgePreset.DELTA_NEUTRAL.settings(), maxOrderNotional);
        HedgeTrigger trigger = afterRebalance ? HedgeTrigger.rebalance("c") : HedgeTrigger.mark(1);
        HedgePlan plan = planner.plan(
                trigger,
                new HedgeSituation(exposure, Map.of("hl", position), "hl", Map.of("hl", instrument), false, null));

        BigDecimal before = plan.deviation();
        BigDecimal after = position;
        for (HedgeOrder order : plan.orders()) {
            OrderRequest request = order.request();
            BigDecimal notional = request.size().multiply(request.limitPrice().max(price));
            assertThat(notional).isLessThanOrEqualTo(maxOrderNotional);
            assertThat(request.size().remainder(lot)).isZero();
            assertThat(request.size().multiply(price)).isGreaterThanOrEqualTo(instrument.minNotional());
            after = after.add(HedgeVenue.signed(request.side(), request.size()));
        }
        BigDecimal deviationAfter = after.subtract(plan.target());
        if (plan.trades()) {
            assertThat(deviationAfter.abs()).isLessThan(before.abs());
            assertThat(deviationAfter.signum() * before.signum()).isGreaterThanOrEqualTo(0); // never crosses the target
        } else {
            assertThat(before.abs().compareTo(plan.band()) <= 0
                            || before.abs()
                                            .min(maxOrderNotional.divide(price, java.math.MathContext.DECIMAL64))
                                            .multiply(price)
                                            .compareTo(instrument.minNotional().add(lot.multiply(price)))
                                    < 0)
                    .as("no order only within the band or when less than a minimum order remains")
                    .isTrue();
        }
    }

    private static HedgeSituation situation(Map<String, BigDecimal> positions) {
        Map<String, BigDecimal> withHl = new LinkedHashMap<>(positions);
        withHl.putIfAbsent("hl", BigDecimal.ZERO);
        return new HedgeSituation(EXPOSURE, withHl, "hl", Map.of("hl", ETH, "dydx", ETH), false, null);
    }
}
