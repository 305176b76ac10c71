package io.yielddelta.keeper.app.config;

import io.yielddelta.keeper.core.risk.RiskLimits;
import io.yielddelta.keeper.core.risk.TradingState;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * {@code risk}: the risk engine's limits, in USD. Defaults: 100,000 USD per order; per venue the sum of the vaults'
 * caps; 5× leverage; liquidation at least 15 % away; a daily loss of 5 % of the summed caps moves to REDUCING. A
 * margin alert comes at 80 % of the leverage cap, with a transfer suggested back to 60 %.
 */
public final class RiskSection {

    private static final BigDecimal MOST = new BigDecimal("1e12");

    private RiskSection() {}

    /**
     * @param summedCaps   the vaults' hedge caps added up (the per-venue default)
     * @param largestVault the largest vault's hedge cap (the per-vault position limit of the engine)
     */
    public static RiskLimits read(Optional<YamlMap> section, BigDecimal summedCaps, BigDecimal largestVault) {
        Optional<YamlMap> m = section;
        BigDecimal maxOrder = m.flatMap(r -> r.decimal("maxOrderNotionalUsd", false, BigDecimal.ZERO, true, MOST))
                .orElse(new BigDecimal("100000"));
        BigDecimal maxVenue = m.flatMap(r -> r.decimal("maxVenuePositionUsd", false, BigDecimal.ZERO, true, MOST))
                .orElse(summedCaps);
        BigDecimal maxLeverage = m.flatMap(
                        r -> r.decimal("maxLeverage", false, BigDecimal.ZERO, true, RiskLimits.HARD_MAX_LEVERAGE))
                .orElse(RiskLimits.DEFAULT_MAX_LEVERAGE);
        BigDecimal floor = m.flatMap(r ->
                        r.decimal("liquidationDistanceFloor", false, BigDecimal.ZERO, true, new BigDecimal("0.99")))
                .orElse(new BigDecimal("0.15"));
        BigDecimal dailyLoss = m.flatMap(r -> r.decimal("dailyLossLimitUsd", false, BigDecimal.ZERO, true, MOST))
                .orElse(summedCaps.multiply(new BigDecimal("0.05")));
        TradingState onDailyLoss = m.flatMap(r -> r.enumeration("onDailyLoss", false, TradingState.class))
                .orElse(TradingState.REDUCING);
        if (onDailyLoss == TradingState.ACTIVE) {
            m.orElseThrow().problem("onDailyLoss", "expected REDUCING or HALTED");
            onDailyLoss = TradingState.REDUCING;
        }
        m.ifPresent(YamlMap::finish);
        return new RiskLimits(
                maxOrder,
                largestVault,
                maxVenue,
                maxLeverage,
                floor,
                dailyLoss,
                onDailyLoss,
                maxLeverage.multiply(new BigDecimal("0.8")),
                maxLeverage.multiply(new BigDecimal("0.6")));
    }
}
