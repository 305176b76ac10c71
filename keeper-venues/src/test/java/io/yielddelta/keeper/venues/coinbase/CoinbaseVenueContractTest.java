package io.yielddelta.keeper.venues.coinbase;

import io.yielddelta.keeper.core.hedge.HedgeJournal;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.venues.HedgeVenueContract;
import io.yielddelta.keeper.venues.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class CoinbaseVenueContractTest extends HedgeVenueContract {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    private final List<CoinbaseVenue> clients = new ArrayList<>();
    private FakeCoinbase coinbase;

    @BeforeEach
    void start() throws Exception {
        coinbase = new FakeCoinbase(clock);
        restarted(null);
    }

    @AfterEach
    void stop() throws Exception {
        clients.forEach(CoinbaseVenue::close);
        coinbase.close();
    }

    @Override
    protected HedgeVenue venue() {
        return clients.getFirst();
    }

    /** Coinbase echoes the whole client id (client_order_id): no journal needed. */
    @Override
    protected HedgeVenue restarted(HedgeJournal journal) {
        CoinbaseConfig config = CoinbaseConfig.production(
                        CoinbaseConfig.Derivatives.INTX, FakeCoinbase.PORTFOLIO, Map.of("ETH", FakeCoinbase.PRODUCT))
                .withEndpoints(coinbase.restUrl(), coinbase.wsUrl())
                .withTimings(Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofSeconds(30));
        CoinbaseVenue venue = new CoinbaseVenue(config, CoinbaseVectors.es256Key(), new OkHttpClient(), clock);
        clients.add(venue);
        return venue;
    }

    @Override
    protected Market trading() {
        return new Market("ETH", new BigDecimal("0.01"), new BigDecimal("2900"), Side.BUY, null);
    }

    @Override
    protected boolean actOnNextOrderThenAnswer5xx() {
        coinbase.answerOnceAfterActing("POST /api/v3/brokerage/orders", 503, "error-internal.json");
        return true;
    }
}
