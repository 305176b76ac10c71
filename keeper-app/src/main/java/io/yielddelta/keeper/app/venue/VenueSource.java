package io.yielddelta.keeper.app.venue;

import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.core.venue.HedgeVenue;

/** Where the keeper's venue clients come from: {@link VenueFactory} in production, the sandbox's paper venue there. */
@FunctionalInterface
public interface VenueSource {

    /** @throws IllegalArgumentException naming the venue and what is wrong with its configuration */
    HedgeVenue open(KeeperConfig.Venue venue);
}
