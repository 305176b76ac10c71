package io.yielddelta.keeper.app.signing;

/** The signing policy refused a transaction; nothing was signed. */
public final class PolicyViolationException extends RuntimeException {

    public PolicyViolationException(String message) {
        super("signing refused: " + message);
    }
}
