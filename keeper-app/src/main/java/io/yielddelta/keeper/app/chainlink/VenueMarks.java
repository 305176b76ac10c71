package io.yielddelta.keeper.app.chainlink;

import java.math.BigDecimal;
import java.util.Optional;

/** The hedge venue's latest mark of a vault's base asset, the third price of the check; empty when it has none. */
@FunctionalInterface
public interface VenueMarks {

    /** For runs without a hedge side: the check compares the pool with the feed alone. */
    VenueMarks NONE = vault -> Optional.empty();

    Optional<BigDecimal> mark(String vaultAddress);
}
