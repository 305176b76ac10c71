package io.yielddelta.keeper.core.venue;

import java.math.BigDecimal;
import java.time.Instant;

/** One execution of one of the keeper's orders. {@code fee} is positive when paid, negative for a rebate. */
public record Fill(
        String fillId,
        String venueOrderId,
        ClientOrderId clientId,
        String market,
        Side side,
        BigDecimal size,
        BigDecimal price,
        BigDecimal fee,
        Instant time) {}
