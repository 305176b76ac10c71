package io.yielddelta.keeper.app.schedule;

import java.time.Instant;

/** What a vault's scheduled job does: run that vault's cycle for the fire time it was scheduled at. */
@FunctionalInterface
public interface VaultCycleRunner {
    void run(String vaultName, Instant scheduledFireTime);
}
