package io.yielddelta.keeper.core.backtest;

import io.yielddelta.keeper.core.venue.HedgeVenue;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A hedge venue whose market the replay drives (keeper-venues' paper venue): marks are set from history, time moves
 * forward, and its costs are counted for the report.
 */
public interface SimulatedVenue extends HedgeVenue {

    /** Moves the venue's time forward, charging funding for every whole hour passed. */
    void advanceTo(Instant time);

    /** Sets the mark; mark subscribers are told at once, on this thread. */
    void setMark(String market, BigDecimal price);

    /** The collateral the account started with. */
    BigDecimal startingCollateral();

    /** Taker and maker fees paid so far. */
    BigDecimal feesPaid();

    /** Funding paid so far (positive) or received (negative). */
    BigDecimal fundingPaid();

    /** What fills cost against the mark at the time (slippage), so far. */
    BigDecimal slippagePaid();
}
