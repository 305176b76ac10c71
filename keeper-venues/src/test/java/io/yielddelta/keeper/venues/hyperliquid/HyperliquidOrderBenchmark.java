package io.yielddelta.keeper.venues.hyperliquid;

import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.Side;
import java.math.BigDecimal;
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

/**
 * Build + sign time of one Hyperliquid order, from the keeper's {@link OrderRequest} to the JSON body of POST
 * /exchange: number rounding and wire strings, msgpack, keccak connection id, EIP-712 digest, secp256k1 signature
 * (RFC 6979, low-s) and JSON. No I/O. Run (keeper-core installed): {@code ./mvnw -q -pl keeper-venues -Pbench
 * verify -DskipTests -Dbench=HyperliquidOrderBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HyperliquidOrderBenchmark {

    private static final String TEST_KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";

    private HyperliquidRequestSigner requests;
    private OrderRequest limitOrder;
    private long nonce;

    @Setup
    public void setUp() {
        requests = new HyperliquidRequestSigner(HyperliquidSigner.fromPrivateKey(TEST_KEY), null, true);
        limitOrder = new OrderRequest(
                "ETH",
                Side.BUY,
                new BigDecimal("0.50004"),
                new BigDecimal("2999.123"),
                OrderType.LIMIT_GTC,
                false,
                ClientOrderId.of("vault-a/2026-11-23T22:00Z/hedge"));
        nonce = 1_700_000_000_000L;
    }

    /** ETH is asset 1 with 4 size decimals; each call signs with a fresh nonce, as the venue does. */
    @Benchmark
    public String buildAndSignOrder() {
        return requests.signOrder(1, 4, limitOrder, limitOrder.limitPrice(), nonce++)
                .body();
    }
}
