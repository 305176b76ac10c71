package io.yielddelta.keeper.core.risk;

import io.yielddelta.keeper.core.venue.ClientOrderId;
import java.math.BigDecimal;

/** Something on-call should know; keeper-app routes these to the log, metrics and Sentry. */
public sealed interface RiskAlert {

    /**
     * Collateral on a venue is thin for its positions.
     *
     * @param suggestedTransfer quote currency to move onto the venue to bring leverage back to the target
     */
    record CollateralLow(
            String venue,
            BigDecimal accountValue,
            BigDecimal grossNotional,
            BigDecimal leverage,
            BigDecimal suggestedTransfer)
            implements RiskAlert {}

    /**
     * A position's mark is closer to its liquidation price than the floor. Either transfer collateral or reduce.
     *
     * @param distance          |liquidation − mark| / mark
     * @param suggestedTransfer collateral that would restore the floor at the current size (approximately)
     * @param suggestedReduce   base units to close instead, so that the current collateral restores the floor
     */
    record LiquidationNear(
            String venue,
            String market,
            BigDecimal mark,
            BigDecimal liquidationPrice,
            BigDecimal distance,
            BigDecimal suggestedTransfer,
            BigDecimal suggestedReduce)
            implements RiskAlert {}

    record DailyLossLimit(BigDecimal loss, BigDecimal limit, TradingState newState) implements RiskAlert {}

    /** A hedged vault's hedge cannot start or keeps failing past the fail-over: its rebalancing stops until it works. */
    record HedgeDown(String vault, String reason) implements RiskAlert {}

    record OrderBlocked(String vault, String venue, ClientOrderId clientId, RiskCheck check, String detail)
            implements RiskAlert {}
}
