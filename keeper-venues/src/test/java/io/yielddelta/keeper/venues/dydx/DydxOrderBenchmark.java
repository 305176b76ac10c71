package io.yielddelta.keeper.venues.dydx;

import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.venues.dydx.proto.Order;
import java.math.BigDecimal;
import java.math.BigInteger;
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
 * Build + sign time of one dYdX v4 order, from the keeper's {@link OrderRequest} to the base64 transaction bytes of
 * the broadcast: quantums/subticks in exact decimals, the Order and MsgPlaceOrder protobufs, TxBody, AuthInfo and
 * SignDoc, SHA-256 and a secp256k1 signature (RFC 6979, low-s), TxRaw and base64. No I/O (the block height and the
 * account are given, as the venue has them cached). Run: {@code ./mvnw -q -pl keeper-venues -Pbench verify
 * -DskipTests -Dbench=DydxOrderBenchmark} (keeper-core installed first).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DydxOrderBenchmark {

    private static final String TEST_MNEMONIC =
            "mandate glove carry despair area gloom sting round toddler deal face vague "
                    + "receive shallow confirm south green cup rain drill monkey method tongue fence";

    private DydxOrderSigner signer;
    private DydxMarket btc;
    private OrderRequest limitOrder;
    private OrderRequest marketOrder;
    private long sequence;

    @Setup
    public void setUp() {
        signer = new DydxOrderSigner(
                DydxWallet.fromMnemonic(TEST_MNEMONIC), "dydx-mainnet-1", 0, "adydx", BigInteger.ZERO, 1_000_000);
        btc = new DydxMarket(
                "BTC", "BTC-USD", 0, new DydxQuantizer(-10, -9, 1_000_000, 100_000), new BigDecimal("0.05"));
        limitOrder = new OrderRequest(
                "BTC",
                Side.BUY,
                new BigDecimal("0.01234"),
                new BigDecimal("50123.4"),
                OrderType.LIMIT_GTC,
                false,
                ClientOrderId.of("vault-a/2026-11-23T22:00Z/hedge"));
        marketOrder = new OrderRequest(
                "BTC",
                Side.SELL,
                new BigDecimal("0.01234"),
                new BigDecimal("49000.5"),
                OrderType.MARKET_IOC,
                true,
                ClientOrderId.of("vault-a/2026-11-23T22:00Z/reduce"));
        sequence = 1;
    }

    /** A stateful limit order: good till a block time, one sequence number per order. */
    @Benchmark
    public String statefulLimitOrder() {
        Order order = signer.order(limitOrder, btc, limitOrder.limitPrice(), 0, 1_795_000_000L);
        return signer.placeOrder(order, new DydxOrderSigner.Account(33, sequence++))
                .txBase64();
    }

    /** A short-term reduce-only IOC: good till block height + 10. */
    @Benchmark
    public String shortTermIocOrder() {
        Order order = signer.order(marketOrder, btc, marketOrder.limitPrice(), 1_000_010L, 0);
        return signer.placeOrder(order, new DydxOrderSigner.Account(33, 7)).txBase64();
    }
}
