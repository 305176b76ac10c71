package io.yielddelta.keeper.venues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yielddelta.keeper.core.hedge.FailoverSettings;
import io.yielddelta.keeper.core.hedge.HedgeExecutor;
import io.yielddelta.keeper.core.hedge.HedgePlanner;
import io.yielddelta.keeper.core.hedge.HedgePreset;
import io.yielddelta.keeper.core.hedge.HedgeReconciler;
import io.yielddelta.keeper.core.hedge.HedgeResult;
import io.yielddelta.keeper.core.hedge.HedgeTrigger;
import io.yielddelta.keeper.core.hedge.InMemoryHedgeJournal;
import io.yielddelta.keeper.core.hedge.VaultExposure;
import io.yielddelta.keeper.core.hedge.VenueRouter;
import io.yielddelta.keeper.core.risk.RiskEngine;
import io.yielddelta.keeper.core.risk.RiskEvents;
import io.yielddelta.keeper.core.risk.RiskLimits;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.core.venue.UnknownOutcomeException;
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
        hyperliquid = new HyperliquidVenue(
                HyperliquidConfig.defaults(hyperliquidServer.restUrl(), hyperliquidServer.wsUrl(), false)
                        .withTimings(Duration.ofSeconds(5), Duration.ofSeconds(50), Duration.ofMillis(20)),
                signer,
                new OkHttpClient(),
                clock,
                HyperliquidRateLimiter.standard());
        DydxWallet wallet = DydxWallet.fromMnemonic(
                DydxVectors.key("KEY_3").path("mnemonic").asText());
        dydxServer = new FakeDydx(wallet.address());
        dydx = new DydxVenue(
                DydxConfig.defaults(
                                dydxServer.indexerUrl(), dydxServer.wsUrl(), dydxServer.nodeUrl(), FakeDydx.CHAIN_ID)
                        .withTimings(Duration.ofSeconds(5), Duration.ofMillis(50)),
                wallet,
                new OkHttpClient(),
                clock,
                new InMemoryHedgeJournal());
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
        return new OrderRequest(
                "BTC",
                Side.BUY,
                new BigDecimal("0.002"),
                new BigDecimal("49000"),
                OrderType.LIMIT_GTC,
                false,
                ClientOrderId.of(decision));
    }

    /**
     * The primary takes the hedge but its proxy answers 502: the outcome is unknown, so neither the marks that follow
     * nor a fail-over to the secondary may hedge the same exposure again; reconciliation by client id settles it.
     */
    @Test
    void anOrderThePrimaryTookButAnswered5xxIsHedgedOnceAcrossMarksAndAFailover() {
        RiskEngine risk = new RiskEngine(
                RiskLimits.withDefaults(
                        new BigDecimal("50000"),
                        new BigDecimal("200000"),
                        new BigDecimal("300000"),
                        new BigDecimal("5000")),
                clock,
                RiskEvents.NONE);
        InMemoryHedgeJournal journal = new InMemoryHedgeJournal();
        HedgeExecutor executor = new HedgeExecutor(
                new HedgePlanner(
                        HedgePreset.DELTA_NEUTRAL.settings(), risk.limits().maxOrderNotional()),
                risk,
                router,
                journal,
                clock,
                RiskEvents.NONE,
                null);
        HedgeReconciler reconciler = new HedgeReconciler(router, journal, risk);
        VaultExposure exposure = new VaultExposure(
                "0xvault",
                "BTC",
                new BigDecimal("97021"),
                new BigDecimal("0.01"),
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                new BigDecimal("1940.42"),
                0);

        hyperliquidServer.enqueue(new FakeHyperliquid.ApplyThenRespond(502, "Bad Gateway"));
        assertThat(executor.hedge(HedgeTrigger.mark(1), exposure, null).status())
                .isEqualTo(HedgeResult.Status.UNKNOWN_OUTCOME);
        assertThat(executor.hedge(HedgeTrigger.mark(2), exposure, null).status())
                .isEqualTo(HedgeResult.Status.WAITING_FOR_IN_FLIGHT);

        hyperliquidServer.outage(true);
        assertThat(router.positions("BTC"))
                .containsEntry("hyperliquid", BigDecimal.ZERO); // last known, before the order
        clock.advance(Duration.ofSeconds(35));
        router.positions("BTC");
        assertThat(router.failedOver()).isTrue();
        assertThat(executor.hedge(HedgeTrigger.mark(3), exposure, null).status())
                .isEqualTo(HedgeResult.Status.WAITING_FOR_IN_FLIGHT);
        assertThat(reconciler.reconcile("BTC").stillInFlight())
                .as("the primary cannot be asked yet")
                .isEqualTo(1);
        assertThat(dydxServer.broadcasts()).isEmpty();

        hyperliquidServer.outage(false);
        assertThat(reconciler.reconcile("BTC").resolved()).isEqualTo(1);
        assertThat(executor.hedge(HedgeTrigger.mark(4), exposure, null).status())
                .isEqualTo(HedgeResult.Status.NOTHING_TO_DO);
        assertThat(hyperliquid.positions())
                .singleElement()
                .satisfies(p -> assertThat(p.size()).isEqualByComparingTo("-0.01"));
        assertThat(dydx.positions()).isEmpty();
        assertThat(dydxServer.broadcasts()).isEmpty();
    }

    @Test
    void hedgesGoToTheSecondaryWhileThePrimaryAnswers503BeyondTheThresholdAndBackWhenItRecovers() {
        assertThat(router.place(buy("before")).clientId()).isEqualTo(ClientOrderId.of("before"));
        router.positions("BTC");
        int primaryOrders = hyperliquidServer.exchangeRequests().size();

        hyperliquidServer.outage(true);
        // An order answered 503 may stand or not: an unknown outcome, settled by client id, never a reason to fail
        // over.
        assertThatThrownBy(() -> router.place(buy("outage-1"))).isInstanceOf(UnknownOutcomeException.class);
        assertThat(router.failedOver()).isFalse();
        // Reads answered 503 are the venue being unavailable.
        assertThatThrownBy(() -> hyperliquid.positions()).isInstanceOf(VenueUnavailableException.class);
        router.positions("BTC");
        clock.advance(Duration.ofSeconds(20));
        router.positions("BTC");
        assertThat(router.failedOver())
                .as("20 s of 503s is under the 30 s threshold")
                .isFalse();

        clock.advance(Duration.ofSeconds(15));
        router.positions("BTC");
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
