package io.yielddelta.keeper.core.kernel;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether each hedged vault's hedge runs, as the keeper that hedges reports it, for every keeper of the deployment:
 * in a cluster one keeper hedges while any keeper may rebalance, so the rebalance gate of a hedged vault reads the
 * hedging keeper's report (a database row in production, memory in one process).
 */
public interface HedgeStatusStore {

    /** @param downBecause empty while the hedge runs */
    record Status(String vault, Optional<String> downBecause, Instant reportedAt) {}

    void report(String vault, Optional<String> downBecause);

    Optional<Status> read(String vault);
}
