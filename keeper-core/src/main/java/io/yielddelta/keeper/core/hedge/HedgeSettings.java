package io.yielddelta.keeper.core.hedge;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How one vault is hedged.
 *
 * @param hedgeRatio        target perp position = −hedgeRatio × vault delta; 0 leaves the vault unhedged
 * @param band              re-hedge on a mark update when |position − target| exceeds this fraction of the vault value
 * @param innerBand         smaller fraction: after a rebalance or reconciliation the keeper re-hedges only beyond it, so
 *                          it never sends dust; also the narrowest band the gamma-aware mode uses
 * @param maxSlippage       protective limit of the IOC hedge order, as a fraction of the mark
 * @param gammaAware        size band and pre-hedge from the position's gamma and a volatility forecast
 * @param venueByFunding    hedge on whichever venue pays the short side the best funding (the Arbitrage kind)
 */
public record HedgeSettings(
        BigDecimal hedgeRatio,
        BigDecimal band,
        BigDecimal innerBand,
        BigDecimal maxSlippage,
        boolean gammaAware,
        boolean venueByFunding) {

    public static final BigDecimal DEFAULT_BAND = new BigDecimal("0.05");
    public static final BigDecimal DEFAULT_INNER_BAND = new BigDecimal("0.01");
    public static final BigDecimal DEFAULT_MAX_SLIPPAGE = new BigDecimal("0.005");

    public HedgeSettings {
        Objects.requireNonNull(hedgeRatio, "hedgeRatio");
        // Up to 2, as the daemon's configuration allows (an over-hedge is a deliberate directional view).
        if (hedgeRatio.signum() < 0 || hedgeRatio.compareTo(BigDecimal.TWO) > 0) {
            throw new IllegalArgumentException("hedgeRatio = " + hedgeRatio + " must be within [0, 2]");
        }
        if (band == null || band.signum() <= 0 || band.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("band = " + band + " must be within (0, 1)");
        }
        if (innerBand == null || innerBand.signum() <= 0 || innerBand.compareTo(band) >= 0) {
            throw new IllegalArgumentException(
                    "innerBand = " + innerBand + " must be positive and below band = " + band);
        }
        if (maxSlippage == null || maxSlippage.signum() <= 0 || maxSlippage.compareTo(new BigDecimal("0.1")) > 0) {
            throw new IllegalArgumentException("maxSlippage = " + maxSlippage + " must be within (0, 0.1]");
        }
    }

    public boolean hedges() {
        return hedgeRatio.signum() > 0;
    }

    public HedgeSettings withHedgeRatio(BigDecimal ratio) {
        return new HedgeSettings(ratio, band, innerBand, maxSlippage, gammaAware, venueByFunding);
    }

    /** A configured band, with the default inner band kept below half of it. */
    public HedgeSettings withBand(BigDecimal newBand) {
        return withBand(newBand, DEFAULT_INNER_BAND.min(newBand.divide(BigDecimal.TWO)));
    }

    public HedgeSettings withBand(BigDecimal newBand, BigDecimal newInnerBand) {
        return new HedgeSettings(hedgeRatio, newBand, newInnerBand, maxSlippage, gammaAware, venueByFunding);
    }

    public HedgeSettings withGammaAware(boolean on) {
        return new HedgeSettings(hedgeRatio, band, innerBand, maxSlippage, on, venueByFunding);
    }
}
