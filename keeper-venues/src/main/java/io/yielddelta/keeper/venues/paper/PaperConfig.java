package io.yielddelta.keeper.venues.paper;

import io.yielddelta.keeper.core.venue.Instrument;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * How the paper venue trades.
 *
 * @param instruments     the markets it lists
 * @param takerFeeBps     fee of an order that takes liquidity, in basis points of notional
 * @param makerFeeBps     fee of a resting order when it fills (negative for a rebate)
 * @param slippageBps     how far from the mark a taking order fills, in basis points, against the taker
 * @param collateral      starting collateral (USDC)
 * @param defaultLeverage leverage of every market until {@code setLeverage}; capped by the instrument's maximum
 */
public record PaperConfig(
        List<Instrument> instruments,
        BigDecimal takerFeeBps,
        BigDecimal makerFeeBps,
        BigDecimal slippageBps,
        BigDecimal collateral,
        int defaultLeverage) {

    public PaperConfig {
        instruments = List.copyOf(Objects.requireNonNull(instruments, "instruments"));
        Objects.requireNonNull(takerFeeBps, "takerFeeBps");
        Objects.requireNonNull(makerFeeBps, "makerFeeBps");
        Objects.requireNonNull(slippageBps, "slippageBps");
        Objects.requireNonNull(collateral, "collateral");
        if (instruments.isEmpty()) {
            throw new IllegalArgumentException("paper.instruments: list at least one market");
        }
        if (slippageBps.signum() < 0) {
            throw new IllegalArgumentException("paper.slippageBps: must not be negative, was " + slippageBps);
        }
        if (collateral.signum() < 0) {
            throw new IllegalArgumentException("paper.collateral: must not be negative, was " + collateral);
        }
        if (defaultLeverage < 1) {
            throw new IllegalArgumentException("paper.defaultLeverage: must be at least 1, was " + defaultLeverage);
        }
    }
}
