package io.yielddelta.keeper.ml.model;

/** A model file or manifest that cannot be used; the message names the file and what is wrong. */
public final class ModelException extends RuntimeException {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
