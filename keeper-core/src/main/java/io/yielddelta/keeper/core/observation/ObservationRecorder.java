package io.yielddelta.keeper.core.observation;

/** Where each vault's pool hours are written as they end: the backtest's simulated hours, the daemon's reads. */
public interface ObservationRecorder {

    /** Rows of one vault arrive in time order. */
    void record(String vaultAddress, HourObservation row);
}
