package io.yielddelta.keeper.app.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.utils.Numeric;

/**
 * Reads many contract views in as few round trips as possible: every call goes into one Multicall3
 * {@code aggregate3} (allowFailure = true) {@code eth_call}. Only when the calls' estimated gas would exceed the
 * node's call gas limit are they split into batches, sent concurrently and pinned to one block, so the read stays one
 * round trip (plus one for the block number) however many vaults there are.
 */
public final class MulticallReader {

    /** Multicall3's own bookkeeping per call and per batch, on top of the calls' estimates. */
    private static final long GAS_PER_CALL_OVERHEAD = 5_000;

    private static final long GAS_PER_BATCH_OVERHEAD = 50_000;
    /** Error(string): what {@code require(cond, "reason")} reverts with. */
    private static final String ERROR_SELECTOR = "0x08c379a0";

    private final Web3j web3j;
    private final String multicall3;
    private final long callGasLimit;

    /**
     * @param multicall3   the Multicall3 address (on SEI and most chains {@code 0xcA11bde05977b3631167028862bE2a173976CA11})
     * @param callGasLimit the node's gas cap for one {@code eth_call} (geth's default RPCGasCap is 50,000,000)
     */
    public MulticallReader(Web3j web3j, String multicall3, long callGasLimit) {
        if (callGasLimit <= GAS_PER_BATCH_OVERHEAD) {
            throw new IllegalArgumentException("callGasLimit too small: " + callGasLimit);
        }
        this.web3j = web3j;
        this.multicall3 = multicall3;
        this.callGasLimit = callGasLimit;
    }

    /** What a read returns: per-call results in the order of the calls, and the block they were read at. */
    public record Snapshot(long blockNumber, List<CallResult> results, int batches) {}

    /**
     * @throws IOException if the node cannot be reached (the fail-over has already tried every node) or refuses a
     *                     whole batch
     */
    public Snapshot read(List<ContractCall> calls) throws IOException {
        List<List<ContractCall>> batches = batches(calls);
        if (batches.size() <= 1) {
            // One eth_call at the latest block; Multicall3's getBlockNumber rides along to say which block that was.
            List<ContractCall> only = batches.isEmpty() ? List.of() : batches.get(0);
            List<CallResult> results = call(withBlockNumber(only), DefaultBlockParameterName.LATEST);
            return new Snapshot(blockNumberOf(results.get(0)), results.subList(1, results.size()), batches.size());
        }
        // Several batches: all read the same block, fetched first, so the vaults' states are consistent.
        long block = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        DefaultBlockParameter at = DefaultBlockParameter.valueOf(BigInteger.valueOf(block));
        List<CallResult> results = new ArrayList<>(calls.size());
        // Virtual threads: the batches wait on the network, not the CPU (the common pool has one thread on 2 cores).
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<CallResult>>> pending = new ArrayList<>();
            for (List<ContractCall> batch : batches) {
                pending.add(executor.submit(() -> call(batch, at)));
            }
            for (Future<List<CallResult>> batch : pending) {
                results.addAll(batch.get());
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("Multicall3 batch failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading", e);
        }
        return new Snapshot(block, results, batches.size());
    }

    /** Greedy packing in call order: a new batch starts when the next call's gas would pass the node's limit. */
    List<List<ContractCall>> batches(List<ContractCall> calls) {
        List<List<ContractCall>> batches = new ArrayList<>();
        List<ContractCall> batch = new ArrayList<>();
        long gas = GAS_PER_BATCH_OVERHEAD + ContractCall.DEFAULT_GAS_ESTIMATE; // room for getBlockNumber
        for (ContractCall call : calls) {
            long cost = call.gasEstimate() + GAS_PER_CALL_OVERHEAD;
            if (!batch.isEmpty() && gas + cost > callGasLimit) {
                batches.add(batch);
                batch = new ArrayList<>();
                gas = GAS_PER_BATCH_OVERHEAD;
            }
            batch.add(call);
            gas += cost;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    private List<ContractCall> withBlockNumber(List<ContractCall> calls) {
        List<ContractCall> all = new ArrayList<>(calls.size() + 1);
        all.add(new ContractCall(
                multicall3, new Function("getBlockNumber", List.of(), List.of(new TypeReference<Uint256>() {}))));
        all.addAll(calls);
        return all;
    }

    private static long blockNumberOf(CallResult result) {
        return result.value(0, Uint256.class).getValue().longValueExact();
    }

    private List<CallResult> call(List<ContractCall> calls, DefaultBlockParameter block) throws IOException {
        byte[] calldata = Aggregate3Codec.encode(
                calls.stream().map(ContractCall::target).toList(),
                calls.stream()
                        .map(c -> Numeric.hexStringToByteArray(c.callData()))
                        .toList());
        EthCall response = web3j.ethCall(
                        Transaction.createEthCallTransaction(null, multicall3, Numeric.toHexString(calldata)), block)
                .send();
        if (response.hasError()) {
            throw new IOException("Multicall3 aggregate3 of " + calls.size() + " calls failed: "
                    + response.getError().getMessage());
        }
        byte[] value = Numeric.hexStringToByteArray(response.getValue());
        if (value.length == 0) {
            throw new IOException("Multicall3 at " + multicall3 + " returned nothing: is it deployed on this chain?");
        }
        List<Aggregate3Codec.Raw> returned;
        try {
            returned = Aggregate3Codec.decode(value, calls.size());
        } catch (IllegalArgumentException e) {
            throw new IOException("Multicall3 at " + multicall3 + " returned malformed data: " + e.getMessage(), e);
        }
        List<CallResult> results = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            results.add(decode(calls.get(i), returned.get(i)));
        }
        return results;
    }

    private static CallResult decode(ContractCall call, Aggregate3Codec.Raw result) {
        String data = Numeric.toHexString(result.returnData());
        if (!result.success()) {
            return CallResult.failed(call, "reverted" + revertReason(data));
        }
        if (result.returnData().length == 0
                && !call.function().getOutputParameters().isEmpty()) {
            return CallResult.failed(call, "no return data (no contract at " + call.target() + "?)");
        }
        try {
            List<Type> values =
                    FunctionReturnDecoder.decode(data, call.function().getOutputParameters());
            if (values.size() != call.function().getOutputParameters().size()) {
                return CallResult.failed(
                        call, "return data does not match " + call.function().getName() + "'s outputs");
            }
            return CallResult.success(call, values);
        } catch (RuntimeException e) {
            return CallResult.failed(call, "return data does not decode: " + e.getMessage());
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static String revertReason(String data) {
        if (data.startsWith(ERROR_SELECTOR)) {
            try {
                List<Type> reason = FunctionReturnDecoder.decode(
                        data.substring(10), (List) List.of(new TypeReference<Utf8String>() {}));
                if (!reason.isEmpty()) {
                    return ": " + reason.get(0).getValue();
                }
            } catch (RuntimeException ignored) {
                // not a well-formed Error(string): report the raw data below
            }
        }
        return data.equals("0x") ? "" : " with " + data;
    }
}
