package io.yielddelta.keeper.core.cycle;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Deterministic cycle ids: the vault address and the scheduled fire time (whole seconds, UTC), e.g.
 * {@code 0xab…cd@2026-01-08T13:00:00Z}. A re-fired or recovered trigger yields the same id, which the journal holds
 * once, so a cycle acts at most once.
 */
public final class CycleId {

    private CycleId() {}

    public static String of(String vaultAddress, Instant fireTime) {
        return vaultAddress.toLowerCase(Locale.ROOT) + "@" + fireTime.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * The nonce the vault contract is given for this cycle's rebalance (SHA-256 of the id, a uint256). The contract
     * accepts each nonce once, so even a transaction signed twice for one cycle rebalances at most once.
     */
    public static BigInteger rebalanceNonce(String cycleId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cycleId.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
