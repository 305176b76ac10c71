package io.yielddelta.keeper.core.hedge;

import io.yielddelta.keeper.core.venue.VenueOrder;
import java.util.List;

/** What one hedge pass did. {@code plan} is null when the pass stopped before planning. */
public record HedgeResult(Status status, HedgePlan plan, List<VenueOrder> placed, String detail) {

    public enum Status {
        /** Within the band (or below the venue's minimum): nothing to do. */
        NOTHING_TO_DO,
        /** Every leg of the plan was placed. */
        PLACED,
        /** An earlier order of this vault is still in flight: no new order until it is resolved. */
        WAITING_FOR_IN_FLIGHT,
        /** The journal already holds this decision's order: not sent again. */
        ALREADY_DECIDED,
        /** The risk engine refused a leg. */
        BLOCKED,
        /** A venue refused or could not be reached; the next trigger decides again. */
        FAILED,
        /** The order was sent but its outcome is unknown: left in flight for reconciliation. */
        UNKNOWN_OUTCOME
    }

    public HedgeResult {
        placed = List.copyOf(placed);
    }
}
