package io.yielddelta.keeper.contracts.clmm;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.contracts.devchain.DevChain;
import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.generated.testing.UniswapMathHarness;
import io.yielddelta.keeper.core.clmm.LiquidityAmounts;
import io.yielddelta.keeper.core.clmm.SqrtPriceMath;
import io.yielddelta.keeper.core.clmm.SwapMath;
import io.yielddelta.keeper.core.clmm.TickMath;
import io.yielddelta.keeper.core.clmm.TokenAmounts;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Int24;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint160;
import org.web3j.abi.datatypes.generated.Uint24;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

/**
 * keeper-core's ports of TickMath, SqrtPriceMath, SwapMath and LiquidityAmounts against the real libraries, compiled
 * from the npm sources into {@code UniswapMathHarness}: for random inputs spread over every bit length, each result
 * must be the same integer, and the port must throw exactly where the contract reverts.
 */
@ExtendWith(DevChainExtension.class)
class MathLibrariesIT {
    private static final Logger log = LoggerFactory.getLogger(MathLibrariesIT.class);
    private static final int CASES_PER_FUNCTION = 1000;
    private static final int BATCH = 250;
    private static final BigInteger MIN_SQRT = TickMath.MIN_SQRT_RATIO;
    private static final BigInteger MAX_SQRT = TickMath.MAX_SQRT_RATIO;

    private final long seed = Long.getLong("clmm.seed", System.nanoTime());
    private final Random random = new Random(seed);
    private DevChain chain;
    private String harness;

    /** One call: the encoded contract function and what the Java port returns for the same arguments. */
    private record Case(Function function, Supplier<List<BigInteger>> port) {}

    @BeforeEach
    void deployHarness(DevChain chain) throws Exception {
        this.chain = chain;
        this.harness = UniswapMathHarness.deploy(
                        chain.web3j(), chain.transactionManager(chain.account(0)), chain.gasProvider())
                .send()
                .getContractAddress();
    }

    @Test
    void tickMathAgreesWithTheContract() throws Exception {
        List<Case> cases = new ArrayList<>();
        cases.add(sqrtAtTick(TickMath.MIN_TICK));
        cases.add(sqrtAtTick(TickMath.MAX_TICK));
        cases.add(sqrtAtTick(TickMath.MIN_TICK - 1));
        cases.add(sqrtAtTick(TickMath.MAX_TICK + 1));
        cases.add(tickAtSqrt(MIN_SQRT));
        cases.add(tickAtSqrt(MIN_SQRT.subtract(BigInteger.ONE)));
        cases.add(tickAtSqrt(MAX_SQRT));
        cases.add(tickAtSqrt(MAX_SQRT.subtract(BigInteger.ONE)));
        for (int i = 0; i < CASES_PER_FUNCTION; i++) {
            int tick = random.nextInt(4) == 0
                    ? random.nextInt(-1000, 1000)
                    : random.nextInt(TickMath.MIN_TICK - 5, TickMath.MAX_TICK + 6);
            cases.add(sqrtAtTick(tick));
            // Prices at a tick, one either side of it, and anywhere.
            BigInteger price = switch (random.nextInt(3)) {
                case 0 ->
                    TickMath.getSqrtRatioAtTick(Math.clamp(tick, TickMath.MIN_TICK, TickMath.MAX_TICK))
                            .add(BigInteger.valueOf(random.nextInt(-1, 2)));
                default -> uint(random.nextInt(1, 161));
            };
            cases.add(tickAtSqrt(price));
        }
        assertAgree(cases);
    }

    @Test
    void sqrtPriceMathAgreesWithTheContract() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < CASES_PER_FUNCTION; i++) {
            BigInteger a = sqrtPrice();
            BigInteger b = random.nextBoolean() ? sqrtPrice() : a.add(uint(random.nextInt(0, 100)));
            BigInteger liquidity = uint(random.nextInt(0, 129));
            boolean roundUp = random.nextBoolean();
            cases.add(new Case(
                    fn("getAmount0Delta", new Uint160(a), new Uint160(b), new Uint128(liquidity), new Bool(roundUp)),
                    () -> List.of(SqrtPriceMath.getAmount0Delta(a, b, liquidity, roundUp))));
            cases.add(new Case(
                    fn("getAmount1Delta", new Uint160(a), new Uint160(b), new Uint128(liquidity), new Bool(roundUp)),
                    () -> List.of(SqrtPriceMath.getAmount1Delta(a, b, liquidity, roundUp))));

            BigInteger price = sqrtPrice();
            BigInteger l = uint(random.nextInt(0, 129));
            BigInteger amount = uint(random.nextInt(0, 257));
            boolean zeroForOne = random.nextBoolean();
            cases.add(new Case(
                    fn(
                            "getNextSqrtPriceFromInput",
                            new Uint160(price),
                            new Uint128(l),
                            new Uint256(amount),
                            new Bool(zeroForOne)),
                    () -> List.of(SqrtPriceMath.getNextSqrtPriceFromInput(price, l, amount, zeroForOne))));
            cases.add(new Case(
                    fn(
                            "getNextSqrtPriceFromOutput",
                            new Uint160(price),
                            new Uint128(l),
                            new Uint256(amount),
                            new Bool(zeroForOne)),
                    () -> List.of(SqrtPriceMath.getNextSqrtPriceFromOutput(price, l, amount, zeroForOne))));
        }
        assertAgree(cases);
    }

    @Test
    void swapStepsAgreeWithTheContract() throws Exception {
        int[] fees = {0, 100, 500, 3000, 10000, 999_999};
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < CASES_PER_FUNCTION; i++) {
            BigInteger current = sqrtPrice();
            // A far target, or one close by on either side (the step then often reaches it).
            BigInteger target = random.nextBoolean()
                    ? sqrtPrice()
                    : current.add(BigInteger.valueOf(random.nextInt(-1, 2)).multiply(uint(random.nextInt(0, 100))))
                            .max(BigInteger.ZERO)
                            .min(BigInteger.ONE.shiftLeft(160).subtract(BigInteger.ONE));
            BigInteger liquidity = uint(random.nextInt(0, 129));
            BigInteger magnitude = uint(random.nextInt(0, 256));
            BigInteger remaining = random.nextBoolean() ? magnitude : magnitude.negate();
            int fee = random.nextBoolean() ? fees[random.nextInt(fees.length)] : random.nextInt(0, 1_000_000);
            cases.add(new Case(
                    fn(
                            "computeSwapStep",
                            new Uint160(current),
                            new Uint160(target),
                            new Uint128(liquidity),
                            new Int256(remaining),
                            new Uint24(fee)),
                    () -> {
                        SwapMath.SwapStep step = SwapMath.computeSwapStep(current, target, liquidity, remaining, fee);
                        return List.of(step.sqrtRatioNextX96(), step.amountIn(), step.amountOut(), step.feeAmount());
                    }));
        }
        assertAgree(cases);
    }

    @Test
    void liquidityAmountsAgreeWithThePeriphery() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < CASES_PER_FUNCTION; i++) {
            BigInteger a = tickPriceOrAny();
            BigInteger b = tickPriceOrAny();
            BigInteger price = random.nextInt(4) == 0 ? a : tickPriceOrAny();
            BigInteger amount0 = uint(random.nextInt(0, 200));
            BigInteger amount1 = uint(random.nextInt(0, 200));
            cases.add(new Case(
                    fn(
                            "getLiquidityForAmounts",
                            new Uint160(price),
                            new Uint160(a),
                            new Uint160(b),
                            new Uint256(amount0),
                            new Uint256(amount1)),
                    () -> List.of(LiquidityAmounts.getLiquidityForAmounts(price, a, b, amount0, amount1))));
            BigInteger liquidity = uint(random.nextInt(0, 129));
            cases.add(new Case(
                    fn(
                            "getAmountsForLiquidity",
                            new Uint160(price),
                            new Uint160(a),
                            new Uint160(b),
                            new Uint128(liquidity)),
                    () -> {
                        TokenAmounts amounts = LiquidityAmounts.getAmountsForLiquidity(price, a, b, liquidity);
                        return List.of(amounts.amount0(), amounts.amount1());
                    }));
        }
        assertAgree(cases);
    }

    // ------------------------------------------------------------------------------------------------------ cases

    private Case sqrtAtTick(int tick) {
        return new Case(fn("getSqrtRatioAtTick", new Int24(tick)), () -> List.of(TickMath.getSqrtRatioAtTick(tick)));
    }

    private Case tickAtSqrt(BigInteger price) {
        return new Case(
                fn("getTickAtSqrtRatio", new Uint160(price)),
                () -> List.of(BigInteger.valueOf(TickMath.getTickAtSqrtRatio(price))));
    }

    private static Function fn(String name, Type<?>... inputs) {
        return new Function(name, List.of(inputs), List.of());
    }

    /** A uniformly random number of exactly {@code bits} bits (0 for 0). */
    private BigInteger uint(int bits) {
        return bits == 0 ? BigInteger.ZERO : new BigInteger(bits - 1, random).setBit(bits - 1);
    }

    /** A valid pool price most of the time, anything in uint160 otherwise (including out-of-bounds values). */
    private BigInteger sqrtPrice() {
        if (random.nextInt(10) == 0) {
            return uint(random.nextInt(0, 161));
        }
        return uint(random.nextInt(33, 161)).max(MIN_SQRT).min(MAX_SQRT.subtract(BigInteger.ONE));
    }

    private BigInteger tickPriceOrAny() {
        return random.nextInt(5) == 0
                ? sqrtPrice()
                : TickMath.getSqrtRatioAtTick(random.nextInt(TickMath.MIN_TICK, TickMath.MAX_TICK + 1));
    }

    // ------------------------------------------------------------------------------------------------ comparison

    private void assertAgree(List<Case> cases) throws Exception {
        int reverts = 0;
        for (int from = 0; from < cases.size(); from += BATCH) {
            List<Case> batch = cases.subList(from, Math.min(cases.size(), from + BATCH));
            var request = chain.web3j().newBatch();
            for (Case c : batch) {
                String data = FunctionEncoder.encode(c.function());
                request.add(chain.web3j()
                        .ethCall(
                                Transaction.createEthCallTransaction(
                                        chain.account(0).getAddress(), harness, data),
                                DefaultBlockParameterName.LATEST));
            }
            BatchResponse response = request.send();
            for (int i = 0; i < batch.size(); i++) {
                Case c = batch.get(i);
                EthCall call = (EthCall) response.getResponses().get(i);
                String description = "seed " + seed + ": " + describe(c.function());
                if (call.hasError() || call.isReverted()) {
                    reverts++;
                    Throwable thrown = null;
                    try {
                        List<BigInteger> port = c.port().get();
                        throw new AssertionError(description + ": the contract reverted (" + errorOf(call)
                                + ") but the port returned " + port);
                    } catch (IllegalArgumentException | ArithmeticException expected) {
                        thrown = expected;
                    }
                    assertThat(thrown).as(description).isNotNull();
                } else {
                    List<BigInteger> contract = decode(c.function().getName(), call.getValue());
                    List<BigInteger> port;
                    try {
                        port = c.port().get();
                    } catch (RuntimeException e) {
                        throw new AssertionError(
                                description + ": the contract returned " + contract + " but the port threw " + e, e);
                    }
                    assertThat(port).as(description).isEqualTo(contract);
                }
            }
        }
        // The random inputs must exercise both sides: results and reverts.
        assertThat(reverts).as("reverting cases").isPositive().isLessThan(cases.size());
        log.info(
                "{} calls agree with the contract, {} of them reverting in both (seed {})",
                cases.size(),
                reverts,
                seed);
    }

    private static String errorOf(EthCall call) {
        Response.Error error = call.getError();
        return error != null ? error.getMessage() : "reverted";
    }

    private static List<BigInteger> decode(String function, String value) {
        List<TypeReference<?>> outputs = switch (function) {
            case "getTickAtSqrtRatio" -> List.of(new TypeReference<Int24>() {});
            case "getSqrtRatioAtTick", "getNextSqrtPriceFromInput", "getNextSqrtPriceFromOutput" ->
                List.of(new TypeReference<Uint160>() {});
            case "getLiquidityForAmounts" -> List.of(new TypeReference<Uint128>() {});
            case "getAmountsForLiquidity" -> List.of(new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {});
            case "computeSwapStep" ->
                List.of(
                        new TypeReference<Uint160>() {},
                        new TypeReference<Uint256>() {},
                        new TypeReference<Uint256>() {},
                        new TypeReference<Uint256>() {});
            default -> List.of(new TypeReference<Uint256>() {});
        };
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<Type> decoded = FunctionReturnDecoder.decode(value, (List) outputs);
        return decoded.stream().map(t -> (BigInteger) t.getValue()).toList();
    }

    private static String describe(Function function) {
        return function.getName()
                + function.getInputParameters().stream()
                        .map(t -> String.valueOf(t.getValue()))
                        .toList();
    }
}
