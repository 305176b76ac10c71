package io.yielddelta.keeper.app.chain;

import java.util.List;
import org.web3j.abi.datatypes.Type;

/**
 * The outcome of one call in a batch: its decoded values, or why it failed (a revert with its reason, a target
 * without code, a result that does not decode). One failure never spoils the other calls.
 */
public record CallResult(ContractCall call, List<Type> values, String failure) {

    static CallResult success(ContractCall call, List<Type> values) {
        return new CallResult(call, List.copyOf(values), null);
    }

    static CallResult failed(ContractCall call, String failure) {
        return new CallResult(call, List.of(), failure);
    }

    public boolean succeeded() {
        return failure == null;
    }

    /** The i-th output value, e.g. {@code value(0, Uint160.class)} for slot0's sqrtPriceX96. */
    public <T extends Type<?>> T value(int index, Class<T> type) {
        if (!succeeded()) {
            throw new IllegalStateException("call to " + call.target() + " failed: " + failure);
        }
        return type.cast(values.get(index));
    }
}
