package io.yielddelta.keeper.venues.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.Fill;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.Margin;
import io.yielddelta.keeper.core.venue.MarkPrice;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderStatus;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.core.venue.VenueOrder;
import io.yielddelta.keeper.venues.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaperVenueTest {

    private static final Instant START = Instant.parse("2026-11-23T10:30:00Z");
    private static final Instrument ETH =
            new Instrument("ETH", new BigDecimal("0.01"), new BigDecimal("0.001"), new BigDecimal("10"), 10);

    private final Clock clock = Clock.fixed(START, ZoneOffset.UTC);
    private final List<Instant> fundingHoursAsked = new ArrayList<>();

    /** Taker 5 bps, maker 2 bps, slippage 10 bps, 10,000 USDC, leverage 5; funding 0.01 % per hour. */
    private PaperVenue venue(BigDecimal fundingRate) {
        PaperVenue venue = new PaperVenue(
                new PaperConfig(
                        List.of(ETH),
                        new BigDecimal("5"),
                        new BigDecimal("2"),
                        new BigDecimal("10"),
                        new BigDecimal("10000"),
                        5),
                (market, hour) -> {
                    fundingHoursAsked.add(hour);
                    return fundingRate;
                },
                clock);
        venue.setMark("ETH", new BigDecimal("3000"));
        return venue;
    }

    private PaperVenue venue() {
        return venue(new BigDecimal("0.0001"));
    }

    @Test
    void marketBuyFillsAtMarkPlusSlippageAndPaysTheTakerFee() {
        PaperVenue venue = venue();
        List<Fill> fills = new ArrayList<>();
        venue.subscribeFills(fills::add);

        VenueOrder order = venue.place(market(Side.BUY, "2", "buy-1"));

        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        // 3000 × (1 + 10 bps) = 3003; fee 5 bps of 2 × 3003 = 3.003
        assertThat(order.averageFillPrice()).isEqualByComparingTo("3003");
        assertThat(fills).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualByComparingTo("3003");
            assertThat(f.fee()).isEqualByComparingTo("3.003");
            assertThat(f.time()).isEqualTo(START);
        });
        Position position = venue.positions().get(0);
        assertThat(position.size()).isEqualByComparingTo("2");
        assertThat(position.entryPrice()).isEqualByComparingTo("3003");
        assertThat(position.unrealizedPnl()).isEqualByComparingTo("-6"); // (3000 − 3003) × 2
        // account value: 10,000 − 3.003 fee − 6 unrealised
        assertThat(venue.margin().accountValue()).isEqualByComparingTo("9990.997");
    }

    @Test
    void marketSellSlipsDownAndRealisedPnlReachesCollateral() {
        PaperVenue venue = venue();
        venue.place(market(Side.BUY, "1", "open"));
        venue.setMark("ETH", new BigDecimal("3100"));
        VenueOrder close = venue.place(new OrderRequest(
                "ETH", Side.SELL, BigDecimal.ONE, null, OrderType.MARKET_IOC, true, ClientOrderId.of("close")));

        assertThat(close.averageFillPrice()).isEqualByComparingTo("3096.9"); // 3100 × (1 − 10 bps)
        assertThat(venue.positions()).isEmpty();
        // realised 3096.9 − 3003 = 93.9; fees 1.5015 + 1.54845
        assertThat(venue.margin().accountValue()).isEqualByComparingTo("10090.85005");
        assertThat(venue.feesPaid()).isEqualByComparingTo("3.04995");
        // What the two taking fills cost against the mark: 3 on the buy, 3.1 on the sell.
        assertThat(venue.slippagePaid()).isEqualByComparingTo("6.1");
        assertThat(venue.startingCollateral()).isEqualByComparingTo("10000");
    }

    @Test
    void restingOrdersFilledByTheMarkPayNoSlippageAndLeaveTheOpenOrders() {
        PaperVenue venue = venue();
        venue.place(limit(Side.BUY, "1", "2900", OrderType.LIMIT_GTC, "rest"));
        assertThat(venue.openOrders()).hasSize(1);
        venue.setMark("ETH", new BigDecimal("2890"));
        assertThat(venue.openOrders()).isEmpty();
        assertThat(venue.slippagePaid()).isZero();
        assertThat(venue.name()).isEqualTo("paper");
        assertThat(new PaperVenue(
                                "dydx-paper",
                                new PaperConfig(
                                        List.of(ETH),
                                        BigDecimal.ONE,
                                        BigDecimal.ONE,
                                        BigDecimal.ONE,
                                        BigDecimal.TEN,
                                        1),
                                FundingRates.constant(BigDecimal.ZERO),
                                clock)
                        .name())
                .isEqualTo("dydx-paper");
    }

    @Test
    void slippageNeverGoesPastTheOrdersLimit() {
        VenueOrder order = venue().place(new OrderRequest(
                "ETH",
                Side.BUY,
                BigDecimal.ONE,
                new BigDecimal("3001"),
                OrderType.MARKET_IOC,
                false,
                ClientOrderId.of("capped")));
        assertThat(order.averageFillPrice()).isEqualByComparingTo("3001");
    }

    @Test
    void restingLimitFillsAtItsPriceAsMakerWhenTheMarkCrosses() {
        PaperVenue venue = venue();
        List<Fill> fills = new ArrayList<>();
        venue.subscribeFills(fills::add);
        VenueOrder resting = venue.place(limit(Side.BUY, "1", "2950", OrderType.LIMIT_GTC, "bid"));
        assertThat(resting.status()).isEqualTo(OrderStatus.OPEN);

        venue.setMark("ETH", new BigDecimal("2960"));
        assertThat(fills).isEmpty();
        venue.setMark("ETH", new BigDecimal("2940"));

        assertThat(fills).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualByComparingTo("2950");
            assertThat(f.fee()).isEqualByComparingTo("0.59"); // 2 bps of 2950
        });
        assertThat(venue.orderByVenueId("ETH", resting.venueOrderId())
                        .orElseThrow()
                        .status())
                .isEqualTo(OrderStatus.FILLED);
        assertThat(venue.openOrders()).isEmpty();
    }

    @Test
    void marketableLimitTakesAtOnce() {
        VenueOrder order = venue().place(limit(Side.SELL, "1", "2990", OrderType.LIMIT_GTC, "take"));
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(order.averageFillPrice()).isEqualByComparingTo("2997"); // mark − 10 bps, better than the limit
    }

    @Test
    void postOnlyThatWouldCrossIsRejectedAndOneThatRestsIsKept() {
        PaperVenue venue = venue();
        assertThatThrownBy(() -> venue.place(limit(Side.BUY, "1", "3000", OrderType.POST_ONLY, "cross")))
                .isInstanceOf(OrderRejectedException.class)
                .hasMessageContaining("post-only");
        assertThat(venue.place(limit(Side.BUY, "1", "2999.99", OrderType.POST_ONLY, "rest"))
                        .status())
                .isEqualTo(OrderStatus.OPEN);
    }

    @Test
    void reduceOnlyIsRefusedWhenItWouldGrowOrFlipAndRestingOnesStopAtFlat() {
        PaperVenue venue = venue();
        assertThatThrownBy(() -> venue.place(reduceOnlyMarket(Side.SELL, "1", "nothing-to-reduce")))
                .isInstanceOf(OrderRejectedException.class);
        venue.place(market(Side.BUY, "1", "long"));
        assertThatThrownBy(() -> venue.place(reduceOnlyMarket(Side.BUY, "0.5", "grow")))
                .isInstanceOf(OrderRejectedException.class)
                .hasMessageContaining("would not reduce");
        assertThatThrownBy(() -> venue.place(reduceOnlyMarket(Side.SELL, "1.5", "flip")))
                .isInstanceOf(OrderRejectedException.class);

        VenueOrder restingReduce = venue.place(new OrderRequest(
                "ETH",
                Side.SELL,
                BigDecimal.ONE,
                new BigDecimal("3200"),
                OrderType.LIMIT_GTC,
                true,
                ClientOrderId.of("take-profit")));
        venue.place(reduceOnlyMarket(Side.SELL, "0.6", "partial-close"));
        venue.setMark("ETH", new BigDecimal("3250"));

        VenueOrder after =
                venue.orderByVenueId("ETH", restingReduce.venueOrderId()).orElseThrow();
        assertThat(after.filledSize()).isEqualByComparingTo("0.4");
        assertThat(after.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(venue.positions()).isEmpty();
    }

    @Test
    void leverageCapsExposureAndTheInstrumentCapsLeverage() {
        PaperVenue venue = venue();
        // 10,000 × 5 = 50,000 of exposure: 16 ETH at 3000 = 48,000 fits, 17 does not
        assertThatThrownBy(() -> venue.place(market(Side.BUY, "17", "too-big")))
                .isInstanceOf(OrderRejectedException.class)
                .hasMessageContaining("insufficient margin");
        assertThat(venue.place(market(Side.BUY, "16", "fits")).status()).isEqualTo(OrderStatus.FILLED);
        Margin margin = venue.margin();
        assertThat(margin.marginUsed()).isEqualByComparingTo("9600"); // 16 × 3000 / 5
        assertThat(venue.positions().get(0).leverage()).isEqualTo(5);

        assertThatThrownBy(() -> venue.setLeverage("ETH", 11)).isInstanceOf(OrderRejectedException.class);
        venue.setLeverage("ETH", 10);
        assertThat(venue.margin().marginUsed()).isEqualByComparingTo("4800");
        assertThat(venue.place(market(Side.BUY, "10", "more")).status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void positiveFundingMakesLongsPayAtEachWholeHour() {
        PaperVenue venue = venue();
        venue.place(market(Side.BUY, "2", "long"));
        BigDecimal before = venue.margin().accountValue();

        venue.advanceTo(Instant.parse("2026-11-23T12:59:59Z")); // 11:00 and 12:00

        assertThat(fundingHoursAsked)
                .containsExactly(Instant.parse("2026-11-23T11:00:00Z"), Instant.parse("2026-11-23T12:00:00Z"));
        // 2 × 3000 × 0.0001 = 0.6 per hour
        assertThat(venue.fundingPaid()).isEqualByComparingTo("1.2");
        assertThat(venue.margin().accountValue()).isEqualByComparingTo(before.subtract(new BigDecimal("1.2")));
    }

    @Test
    void positiveFundingPaysShortsAndNegativeFundingPaysLongs() {
        PaperVenue shortVenue = venue();
        shortVenue.place(market(Side.SELL, "1", "short"));
        shortVenue.advanceTo(Instant.parse("2026-11-23T11:00:00Z"));
        assertThat(shortVenue.fundingPaid()).isEqualByComparingTo("-0.3");

        PaperVenue longVenue = venue(new BigDecimal("-0.0002"));
        longVenue.place(market(Side.BUY, "1", "long"));
        longVenue.advanceTo(Instant.parse("2026-11-23T11:00:00Z"));
        assertThat(longVenue.fundingPaid()).isEqualByComparingTo("-0.6");
        assertThat(longVenue.fundingRate("ETH").ratePerHour()).isEqualByComparingTo("-0.0002");
    }

    @Test
    void fundingAlsoFollowsTheInjectedClock() {
        MutableClock moving = new MutableClock(START);
        PaperVenue venue = new PaperVenue(
                new PaperConfig(
                        List.of(ETH), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("10000"), 5),
                FundingRates.constant(new BigDecimal("0.0001")),
                moving);
        venue.setMark("ETH", new BigDecimal("3000"));
        venue.place(market(Side.SELL, "1", "short"));

        moving.advance(Duration.ofMinutes(29));
        assertThat(venue.margin().accountValue()).isEqualByComparingTo("10000");
        moving.advance(Duration.ofMinutes(1)); // 11:00
        assertThat(venue.margin().accountValue()).isEqualByComparingTo("10000.3"); // the short receives 0.3
    }

    @Test
    void timeCannotGoBack() {
        PaperVenue venue = venue();
        assertThatThrownBy(() -> venue.advanceTo(START.minusSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void placingTheSameClientIdTwiceReturnsTheFirstOrder() {
        PaperVenue venue = venue();
        VenueOrder first = venue.place(limit(Side.BUY, "1", "2900", OrderType.LIMIT_GTC, "same"));
        VenueOrder second = venue.place(limit(Side.BUY, "1", "2900", OrderType.LIMIT_GTC, "same"));
        assertThat(second.venueOrderId()).isEqualTo(first.venueOrderId());
        assertThat(venue.openOrders()).hasSize(1);
        assertThat(venue.orderByClientId("ETH", ClientOrderId.of("same"))).contains(first);
    }

    @Test
    void cancelEndsARestingOrderOnce() {
        PaperVenue venue = venue();
        VenueOrder order = venue.place(limit(Side.BUY, "1", "2900", OrderType.LIMIT_GTC, "c"));
        venue.cancelByClientId("ETH", ClientOrderId.of("c"));
        assertThat(venue.orderByVenueId("ETH", order.venueOrderId())
                        .orElseThrow()
                        .status())
                .isEqualTo(OrderStatus.CANCELED);
        assertThatThrownBy(() -> venue.cancel("ETH", order.venueOrderId())).isInstanceOf(OrderRejectedException.class);
        venue.setMark("ETH", new BigDecimal("2800"));
        assertThat(venue.fillsSince(START)).isEmpty();
    }

    @Test
    void markSubscriptionDeliversSynchronouslyUntilClosed() {
        PaperVenue venue = venue();
        List<MarkPrice> marks = new ArrayList<>();
        var subscription = venue.subscribeMarkPrices("ETH", marks::add);
        venue.setMark("ETH", new BigDecimal("3010"));
        assertThat(marks).extracting(MarkPrice::mark).containsExactly(new BigDecimal("3010"));
        subscription.close();
        venue.setMark("ETH", new BigDecimal("3020"));
        assertThat(marks).hasSize(1);
    }

    @Test
    void unknownMarketIsRejected() {
        PaperVenue venue = venue();
        assertThatThrownBy(() -> venue.place(new OrderRequest(
                        "BTC", Side.BUY, BigDecimal.ONE, null, OrderType.MARKET_IOC, false, ClientOrderId.of("btc"))))
                .isInstanceOf(OrderRejectedException.class);
    }

    private static OrderRequest market(Side side, String size, String id) {
        return new OrderRequest(
                "ETH", side, new BigDecimal(size), null, OrderType.MARKET_IOC, false, ClientOrderId.of(id));
    }

    private static OrderRequest reduceOnlyMarket(Side side, String size, String id) {
        return new OrderRequest(
                "ETH", side, new BigDecimal(size), null, OrderType.MARKET_IOC, true, ClientOrderId.of(id));
    }

    private static OrderRequest limit(Side side, String size, String price, OrderType type, String id) {
        return new OrderRequest(
                "ETH", side, new BigDecimal(size), new BigDecimal(price), type, false, ClientOrderId.of(id));
    }
}
