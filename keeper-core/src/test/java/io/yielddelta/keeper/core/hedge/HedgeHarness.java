package io.yielddelta.keeper.core.hedge;

import io.yielddelta.keeper.core.risk.RiskEngine;
import io.yielddelta.keeper.core.risk.RiskLimits;
import io.yielddelta.keeper.core.testing.InMemoryVenue;
import io.yielddelta.keeper.core.testing.MutableClock;
import io.yielddelta.keeper.core.testing.RecordingRiskEvents;
import java.math.BigDecimal;
import java.time.Duration;

/** One delta-neutral vault hedged on a primary and a secondary in-memory venue, with a real risk engine and journal. */
final class HedgeHarness {
    static final BigDecimal PRICE = new BigDecimal("2000");

    final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    final RecordingRiskEvents events = new RecordingRiskEvents();
    final InMemoryVenue primary = new InMemoryVenue("hyperliquid", "ETH", PRICE);
    final InMemoryVenue secondary = new InMemoryVenue("dydx", "ETH", PRICE);
    final RiskEngine risk = new RiskEngine(
            RiskLimits.withDefaults(
                    new BigDecimal("50000"),
                    new BigDecimal("200000"),
                    new BigDecimal("300000"),
                    new BigDecimal("5000")),
            clock,
            events);
    final VenueRouter router = new VenueRouter(
            primary, secondary, new FailoverSettings(Duration.ofSeconds(30), 3, Duration.ofSeconds(10)), clock);
    final InMemoryHedgeJournal journal = new InMemoryHedgeJournal();
    final HedgeExecutor executor;
    final HedgeReconciler reconciler = new HedgeReconciler(router, journal, risk);
    private long sequence;

    HedgeHarness(HedgeSettings settings, FundingVenueSelector selector) {
        executor = new HedgeExecutor(
                new HedgePlanner(settings, risk.limits().maxOrderNotional()),
                risk,
                router,
                journal,
                clock,
                events,
                selector);
    }

    HedgeHarness() {
        this(HedgePreset.DELTA_NEUTRAL.settings(), null);
    }

    /** A vault with the given delta, worth 40 000. */
    static VaultExposure exposure(String delta) {
        return new VaultExposure(
                "0xvault",
                "ETH",
                PRICE,
                new BigDecimal(delta),
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                new BigDecimal("40000"),
                -0.004);
    }

    HedgeResult onMark(String delta) {
        return executor.hedge(HedgeTrigger.mark(++sequence), exposure(delta), null);
    }

    BigDecimal totalHedge() {
        return primary.position("ETH").add(secondary.position("ETH"));
    }
}
