package io.yielddelta.keeper.venues.coinbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.Margin;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.core.venue.VenueOrder;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** US perpetual-style futures (CFM): sizes in contracts, positions and balance summary of the FCM account. */
class CoinbaseCfmTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/api/v3/brokerage";
    private static final String PRODUCT = "ETP-20DEC30-CDE";

    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private MockWebServer server;
    private CoinbaseVenue venue;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                String path = request.getUrl().encodedPath();
                String fixture = switch (request.getMethod() + " " + path) {
                    case "GET " + PREFIX + "/products/" + PRODUCT -> "product-etp-cfm.json";
                    case "GET " + PREFIX + "/cfm/positions" -> "cfm-positions.json";
                    case "GET " + PREFIX + "/cfm/balance_summary" -> "cfm-balance-summary.json";
                    case "POST " + PREFIX + "/orders" -> "create-order-success.json";
                    case "GET " + PREFIX + "/orders/historical/11111-00000-000000" -> "order.json";
                    default -> null;
                };
                if (fixture == null) {
                    return new MockResponse.Builder()
                            .code(404)
                            .body("{\"error\":\"NOT_FOUND\"}")
                            .build();
                }
                return new MockResponse.Builder()
                        .code(200)
                        .body(FakeCoinbase.fixture(fixture).toString())
                        .build();
            }
        });
        server.start();
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
        CoinbaseConfig config = CoinbaseConfig.production(CoinbaseConfig.Derivatives.CFM, null, Map.of("ETH", PRODUCT))
                .withEndpoints(server.url("/").toString().replaceAll("/$", ""), "ws://127.0.0.1:9/unused")
                .withTimings(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30));
        venue = new CoinbaseVenue(config, CoinbaseVectors.es256Key(), new OkHttpClient(), clock);
    }

    @AfterEach
    void stop() throws Exception {
        venue.close();
        server.close();
    }

    @Test
    void instrumentIsInBaseUnitsThroughTheContractSize() {
        Instrument eth = venue.instrument("ETH");
        assertThat(eth.lotSize()).isEqualByComparingTo("0.1"); // one contract of 0.1 ETH
        assertThat(eth.tickSize()).isEqualByComparingTo("0.5");
        assertThat(eth.minNotional()).isEqualByComparingTo("301.25"); // 1 contract × 0.1 × 3012.5
        assertThat(eth.maxLeverage()).isEqualTo(10);
    }

    @Test
    void orderSizeIsSentInContractsRoundedDown() throws Exception {
        venue.place(new OrderRequest(
                "ETH",
                Side.SELL,
                new BigDecimal("2.57"),
                null,
                OrderType.MARKET_IOC,
                false,
                ClientOrderId.of("cfm-hedge")));
        RecordedRequest post = requests.stream()
                .filter(r -> r.getMethod().equals("POST"))
                .findFirst()
                .orElseThrow();
        JsonNode body = JSON.readTree(post.getBody().utf8());
        assertThat(body.path("product_id").asText()).isEqualTo(PRODUCT);
        assertThat(body.path("order_configuration")
                        .path("market_market_ioc")
                        .path("base_size")
                        .asText())
                .isEqualTo("25");
        assertThat(body.path("order_configuration").path("market_market_ioc").has("quote_size"))
                .isFalse();

        assertThatThrownBy(() -> venue.place(new OrderRequest(
                        "ETH",
                        Side.SELL,
                        new BigDecimal("0.05"),
                        null,
                        OrderType.MARKET_IOC,
                        false,
                        ClientOrderId.of("too-small"))))
                .isInstanceOf(OrderRejectedException.class)
                .hasMessageContaining("below one increment");
    }

    @Test
    void ordersReadBackInBaseUnits() {
        VenueOrder order = venue.orderByVenueId("ETH", "11111-00000-000000").orElseThrow();
        assertThat(order.size()).isEqualByComparingTo("0.0001"); // 0.001 contracts × 0.1
        assertThat(order.clientId()).as("not a keeper client id").isNull();
    }

    @Test
    void positionsAndMarginComeFromTheFcmAccount() {
        Position position = venue.positions().get(0);
        assertThat(position.market()).isEqualTo("ETH");
        assertThat(position.size()).isEqualByComparingTo("-2.5"); // SHORT 25 contracts × 0.1
        assertThat(position.entryPrice()).isEqualByComparingTo("3040");
        assertThat(position.unrealizedPnl()).isEqualByComparingTo("68.75");

        Margin margin = venue.margin();
        assertThat(margin.accountValue()).isEqualByComparingTo("10068.75");
        assertThat(margin.marginUsed()).isEqualByComparingTo("1506.25");
        assertThat(margin.withdrawable()).isEqualByComparingTo("8562.50");
    }
}
