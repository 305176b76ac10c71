package io.yielddelta.keeper.core.hedge;

import io.yielddelta.keeper.core.venue.ClientOrderId;
import java.math.BigDecimal;

/**
 * A difference reconciliation found between a venue and the journal.
 *
 * @param expected what the journal expected (null where it expected nothing)
 * @param actual   what the venue reports (null where it reports nothing)
 * @param clientId the order concerned, where there is one
 */
public record Discrepancy(
        Kind kind,
        String venue,
        String market,
        BigDecimal expected,
        BigDecimal actual,
        ClientOrderId clientId,
        String detail) {

    public enum Kind {
        /** The venue's position differs from the journal's fills, e.g. a position opened outside the keeper. */
        POSITION,
        /** An open order at the venue that the journal does not know. */
        UNKNOWN_OPEN_ORDER,
        /** An order the journal had in flight that the venue has never seen. */
        ORDER_NOT_FOUND
    }
}
