package io.yielddelta.keeper.app.config;

import io.yielddelta.keeper.core.hedge.FailoverSettings;
import io.yielddelta.keeper.core.hedge.HedgeSettings;
import io.yielddelta.keeper.core.kernel.DeploymentSettings.HedgingSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code hedging}: the re-hedge band (a share of the vault's value, like every band in these files), the maintenance
 * period, the fail-over to the secondary venue, and the Arbitrage kind's funding choice.
 */
public final class HedgingSection {

    private HedgingSection() {}

    static HedgingSettings read(Optional<YamlMap> section) {
        Optional<YamlMap> failover = section.flatMap(m -> m.map("failover", false));
        FundingChoice funding = fundingChoice(section.flatMap(m -> m.map("funding", false)));
        HedgingSettings hedging = new HedgingSettings(
                band(section, "band", HedgeSettings.DEFAULT_BAND),
                new FailoverSettings(
                        failover.flatMap(f -> f.duration("after")).orElse(Duration.ofSeconds(30)),
                        failover.flatMap(f -> f.integer("rejections", false, 1, 100))
                                .orElse(3L)
                                .intValue(),
                        failover.flatMap(f -> f.duration("probeEvery")).orElse(Duration.ofMinutes(1))),
                section.flatMap(m -> m.duration("maintainEvery")).orElse(Duration.ofMinutes(5)),
                funding.horizon(),
                funding.switchingCost());
        failover.ifPresent(YamlMap::finish);
        section.ifPresent(YamlMap::finish);
        return hedging;
    }

    /** A band field: a share of the vault's value above 0 and at most 0.5 (0.05 is 5 %). */
    public static BigDecimal band(Optional<YamlMap> section, String key, BigDecimal otherwise) {
        return section.flatMap(m -> m.decimal(key, false, BigDecimal.ZERO, true, new BigDecimal("0.5")))
                .orElse(otherwise);
    }

    /** The Arbitrage kind's venue choice: move the hedge only if the funding gain over the horizon pays the move. */
    public record FundingChoice(Duration horizon, BigDecimal switchingCost) {}

    /** A hedging section's {@code funding} (defaults: 24 h, 0.1 % of notional). */
    public static FundingChoice fundingChoice(Optional<YamlMap> funding) {
        FundingChoice choice = new FundingChoice(
                funding.flatMap(f -> f.duration("horizon")).orElse(Duration.ofHours(24)),
                funding.flatMap(f -> f.decimal("switchingCost", false, BigDecimal.ZERO, false, new BigDecimal("0.1")))
                        .orElse(new BigDecimal("0.001")));
        funding.ifPresent(YamlMap::finish);
        return choice;
    }
}
