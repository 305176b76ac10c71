package io.yielddelta.keeper.core.venue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The keeper's own id for an order, derived deterministically from the decision that caused it, so that re-sending
 * after a crash is recognised by the venue instead of doubling the order. Each venue takes the form it accepts:
 * Hyperliquid a 128-bit hex cloid, dYdX a uint32, Coinbase a string.
 *
 * @param decisionId the id of the decision (for example cycle id + leg), kept for logs and the journal
 * @param digest     the first 16 bytes of SHA-256(decisionId)
 */
public record ClientOrderId(String decisionId, byte[] digest) {

    public static ClientOrderId of(String decisionId) {
        if (decisionId == null || decisionId.isBlank()) {
            throw new IllegalArgumentException("decision id must not be blank");
        }
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(decisionId.getBytes(StandardCharsets.UTF_8));
            byte[] first16 = new byte[16];
            System.arraycopy(sha, 0, first16, 0, 16);
            return new ClientOrderId(decisionId, first16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present in the JDK", e);
        }
    }

    /** {@code 0x} + 32 lower-case hex digits (Hyperliquid's cloid). */
    public String hex128() {
        return "0x" + HexFormat.of().formatHex(digest);
    }

    /** A uint32 (dYdX's client id), from the first four bytes. */
    public long uint32() {
        return ((digest[0] & 0xFFL) << 24)
                | ((digest[1] & 0xFFL) << 16)
                | ((digest[2] & 0xFFL) << 8)
                | (digest[3] & 0xFFL);
    }

    /** A UUID-shaped string (Coinbase's client_order_id). */
    public String uuid() {
        String h = HexFormat.of().formatHex(digest);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientOrderId other && java.util.Arrays.equals(digest, other.digest);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return decisionId + "(" + hex128() + ")";
    }
}
