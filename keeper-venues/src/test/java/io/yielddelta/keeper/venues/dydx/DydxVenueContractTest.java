package io.yielddelta.keeper.venues.dydx;

import io.yielddelta.keeper.core.hedge.HedgeJournal;
import io.yielddelta.keeper.core.hedge.InMemoryHedgeJournal;
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
import mockwebserver3.MockResponse;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class DydxVenueContractTest extends HedgeVenueContract {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T21:59:00Z"), ZoneOffset.UTC);

    private final List<DydxVenue> clients = new ArrayList<>();
    private DydxWallet wallet;
    private FakeDydx fake;

    @BeforeEach
    void start() throws Exception {
        wallet = DydxWallet.fromMnemonic(
                DydxVectors.key("KEY_3").path("mnemonic").asText());
        fake = new FakeDydx(wallet.address());
        restarted(new InMemoryHedgeJournal());
    }

    @AfterEach
    void stop() throws Exception {
        clients.forEach(DydxVenue::close);
        fake.close();
    }

    @Override
    protected HedgeVenue venue() {
        return clients.getFirst();
    }

    @Override
    protected HedgeVenue restarted(HedgeJournal journal) {
        DydxConfig config = DydxConfig.defaults(fake.indexerUrl(), fake.wsUrl(), fake.nodeUrl(), FakeDydx.CHAIN_ID)
                .withTimings(Duration.ofSeconds(5), Duration.ofMillis(50));
        DydxVenue venue = new DydxVenue(config, wallet, new OkHttpClient(), CLOCK, journal);
        clients.add(venue);
        return venue;
    }

    @Override
    protected Market trading() {
        return new Market("BTC", new BigDecimal("0.001"), new BigDecimal("49000"), Side.BUY, new BigDecimal("51000"));
    }

    @Override
    protected boolean actOnNextOrderThenAnswer5xx() {
        fake.enqueue(FakeDydx.Fault.acceptBroadcastThenRespond(
                new MockResponse.Builder().code(502).body("Bad Gateway").build()));
        return true;
    }
}
