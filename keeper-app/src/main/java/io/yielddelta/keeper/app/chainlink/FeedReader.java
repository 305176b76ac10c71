package io.yielddelta.keeper.app.chainlink;

import io.yielddelta.keeper.app.chain.CallResult;
import io.yielddelta.keeper.app.chain.ContractCall;
import io.yielddelta.keeper.app.chain.MulticallReader;
import io.yielddelta.keeper.core.chain.ChainUnavailableException;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.NumericType;
import org.web3j.abi.datatypes.generated.Int24;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.abi.datatypes.generated.Uint80;

/**
 * Reads a vault's TWAP tick and its Chainlink feed's latest round ({@code AggregatorV3Interface.latestRoundData()} and
 * {@code decimals()}) with the block time, in one Multicall3 round trip, so all three are from one block.
 */
public final class FeedReader {

    private static final Function LATEST_ROUND_DATA = new Function(
            "latestRoundData",
            List.of(),
            List.of(
                    new TypeReference<Uint80>() {},
                    new TypeReference<Int256>() {},
                    new TypeReference<Uint256>() {},
                    new TypeReference<Uint256>() {},
                    new TypeReference<Uint80>() {}));
    private static final Function DECIMALS =
            new Function("decimals", List.of(), List.of(new TypeReference<Uint8>() {}));
    private static final Function TWAP_TICK =
            new Function("twapTick", List.of(), List.of(new TypeReference<Int24>() {}));
    private static final Function BLOCK_TIMESTAMP =
            new Function("getCurrentBlockTimestamp", List.of(), List.of(new TypeReference<Uint256>() {}));

    private final MulticallReader reader;
    private final String multicall3;

    public FeedReader(MulticallReader reader, String multicall3) {
        this.reader = reader;
        this.multicall3 = multicall3;
    }

    /** The vault's TWAP tick and its feed's round, read together. */
    public record Reading(int twapTick, FeedRound round) {}

    /**
     * @throws ChainUnavailableException if no node answers
     * @throws IllegalStateException     naming the call that failed (not a feed, not a vault, a pool without history)
     */
    public Reading read(String vault, String feed) {
        List<CallResult> results;
        try {
            results = reader.read(List.of(
                            new ContractCall(multicall3, BLOCK_TIMESTAMP),
                            new ContractCall(vault, TWAP_TICK, 60_000),
                            new ContractCall(feed, LATEST_ROUND_DATA),
                            new ContractCall(feed, DECIMALS)))
                    .results();
        } catch (IOException e) {
            throw new ChainUnavailableException("reading feed " + feed + " failed: " + e.getMessage(), e);
        }
        for (CallResult result : results) {
            if (!result.succeeded()) {
                throw new IllegalStateException(result.call().function().getName() + " of "
                        + result.call().target() + " failed: " + result.failure());
            }
        }
        CallResult round = results.get(2);
        FeedRound feedRound = new FeedRound(
                feed,
                number(round, 0),
                number(round, 1),
                Instant.ofEpochSecond(number(round, 3).longValueExact()),
                number(results.get(3), 0).intValueExact(),
                Instant.ofEpochSecond(number(results.get(0), 0).longValueExact()));
        return new Reading(number(results.get(1), 0).intValueExact(), feedRound);
    }

    private static BigInteger number(CallResult result, int index) {
        return ((NumericType) result.values().get(index)).getValue();
    }
}
