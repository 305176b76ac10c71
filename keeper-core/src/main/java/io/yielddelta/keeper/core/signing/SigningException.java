package io.yielddelta.keeper.core.signing;

/**
 * A digest could not be signed (key service unreachable, refused, or returned something unusable). Messages name
 * the key's address or id and what failed, never key material.
 */
public class SigningException extends RuntimeException {

    public SigningException(String message) {
        super(message);
    }

    public SigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
