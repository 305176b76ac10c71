package io.yielddelta.keeper.app.chain;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Int24;
import org.web3j.abi.datatypes.generated.Int56;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint160;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint8;

/** The Uniswap V3 pool and ERC-20 views the keeper batches through {@link MulticallReader}. */
public final class PoolViews {

    private PoolViews() {}

    /** (sqrtPriceX96 uint160, tick int24, observationIndex, observationCardinality, observationCardinalityNext, feeProtocol, unlocked). */
    public static Function slot0() {
        return new Function(
                "slot0",
                List.of(),
                List.of(
                        new TypeReference<Uint160>() {},
                        new TypeReference<Int24>() {},
                        new TypeReference<Uint16>() {},
                        new TypeReference<Uint16>() {},
                        new TypeReference<Uint16>() {},
                        new TypeReference<Uint8>() {},
                        new TypeReference<Bool>() {}));
    }

    /** The in-range liquidity (uint128). */
    public static Function liquidity() {
        return new Function("liquidity", List.of(), List.of(new TypeReference<Uint128>() {}));
    }

    /** (tickCumulatives int56[], secondsPerLiquidityCumulativeX128s uint160[]) at each of {@code secondsAgo}. */
    public static Function observe(long... secondsAgo) {
        List<Uint32> ago = java.util.Arrays.stream(secondsAgo)
                .mapToObj(s -> new Uint32(BigInteger.valueOf(s)))
                .toList();
        return new Function(
                "observe",
                List.of(new DynamicArray<>(Uint32.class, ago)),
                List.of(new TypeReference<DynamicArray<Int56>>() {}, new TypeReference<DynamicArray<Uint160>>() {}));
    }

    /** ERC-20 balanceOf(owner) (uint256). */
    public static Function balanceOf(String owner) {
        return new Function("balanceOf", List.of(new Address(owner)), List.of(new TypeReference<Uint256>() {}));
    }
}
