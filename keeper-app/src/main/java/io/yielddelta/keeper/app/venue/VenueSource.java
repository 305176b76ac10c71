package io.yielddelta.keeper.app.venue;

import io.yielddelta.keeper.core.hedge.HedgeJournal;
import io.yielddelta.keeper.core.venue.HedgeVenue;

/** Where the keeper's venue clients come from: {@link VenueFactory} in production, the sandbox's paper venue there. */
@FunctionalInterface
public interface VenueSource {

    /**
     * @param journal where a venue that cannot name the keeper's orders by itself (dYdX keeps a uint32 of each client
     *                id) finds them again after a restart
     * @throws IllegalArgumentException naming the venue and what is wrong with its configuration
     */
    HedgeVenue open(VenueSpec venue, HedgeJournal journal);
}
