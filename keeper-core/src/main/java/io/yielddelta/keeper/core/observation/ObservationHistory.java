package io.yielddelta.keeper.core.observation;

import java.util.List;

/** Where the scorers read each vault's recent hours from: the daemon's reads, the backtest's simulated hours. */
public interface ObservationHistory {

    /** Up to the last {@code hours} rows recorded for the vault's pool, oldest first; empty if none. */
    List<HourObservation> recent(String vaultAddress, int hours);
}
