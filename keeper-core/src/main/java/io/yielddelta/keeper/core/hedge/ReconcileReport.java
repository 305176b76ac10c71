package io.yielddelta.keeper.core.hedge;

import java.util.List;

/**
 * What one reconciliation pass found.
 *
 * @param corrected    whether the differences were acted on (only in the ACTIVE state)
 * @param stillInFlight orders whose outcome could not be established in this pass
 */
public record ReconcileReport(List<Discrepancy> discrepancies, boolean corrected, int resolved, int stillInFlight) {
    public ReconcileReport {
        discrepancies = List.copyOf(discrepancies);
    }

    public boolean clean() {
        return discrepancies.isEmpty() && stillInFlight == 0;
    }
}
