package io.yielddelta.keeper.core.policy;

import io.yielddelta.keeper.core.clmm.TickMath;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.VaultGuards;
import io.yielddelta.keeper.core.vault.VaultState;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Builds vault states for tests: a WETH/USDC-like pool around tick 200,000 with spacing 60. */
public final class VaultStates {

    public static final Instant NOW = Instant.parse("2026-01-08T13:00:00Z");
    public static final VaultGuards LOOSE_GUARDS =
            new VaultGuards(Duration.ofMinutes(5), Duration.ofMinutes(30), 200, 20_000, 20_000, 100);

    private VaultStates() {}

    public static VaultState state(String address, Range position, int tick) {
        return state(address, Optional.of(position), tick, tick, LOOSE_GUARDS, NOW.minus(Duration.ofHours(2)));
    }

    public static VaultState state(
            String address,
            Optional<Range> position,
            int tick,
            int twapTick,
            VaultGuards guards,
            Instant lastRebalance) {
        return new VaultState(
                address,
                position,
                BigInteger.TEN.pow(18),
                TickMath.getSqrtRatioAtTick(tick),
                tick,
                twapTick,
                60,
                BigInteger.TEN.pow(17),
                BigInteger.valueOf(300_000_000L),
                BigInteger.ZERO,
                BigInteger.ZERO,
                position.isPresent() ? Optional.of(lastRebalance) : Optional.empty(),
                false,
                guards,
                1_000,
                NOW);
    }
}
