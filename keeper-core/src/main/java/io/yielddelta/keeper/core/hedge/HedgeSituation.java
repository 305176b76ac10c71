package io.yielddelta.keeper.core.hedge;

import io.yielddelta.keeper.core.venue.Instrument;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the planner decides from, for one vault and market.
 *
 * @param positions   signed hedge position per venue name in this market: all of them count toward the one target
 * @param activeVenue the venue new hedge orders go to (the primary, the fail-over secondary, or the funding choice)
 * @param instruments the market's instrument per venue (at least the active venue's)
 * @param consolidate close the positions on the other venues and hold the whole hedge on the active one (used when
 *                    the Arbitrage kind switches venue; fail-over leaves them where they are)
 * @param forecast    volatility forecast for the gamma-aware mode; null when there is none
 */
public record HedgeSituation(
        VaultExposure exposure,
        Map<String, BigDecimal> positions,
        String activeVenue,
        Map<String, Instrument> instruments,
        boolean consolidate,
        VolatilityForecast forecast) {

    public HedgeSituation {
        Objects.requireNonNull(exposure, "exposure");
        positions = Map.copyOf(positions);
        Objects.requireNonNull(activeVenue, "activeVenue");
        instruments = Map.copyOf(instruments);
        if (!instruments.containsKey(activeVenue)) {
            throw new IllegalArgumentException("no instrument for the active venue " + activeVenue);
        }
    }

    public BigDecimal totalPosition() {
        return positions.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal positionOn(String venue) {
        return positions.getOrDefault(venue, BigDecimal.ZERO);
    }
}
