package io.yielddelta.keeper.venues.coinbase;

import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.venues.coinbase.dto.Product;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Build + sign time of one Coinbase order, from the keeper's {@link OrderRequest} to the JSON body of POST
 * /api/v3/brokerage/orders and its bearer JWT: size and price rounding, JSON body, JWT header and claims (fresh
 * 32-byte nonce from SecureRandom) and the ES256 (JOSE r‖s) or EdDSA signature. Keys are the SDK's public test keys.
 * No I/O. Run (keeper-core installed): {@code ./mvnw -q -pl keeper-venues -Pbench verify -DskipTests
 * -Dbench=CoinbaseOrderBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CoinbaseOrderBenchmark {

    private static final String KEY_NAME = "organizations/test-organization/apiKeys/test-api-key";
    private static final String ES256_PEM = """
            -----BEGIN EC PRIVATE KEY-----
            MHcCAQEEIKwf3Uox30cRWzRBOPoPOH5p0Gpb0Dt8zUKXUEM5fMkGoAoGCCqGSM49
            AwEHoUQDQgAEbAtpLlSZYVOwYICz+uEyxcS29vRIujiES/gQ1DC7FV4zK4JuYE9v
            qDyGZQYjdXHLM7I6f/QnnOITL+dXYWBHRA==
            -----END EC PRIVATE KEY-----
            """;
    private static final String ED25519_SEED = "k0BUni0p0vZG1BdpVjS6ogBJ7kxm630AJ2dN+tuputA=";

    private CdpJwtSigner es256;
    private CdpJwtSigner ed25519;
    private Product product;
    private OrderRequest limitOrder;

    @Setup
    public void setUp() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T22:00:00Z"), ZoneOffset.UTC);
        es256 = new CdpJwtSigner(CdpKey.load(KEY_NAME, ES256_PEM), clock);
        ed25519 = new CdpJwtSigner(CdpKey.load(KEY_NAME, ED25519_SEED), clock);
        product = new Product(
                "ETH-PERP-INTX",
                "3012.55",
                "0.0001",
                "0.01",
                "0.0001",
                "10000",
                "10",
                "0.01",
                "3012.545",
                "FUTURE",
                false,
                null);
        limitOrder = new OrderRequest(
                "ETH",
                Side.BUY,
                new BigDecimal("0.50004"),
                new BigDecimal("2999.123"),
                OrderType.LIMIT_GTC,
                false,
                ClientOrderId.of("vault-a/2026-11-23T22:00Z/hedge"));
    }

    @Benchmark
    public void buildAndSignOrderEs256(Blackhole out) {
        buildAndSign(es256, out);
    }

    @Benchmark
    public void buildAndSignOrderEd25519(Blackhole out) {
        buildAndSign(ed25519, out);
    }

    private void buildAndSign(CdpJwtSigner signer, Blackhole out) {
        CoinbaseRequest request = CoinbaseOrders.orderCall(limitOrder, product, BigDecimal.ONE, "CROSS", 5);
        out.consume(request.body());
        out.consume(signer.restToken(request.method(), "api.coinbase.com", request.path()));
    }
}
