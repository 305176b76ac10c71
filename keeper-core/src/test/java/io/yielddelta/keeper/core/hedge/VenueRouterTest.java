package io.yielddelta.keeper.core.hedge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yielddelta.keeper.core.testing.InMemoryVenue;
import io.yielddelta.keeper.core.testing.MutableClock;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.core.venue.UnknownOutcomeException;
import io.yielddelta.keeper.core.venue.VenueUnavailableException;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VenueRouterTest {
    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private final InMemoryVenue primary = new InMemoryVenue("hyperliquid", "ETH", new BigDecimal("2000"));
    private final InMemoryVenue secondary = new InMemoryVenue("dydx", "ETH", new BigDecimal("2000"));
    private final VenueRouter router = new VenueRouter(
            primary, secondary, new FailoverSettings(Duration.ofSeconds(30), 3, Duration.ofSeconds(10)), clock);
    private int orders;

    @Test
    void staysOnThePrimaryWhileItFailsForLessThanTheThreshold() {
        primary.setDown(true);
        assertThatThrownBy(() -> router.place(order())).isInstanceOf(VenueUnavailableException.class);
        clock.advance(Duration.ofSeconds(29));
        assertThatThrownBy(() -> router.place(order())).isInstanceOf(VenueUnavailableException.class);
        assertThat(router.failedOver()).isFalse();
        assertThat(router.active()).isSameAs(primary);
    }

    @Test
    void failsOverWhenThePrimaryKeepsFailingLongerThanTheThresholdAndMovesBackWhenItRecovers() {
        primary.setDown(true);
        assertThatThrownBy(() -> router.place(order())).isInstanceOf(VenueUnavailableException.class);
        clock.advance(Duration.ofSeconds(30));
        assertThatThrownBy(() -> router.place(order())).isInstanceOf(VenueUnavailableException.class);

        assertThat(router.failedOver()).isTrue();
        router.place(order());
        assertThat(secondary.placed()).hasSize(1);

        clock.advance(Duration.ofSeconds(10)); // probe due, primary still down
        assertThat(router.active()).isSameAs(secondary);
        primary.setDown(false);
        clock.advance(Duration.ofSeconds(5)); // not yet due
        assertThat(router.active()).isSameAs(secondary);
        clock.advance(Duration.ofSeconds(5));
        assertThat(router.active()).isSameAs(primary);
        router.place(order());
        assertThat(primary.placed()).hasSize(1);
    }

    @Test
    void aSuccessResetsTheOutageClock() {
        primary.setDown(true);
        assertThatThrownBy(() -> router.place(order())).isInstanceOf(VenueUnavailableException.class);
        clock.advance(Duration.ofSeconds(20));
        primary.setDown(false);
        router.place(order());
        primary.setDown(true);
        clock.advance(Duration.ofSeconds(20));
        assertThatThrownBy(() -> router.place(order())).isInstanceOf(VenueUnavailableException.class);
        assertThat(router.failedOver()).isFalse();
    }

    @Test
    void failsOverAfterConsecutiveRejections() {
        primary.setRejecting(true);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> router.place(order())).isInstanceOf(OrderRejectedException.class);
        }
        assertThat(router.failedOver()).isFalse();
        assertThatThrownBy(() -> router.place(order())).isInstanceOf(OrderRejectedException.class);
        assertThat(router.failedOver()).isTrue();
    }

    @Test
    void anUnknownOutcomeNeverFailsOver() {
        primary.loseAnswersAfterActing(5);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> router.place(order())).isInstanceOf(UnknownOutcomeException.class);
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(router.failedOver()).isFalse();
    }

    @Test
    void anUnreachableVenueCountsWithItsLastKnownPositions() {
        primary.openOutsideKeeper("ETH", new BigDecimal("-4"));
        secondary.openOutsideKeeper("ETH", new BigDecimal("-1"));
        assertThat(router.positions("ETH"))
                .containsEntry("hyperliquid", new BigDecimal("-4"))
                .containsEntry("dydx", new BigDecimal("-1"));
        primary.setDown(true);
        assertThat(router.positions("ETH").get("hyperliquid")).isEqualByComparingTo("-4");
    }

    @Test
    void aVenueNeverReadCannotBeHedgedAround() {
        primary.setDown(true);
        assertThatThrownBy(() -> router.positions("ETH"))
                .isInstanceOf(VenueUnavailableException.class)
                .hasMessageContaining("never read");
    }

    private OrderRequest order() {
        return new OrderRequest(
                "ETH",
                Side.SELL,
                BigDecimal.ONE,
                new BigDecimal("1990"),
                OrderType.MARKET_IOC,
                false,
                ClientOrderId.of("router-test/" + orders++));
    }
}
