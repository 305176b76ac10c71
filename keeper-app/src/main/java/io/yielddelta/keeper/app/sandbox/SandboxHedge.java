package io.yielddelta.keeper.app.sandbox;

import io.yielddelta.keeper.app.venue.PaperPlugin;
import io.yielddelta.keeper.app.venue.VenueSource;
import io.yielddelta.keeper.app.venue.VenueSpec;
import io.yielddelta.keeper.core.hedge.HedgeJournal;
import io.yielddelta.keeper.core.hedge.HedgePlanner;
import io.yielddelta.keeper.core.hedge.HedgePreset;
import io.yielddelta.keeper.core.hedge.VaultExposure;
import io.yielddelta.keeper.core.hedge.VaultHoldings;
import io.yielddelta.keeper.core.market.HourlyBar;
import io.yielddelta.keeper.core.market.MarkPath;
import io.yielddelta.keeper.core.time.SimulatedClock;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.venues.paper.FundingRates;
import io.yielddelta.keeper.venues.paper.PaperConfig;
import io.yielddelta.keeper.venues.paper.PaperVenue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's paper venue, whose mark follows the replayed history, and the measure of the hedge the keeper keeps
 * on it. The hedging itself is the daemon's (the {@link VenueSource} hands it this paper venue): each hour the keeper
 * re-reads the vault (a changed range or liquidity re-hedges at once), then the hour's marks (the backtest's path
 * model: a seeded Brownian bridge through open, high, low and close) stream to it. At each close the hedge is
 * measured against the 5 % band.
 */
final class SandboxHedge implements VenueSource {

    private static final Logger log = LoggerFactory.getLogger(SandboxHedge.class);
    static final String MARKET = "ETH";
    private static final BigDecimal BAND = new BigDecimal("0.05");
    /** The backtest's default path model: each hour's marks walk a seeded Brownian bridge through its bar. */
    private static final MarkPath PATH = MarkPath.bridge(1, 60, 0.0025);

    private final SimulatedClock clock;
    /** Opened by the keeper from its deployment file's paper venue, and closed by it. */
    private volatile PaperVenue paper;

    private final HedgePlanner planner = new HedgePlanner(HedgePreset.DELTA_NEUTRAL.settings(), BigDecimal.ONE);
    private final boolean wethIsToken0;
    private int hours;
    private int hoursWithinBand;

    SandboxHedge(Instant start, boolean wethIsToken0) {
        this.wethIsToken0 = wethIsToken0;
        clock = new SimulatedClock(start);
    }

    /** The paper venue of the sandbox's deployment file, with its starting balance; its mark follows the replay. */
    @Override
    public HedgeVenue open(VenueSpec venue, HedgeJournal journal) {
        if (!(venue instanceof PaperPlugin.Spec spec)) {
            throw new IllegalArgumentException(
                    "venue " + venue.name() + ": the sandbox hedges on its paper venue only");
        }
        paper = new PaperVenue(
                new PaperConfig(
                        List.of(new Instrument(
                                MARKET, new BigDecimal("0.01"), new BigDecimal("0.0001"), BigDecimal.TEN, 20)),
                        new BigDecimal("4.5"),
                        new BigDecimal("1.5"),
                        BigDecimal.ONE,
                        spec.startingBalanceUsd(),
                        5),
                FundingRates.constant(new BigDecimal("0.0000125")),
                clock);
        return paper;
    }

    /** One historical hour: the keeper's chain read, then the hour's marks; true if the hedge closed within the band. */
    boolean hour(HourlyBar bar, SandboxKeeper keeper) {
        clock.set(bar.openTime());
        paper.advanceTo(bar.openTime());
        keeper.refreshHedge("sandbox@" + bar.openTime());
        List<BigDecimal> marks = PATH.marks(bar);
        for (int i = 0; i < marks.size(); i++) {
            Instant at = MarkPath.streamedAt(bar.openTime(), i, marks.size());
            clock.set(at);
            paper.advanceTo(at);
            paper.setMark(MARKET, marks.get(i));
        }
        BigDecimal close = marks.getLast();
        VaultExposure exposure = VaultHoldings.of(
                        keeper.readVault(), MARKET, wethIsToken0, wethIsToken0 ? 18 : 6, wethIsToken0 ? 6 : 18)
                .exposureAt(close);
        BigDecimal deviation =
                position().subtract(planner.target(exposure, null)).abs();
        boolean within =
                deviation.multiply(close).compareTo(exposure.vaultValue().multiply(BAND)) <= 0;
        hours++;
        hoursWithinBand += within ? 1 : 0;
        log.info(
                "{}  hedge {} ETH for vault delta {} ETH: {} of the vault's value off target{}",
                bar.openTime(),
                position().setScale(4, RoundingMode.HALF_EVEN),
                exposure.delta().setScale(4, RoundingMode.HALF_EVEN),
                deviation
                                .multiply(close)
                                .multiply(BigDecimal.valueOf(100))
                                .divide(exposure.vaultValue(), 2, RoundingMode.HALF_EVEN)
                        + " %",
                within ? "" : " (outside the 5 % band)");
        return within;
    }

    BigDecimal position() {
        return paper.positions().stream()
                .filter(p -> p.market().equals(MARKET))
                .map(Position::size)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    int hours() {
        return hours;
    }

    int hoursWithinBand() {
        return hoursWithinBand;
    }

    String summary() {
        return String.format(
                "delta hedge on the paper venue: %d of %d hours within the 5 %% band (%.2f %%), fees %s,"
                        + " funding %s",
                hoursWithinBand,
                hours,
                hours == 0 ? 0 : 100.0 * hoursWithinBand / hours,
                paper.feesPaid().setScale(2, RoundingMode.HALF_EVEN),
                paper.fundingPaid().setScale(2, RoundingMode.HALF_EVEN));
    }

    /** The replayed history's time: the keeper's and the paper venue's. */
    Clock clock() {
        return clock;
    }
}
