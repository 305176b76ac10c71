package io.yielddelta.keeper.venues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yielddelta.keeper.core.hedge.FailoverSettings;
import io.yielddelta.keeper.core.hedge.VenueRouter;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.core.venue.VenueOrder;
import io.yielddelta.keeper.core.venue.VenueUnavailableException;
import io.yielddelta.keeper.venues.dydx.DydxConfig;
import io.yielddelta.keeper.venues.dydx.DydxVectors;
import io.yielddelta.keeper.venues.dydx.DydxVenue;
import io.yielddelta.keeper.venues.dydx.DydxWallet;
import io.yielddelta.keeper.venues.dydx.FakeDydx;
import io.yielddelta.keeper.venues.hyperliquid.FakeHyperliquid;
import io.yielddelta.keeper.venues.hyperliquid.HyperliquidConfig;
import io.yielddelta.keeper.venues.hyperliquid.HyperliquidRateLimiter;
import io.yielddelta.keeper.venues.hyperliquid.HyperliquidSigner;
import io.yielddelta.keeper.venues.hyperliquid.HyperliquidVenue;
import io.yielddelta.keeper.venues.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The global deployment's fail-over with the real clients: Hyperliquid (primary) whose local server answers 503 for
 * longer than the threshold, dYdX v4 (secondary) taking the hedge orders meanwhile, and the move back once the primary
 * answers again.
 */
class VenueFailoverTest {

    private static final String HL_KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
    private static final FailoverSettings SETTINGS =
            new FailoverSettings(Duration.ofSeconds(30), 3, Duration.ofSeconds(10));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T21:59:00Z"));
    private FakeHyperliquid hyperliquidServer;
    private FakeDydx dydxServer;
    private HyperliquidVenue hyperliquid;
    private DydxVenue dydx;
    private VenueRouter router;

    @BeforeEach
    void start() throws Exception {
        HyperliquidSigner signer = HyperliquidSigner.fromPrivateKey(HL_KEY);
        hyperliquidServer = new FakeHyperliquid(signer.address(), false);
        hyperliquid = new HyperliquidVenue(HyperliquidConfig.defaults(hyperliquidServer.restUrl(),
                        hyperliquidServer.wsUrl(), false).withTimings(Duration.ofSeconds(5), Duration.ofSeconds(50),
                        Duration.ofMillis(20)),
                signer, new OkHttpClient(), clock, HyperliquidRateLimiter.standard());
        DydxWallet wallet = DydxWallet.fromMnemonic(DydxVectors.key("KEY_3").path("mnemonic").asText());
        dydxServer = new FakeDydx(wallet.address());
        dydx = new DydxVenue(DydxConfig.defaults(dydxServer.indexerUrl(), dydxServer.wsUrl(), dydxServer.nodeUrl(),
                FakeDydx.CHAIN_ID).withTimings(Duration.ofSeconds(5), Duration.ofMillis(50)), wallet,
                new OkHttpClient(), clock);
        router = new VenueRouter(hyperliquid, dydx, SETTINGS, clock);
    }

    @AfterEach
    void stop() throws Exception {
        hyperliquid.close();
        dydx.close();
        hyperliquidServer.close();
        dydxServer.close();
    }

    private static OrderRequest buy(String decision) {
        return new OrderRequest("BTC", Side.BUY, new BigDecimal("0.002"), new BigDecimal("49000"), OrderType.LIMIT_GTC,
                false, ClientOrderId.of(decision));
    }

    @Test
    void hedgesGoToTheSecondaryWhileThePrimaryAnswers503BeyondTheThresholdAndBackWhenItRecovers() {
        assertThat(router.place(buy("before")).clientId()).isEqualTo(ClientOrderId.of("before"));
        int primaryOrders = hyperliquidServer.exchangeRequests().size();

        hyperliquidServer.outage(true);
        assertThatThrownBy(() -> router.place(buy("outage-1"))).isInstanceOf(VenueUnavailableException.class);
        clock.advance(Duration.ofSeconds(20));
        assertThatThrownBy(() -> router.place(buy("outage-2"))).isInstanceOf(VenueUnavailableException.class);
        assertThat(router.failedOver()).as("20 s of 503s is under the 30 s threshold").isFalse();

        clock.advance(Duration.ofSeconds(15));
        assertThatThrownBy(() -> router.place(buy("outage-3"))).isInstanceOf(VenueUnavailableException.class);
        assertThat(router.failedOver()).isTrue();
        VenueOrder onSecondary = router.place(buy("on-secondary"));
        assertThat(router.active().name()).isEqualTo(dydx.name());
        assertThat(dydxServer.broadcasts()).hasSize(1);
        assertThat(dydx.orderByClientId("BTC", onSecondary.clientId())).isPresent();
        assertThat(hyperliquidServer.exchangeRequests()).hasSize(primaryOrders);

        // Still down at the next probe: stays on the secondary.
        clock.advance(Duration.ofSeconds(11));
        assertThat(router.active().name()).isEqualTo(dydx.name());

        hyperliquidServer.outage(false);
        clock.advance(Duration.ofSeconds(11));
        assertThat(router.active().name()).isEqualTo(hyperliquid.name());
        router.place(buy("back-on-primary"));
        assertThat(hyperliquidServer.exchangeRequests()).hasSize(primaryOrders + 1);
        assertThat(dydxServer.broadcasts()).hasSize(1);
    }
}
