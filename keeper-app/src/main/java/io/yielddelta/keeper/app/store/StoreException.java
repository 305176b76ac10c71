package io.yielddelta.keeper.app.store;

/** The journal database failed; the message names the operation and carries no credentials. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
