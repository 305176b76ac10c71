package io.yielddelta.keeper.app.chain;

import java.util.Objects;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;

/**
 * One view call inside a Multicall3 batch.
 *
 * @param target      the contract called
 * @param function    the method with its arguments and the output types its result is decoded with
 * @param gasEstimate what this call is expected to burn, to size batches against the node's call gas limit
 */
public record ContractCall(String target, Function function, long gasEstimate) {

    /** A typical Uniswap V3 view (slot0, liquidity, balanceOf, positions): well under this. */
    public static final long DEFAULT_GAS_ESTIMATE = 30_000;

    public ContractCall {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(function, "function");
        if (gasEstimate <= 0) {
            throw new IllegalArgumentException("gasEstimate must be positive");
        }
    }

    public ContractCall(String target, Function function) {
        this(target, function, DEFAULT_GAS_ESTIMATE);
    }

    String callData() {
        return FunctionEncoder.encode(function);
    }
}
