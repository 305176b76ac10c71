package io.yielddelta.keeper.venues.paper;

import io.yielddelta.keeper.core.hedge.HedgeJournal;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.venues.HedgeVenueContract;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

class PaperVenueContractTest extends HedgeVenueContract {

    private PaperVenue paper;

    @BeforeEach
    void start() {
        paper = new PaperVenue(
                new PaperConfig(
                        List.of(new Instrument(
                                "ETH", new BigDecimal("0.01"), new BigDecimal("0.001"), BigDecimal.TEN, 10)),
                        new BigDecimal("5"),
                        new BigDecimal("2"),
                        new BigDecimal("10"),
                        new BigDecimal("10000"),
                        5),
                FundingRates.constant(BigDecimal.ZERO),
                Clock.fixed(Instant.parse("2026-11-23T10:30:00Z"), ZoneOffset.UTC));
        paper.setMark("ETH", new BigDecimal("3000"));
    }

    @Override
    protected HedgeVenue venue() {
        return paper;
    }

    /**
     * The paper venue is its own exchange, inside the keeper's process: there is no client apart from it to restart,
     * and the simulation keeps each order's client id with the order.
     */
    @Override
    protected HedgeVenue restarted(HedgeJournal journal) {
        return paper;
    }

    @Override
    protected Market trading() {
        return new Market("ETH", new BigDecimal("0.01"), new BigDecimal("2900"), Side.SELL, new BigDecimal("2900"));
    }

    @Override
    protected boolean actOnNextOrderThenAnswer5xx() {
        return false;
    }
}
