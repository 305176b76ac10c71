package io.yielddelta.keeper.venues.hyperliquid;

import io.yielddelta.keeper.core.hedge.HedgeJournal;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.venues.HedgeVenueContract;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class HyperliquidVenueContractTest extends HedgeVenueContract {

    private static final HyperliquidSigner SIGNER =
            HyperliquidSigner.fromPrivateKey("0x0123456789012345678901234567890123456789012345678901234567890123");
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_724_361_546_000L), ZoneOffset.UTC);

    private final List<HyperliquidVenue> clients = new ArrayList<>();
    private FakeHyperliquid fake;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeHyperliquid(SIGNER.address(), false);
        restarted(null);
    }

    @AfterEach
    void stop() {
        clients.forEach(HyperliquidVenue::close);
        fake.close();
    }

    @Override
    protected HedgeVenue venue() {
        return clients.getFirst();
    }

    /** Hyperliquid echoes the whole client id (cloid): no journal needed. */
    @Override
    protected HedgeVenue restarted(HedgeJournal journal) {
        HyperliquidConfig config = HyperliquidConfig.defaults(fake.restUrl(), fake.wsUrl(), false)
                .withTimings(Duration.ofSeconds(5), Duration.ofSeconds(50), Duration.ofMillis(20));
        HyperliquidVenue venue =
                new HyperliquidVenue(config, SIGNER, new OkHttpClient(), CLOCK, HyperliquidRateLimiter.standard());
        clients.add(venue);
        return venue;
    }

    @Override
    protected Market trading() {
        return new Market("ETH", new BigDecimal("0.01"), new BigDecimal("2900"), Side.SELL, new BigDecimal("2900"));
    }

    @Override
    protected boolean actOnNextOrderThenAnswer5xx() {
        fake.enqueue(new FakeHyperliquid.ApplyThenRespond(500, "Internal Server Error"));
        return true;
    }
}
