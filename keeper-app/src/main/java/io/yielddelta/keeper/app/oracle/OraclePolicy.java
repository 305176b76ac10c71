package io.yielddelta.keeper.app.oracle;

import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.VaultState;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The aiOracle's own limits on what it signs for one vault, stricter than the contract's and checked against its own
 * read of the chain, not the keeper's word.
 *
 * @param minWidthTicks         the narrowest range it signs
 * @param maxMoveTicks          how far the range centre may move from the range the vault stores
 * @param maxSignatureLifetime  the latest deadline it signs, after the block it read (the contract allows an hour)
 */
public record OraclePolicy(int minWidthTicks, int maxMoveTicks, Duration maxSignatureLifetime) {

    public static final OraclePolicy DEFAULTS = new OraclePolicy(120, 4_000, Duration.ofMinutes(15));

    public OraclePolicy {
        Objects.requireNonNull(maxSignatureLifetime, "maxSignatureLifetime");
        if (minWidthTicks < 1 || maxMoveTicks < 1 || !maxSignatureLifetime.isPositive()) {
            throw new IllegalArgumentException("minWidthTicks, maxMoveTicks and maxSignatureLifetime must be positive");
        }
    }

    /**
     * Why the request must not be signed for a vault in {@code state}, or empty if it may be. Leaving the pool passes
     * the range checks (there is no range); the deadline applies to every request.
     */
    public Optional<String> refusal(RebalanceRequest request, VaultState state) {
        Instant deadline = Instant.ofEpochSecond(request.deadline());
        if (!deadline.isAfter(state.blockTime())) {
            return Optional.of("deadline " + deadline + " is not after the block time " + state.blockTime());
        }
        if (deadline.isAfter(state.blockTime().plus(maxSignatureLifetime))) {
            return Optional.of("deadline " + deadline + " is more than " + maxSignatureLifetime.toMinutes()
                    + " min after the block time " + state.blockTime());
        }
        if (request.leavesPool()) {
            return Optional.empty();
        }
        Range target;
        try {
            target = new Range(request.tickLower(), request.tickUpper());
        } catch (IllegalArgumentException e) {
            return Optional.of("not a range: " + e.getMessage());
        }
        if (!target.contains(state.twapTick())) {
            return Optional.of("range " + target + " does not contain the TWAP tick " + state.twapTick());
        }
        if (target.width() < minWidthTicks) {
            return Optional.of("range " + target + " is " + target.width() + " ticks wide, under the " + minWidthTicks
                    + " this oracle signs");
        }
        Optional<Range> stored = state.position();
        if (stored.isPresent()) {
            // centres doubled to stay in integers, as the contract measures the move
            long move = Math.abs((long) target.tickLower()
                            + target.tickUpper()
                            - stored.get().tickLower()
                            - stored.get().tickUpper())
                    / 2;
            if (move > maxMoveTicks) {
                return Optional.of("range " + target + " moves the centre " + move + " ticks from " + stored.get()
                        + ", over the " + maxMoveTicks + " this oracle signs");
            }
        }
        return Optional.empty();
    }
}
