package io.yielddelta.keeper.core.hedge;

import io.yielddelta.keeper.core.venue.FundingRate;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The Arbitrage kind's venue choice: hedge (short) where funding pays the short side most, but move only when the
 * funding advantage over the horizon exceeds the cost of moving (closing on one venue and opening on the other:
 * fees and spread, as a fraction of notional), so the hedge does not flap between venues.
 */
public final class FundingVenueSelector {
    private final BigDecimal horizonHours;
    private final BigDecimal switchingCost;

    /** @param switchingCost cost of moving the hedge, as a fraction of its notional (e.g. 0.0012 for 2 × 6 bp) */
    public FundingVenueSelector(Duration horizon, BigDecimal switchingCost) {
        if (horizon == null || horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("horizon must be positive");
        }
        if (switchingCost == null || switchingCost.signum() < 0) {
            throw new IllegalArgumentException("switchingCost must not be negative");
        }
        this.horizonHours = BigDecimal.valueOf(horizon.toSeconds())
                .divide(BigDecimal.valueOf(3600), 12, java.math.RoundingMode.HALF_EVEN);
        this.switchingCost = switchingCost;
    }

    /**
     * @param current the venue holding the hedge now; null when there is none yet (then the best venue is taken)
     * @param rates   each candidate venue's funding rate (positive: longs pay shorts, so the short earns it)
     */
    public String choose(String current, Map<String, FundingRate> rates) {
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("no funding rates to choose from");
        }
        String best = null;
        BigDecimal bestRate = null;
        for (Map.Entry<String, FundingRate> entry : rates.entrySet()) {
            BigDecimal rate = entry.getValue().ratePerHour();
            // Ties go to the alphabetically first venue, so the choice does not depend on map order.
            if (bestRate == null
                    || rate.compareTo(bestRate) > 0
                    || (rate.compareTo(bestRate) == 0 && entry.getKey().compareTo(best) < 0)) {
                best = entry.getKey();
                bestRate = rate;
            }
        }
        if (current == null || !rates.containsKey(current)) {
            return best;
        }
        BigDecimal advantage =
                bestRate.subtract(rates.get(current).ratePerHour()).multiply(horizonHours);
        return advantage.compareTo(switchingCost) > 0 ? best : Objects.requireNonNull(current);
    }
}
