package io.yielddelta.keeper.core.risk;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The risk engine's limits; notionals are in the quote (settlement) currency. Invalid values fail when the limits are
 * built, naming the field, so that bad configuration stops the keeper at start-up.
 *
 * @param maxOrderNotional          largest notional of one order
 * @param maxVaultPositionNotional  largest hedge of one vault, all venues together
 * @param maxVenuePositionNotional  largest gross notional on one venue, all markets together
 * @param maxLeverage               gross notional / account value on a venue; at most {@link #HARD_MAX_LEVERAGE}
 * @param liquidationDistanceFloor  least distance between mark and liquidation price, as a fraction of the mark
 * @param dailyLossLimit            loss of equity within one UTC day that stops normal trading
 * @param dailyLossState            the state the keeper goes to when the daily loss limit is hit (REDUCING or HALTED)
 * @param collateralAlertLeverage   effective leverage above which a margin alert is raised
 * @param collateralTargetLeverage  leverage the suggested collateral transfer brings the venue back to
 */
public record RiskLimits(
        BigDecimal maxOrderNotional,
        BigDecimal maxVaultPositionNotional,
        BigDecimal maxVenuePositionNotional,
        BigDecimal maxLeverage,
        BigDecimal liquidationDistanceFloor,
        BigDecimal dailyLossLimit,
        TradingState dailyLossState,
        BigDecimal collateralAlertLeverage,
        BigDecimal collateralTargetLeverage) {

    /** No configuration may lift leverage above this, whatever a venue allows. */
    public static final BigDecimal HARD_MAX_LEVERAGE = BigDecimal.valueOf(20);

    public static final BigDecimal DEFAULT_MAX_LEVERAGE = BigDecimal.valueOf(5);

    public RiskLimits {
        requirePositive(maxOrderNotional, "maxOrderNotional");
        requirePositive(maxVaultPositionNotional, "maxVaultPositionNotional");
        requirePositive(maxVenuePositionNotional, "maxVenuePositionNotional");
        requirePositive(maxLeverage, "maxLeverage");
        if (maxLeverage.compareTo(HARD_MAX_LEVERAGE) > 0) {
            throw new IllegalArgumentException(
                    "maxLeverage = " + maxLeverage + " is above the hard cap of " + HARD_MAX_LEVERAGE);
        }
        requirePositive(liquidationDistanceFloor, "liquidationDistanceFloor");
        if (liquidationDistanceFloor.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException(
                    "liquidationDistanceFloor = " + liquidationDistanceFloor + " must be below 1");
        }
        requirePositive(dailyLossLimit, "dailyLossLimit");
        Objects.requireNonNull(dailyLossState, "dailyLossState");
        if (dailyLossState == TradingState.ACTIVE) {
            throw new IllegalArgumentException("dailyLossState must be REDUCING or HALTED");
        }
        requirePositive(collateralAlertLeverage, "collateralAlertLeverage");
        requirePositive(collateralTargetLeverage, "collateralTargetLeverage");
        if (collateralAlertLeverage.compareTo(maxLeverage) > 0) {
            throw new IllegalArgumentException("collateralAlertLeverage = " + collateralAlertLeverage
                    + " must not exceed maxLeverage = " + maxLeverage + ": the alert must come before the cap");
        }
        if (collateralTargetLeverage.compareTo(collateralAlertLeverage) >= 0) {
            throw new IllegalArgumentException("collateralTargetLeverage = " + collateralTargetLeverage
                    + " must be below collateralAlertLeverage = " + collateralAlertLeverage);
        }
    }

    /**
     * Limits with the defaults for everything but the notionals: leverage 5×, liquidation floor 15 %, REDUCING on a
     * daily loss, margin alert above 4× with a transfer suggested back to 3×.
     */
    public static RiskLimits withDefaults(
            BigDecimal maxOrderNotional,
            BigDecimal maxVaultPositionNotional,
            BigDecimal maxVenuePositionNotional,
            BigDecimal dailyLossLimit) {
        return new RiskLimits(
                maxOrderNotional,
                maxVaultPositionNotional,
                maxVenuePositionNotional,
                DEFAULT_MAX_LEVERAGE,
                new BigDecimal("0.15"),
                dailyLossLimit,
                TradingState.REDUCING,
                BigDecimal.valueOf(4),
                BigDecimal.valueOf(3));
    }

    private static void requirePositive(BigDecimal value, String field) {
        if (value == null || value.signum() <= 0) {
            throw new IllegalArgumentException(field + " = " + value + " must be a positive number");
        }
    }
}
