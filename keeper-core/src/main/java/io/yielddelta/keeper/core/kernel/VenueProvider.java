package io.yielddelta.keeper.core.kernel;

import io.yielddelta.keeper.core.venue.HedgeVenue;

/**
 * Where the kernel's venue clients come from: the venues' real clients in a deployment, paper venues in the sandbox
 * and the backtest. The kernel opens each account once and closes what it opened when hedging stops.
 */
public interface VenueProvider {

    /** @throws IllegalArgumentException naming the venue and what is wrong with its configuration */
    HedgeVenue open(String venue, DeploymentSettings.VaultSettings vault);

    /**
     * Whether each hedged vault trades on an account of its own (a backtest measures every vault apart) rather than
     * all vaults on one client per venue (a deployment).
     */
    default boolean accountPerVault() {
        return false;
    }

    /** For runs that hedge nothing. */
    VenueProvider NONE = (venue, vault) -> {
        throw new IllegalStateException("vault " + vault.name() + " hedges on " + venue + ", but no venues were given");
    };
}
