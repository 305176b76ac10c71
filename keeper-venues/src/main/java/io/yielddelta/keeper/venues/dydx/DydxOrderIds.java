package io.yielddelta.keeper.venues.dydx;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Order identities on dYdX v4. On chain an order is (subaccount, client id, order flags, clob pair); the indexer names
 * the same order by a name-based UUID (version 5 in the indexer's well-known namespace) of
 * {@code "<subaccount uuid>-<clientId>-<clobPairId>-<orderFlags>"}, where the subaccount uuid is that of
 * {@code "<address>-<subaccountNumber>"}. Computing it lets the keeper look an order up by its client id without
 * listing orders, and name the order it has just broadcast before the indexer has seen it.
 */
final class DydxOrderIds {

    static final int SHORT_TERM = 0;
    static final int LONG_TERM = 64;

    private static final UUID INDEXER_NAMESPACE = UUID.fromString("0f9da948-a6fb-4c45-9edc-4685c3f3317d");

    private DydxOrderIds() {}

    static String subaccountUuid(String address, int subaccountNumber) {
        return uuid5(address + "-" + subaccountNumber).toString();
    }

    static String indexerOrderId(String address, int subaccountNumber, long clientId, int clobPairId, int orderFlags) {
        return uuid5(subaccountUuid(address, subaccountNumber) + "-" + Long.toUnsignedString(clientId) + "-"
                        + clobPairId + "-" + orderFlags)
                .toString();
    }

    /**
     * The JS client's {@code clientIdFromString}: Java's {@code String.hashCode} (31·h + c over UTF-16 units with
     * 32-bit wrap-around) shifted by 2³¹ into [0, 2³²); the empty string gives 0.
     */
    static long clientIdFromString(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        return (long) text.hashCode() + (1L << 31);
    }

    private static UUID uuid5(String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ByteBuffer.allocate(16)
                    .putLong(INDEXER_NAMESPACE.getMostSignificantBits())
                    .putLong(INDEXER_NAMESPACE.getLeastSignificantBits())
                    .array());
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bytes.getLong(), bytes.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is always present in the JDK", e);
        }
    }
}
