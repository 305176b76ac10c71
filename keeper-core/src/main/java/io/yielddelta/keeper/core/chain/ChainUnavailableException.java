package io.yielddelta.keeper.core.chain;

/** No RPC endpoint gave an answer; for a send, whether the transaction left is unknown. */
public class ChainUnavailableException extends RuntimeException {
    public ChainUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public ChainUnavailableException(String message) {
        super(message);
    }
}
