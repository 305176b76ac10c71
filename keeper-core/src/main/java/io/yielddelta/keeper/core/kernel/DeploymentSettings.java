package io.yielddelta.keeper.core.kernel;

import io.yielddelta.keeper.core.cycle.CycleVault;
import io.yielddelta.keeper.core.hedge.FailoverSettings;
import io.yielddelta.keeper.core.hedge.HedgeSettings;
import io.yielddelta.keeper.core.policy.PolicySettings;
import io.yielddelta.keeper.core.risk.RiskLimits;
import io.yielddelta.keeper.core.vault.VaultKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the {@link Keeper} kernel needs to know of a deployment, whichever runtime reads it: the daemon's deployment
 * file and the backtest's file both come down to this.
 *
 * @param limits  the risk engine's limits for the whole deployment
 * @param hedging how hedged vaults hedge
 */
public record DeploymentSettings(List<VaultSettings> vaults, RiskLimits limits, HedgingSettings hedging) {

    public DeploymentSettings {
        vaults = List.copyOf(vaults);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(hedging, "hedging");
    }

    /** A deployment whose vaults do not hedge (benchmarks, unhedged backtests): its risk limits never see an order. */
    public static DeploymentSettings unhedged(List<VaultSettings> vaults) {
        if (vaults.stream().anyMatch(VaultSettings::hedged)) {
            throw new IllegalArgumentException(
                    "a hedged vault needs the deployment's risk limits and hedging settings");
        }
        return new DeploymentSettings(
                vaults,
                RiskLimits.withDefaults(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE),
                new HedgingSettings(
                        HedgeSettings.DEFAULT_BAND,
                        FailoverSettings.NEVER,
                        Duration.ofMinutes(5),
                        Duration.ofHours(8),
                        BigDecimal.ZERO));
    }

    public List<VaultSettings> hedgedVaults() {
        return vaults.stream().filter(VaultSettings::hedged).toList();
    }

    /**
     * Each vault's own cap on its hedge, by the vault's address in lower case: a hedge order names its vault by the
     * address it was read at, and the kernel reads hedged vaults by their lower-case address.
     */
    public Map<String, BigDecimal> vaultCaps() {
        Map<String, BigDecimal> caps = new LinkedHashMap<>();
        vaults.forEach(v -> caps.put(v.address().toLowerCase(Locale.ROOT), v.maxNotional()));
        return caps;
    }

    /**
     * One vault.
     *
     * @param maxNotional the most its hedge may hold, in quote units
     * @param hedge       how it hedges; empty for a vault that does not
     */
    public record VaultSettings(
            String name,
            String address,
            VaultKind kind,
            PolicySettings policy,
            BigDecimal maxNotional,
            Optional<HedgeSpec> hedge) {

        public VaultSettings {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(maxNotional, "maxNotional");
            Objects.requireNonNull(hedge, "hedge");
        }

        public CycleVault cycleVault() {
            return new CycleVault(name, address, kind, policy);
        }

        /** A kind that hedges, with a hedge section whose ratio is above 0. */
        public boolean hedged() {
            return kind != VaultKind.CONCENTRATED_LIQUIDITY
                    && hedge.map(h -> h.ratio().signum() > 0).orElse(false);
        }
    }

    /**
     * @param venues       in order of preference: the first is primary, the second takes over when it is unavailable
     * @param market       the venues' market of the pool's base asset (ETH, BTC…)
     * @param ratio        share of the vault's delta to hedge (1 = all of it)
     * @param baseIsToken0 whether that base asset is the pool's token0
     */
    public record HedgeSpec(
            List<String> venues, String market, BigDecimal ratio, boolean baseIsToken0, int decimals0, int decimals1) {

        public HedgeSpec {
            venues = List.copyOf(venues);
            if (venues.isEmpty()) {
                throw new IllegalArgumentException("a hedge needs at least one venue");
            }
            Objects.requireNonNull(market, "market");
            Objects.requireNonNull(ratio, "ratio");
        }
    }

    /**
     * @param band           re-hedge when the hedge is off target by more than this share of the vault's value
     * @param failover       when a vault's hedge leaves its primary venue; also how long a hedge may keep failing
     *                       before its vault stops rebalancing
     * @param maintainEvery  how often the hedges are reconciled, re-read and reported; a hedge not reported for three
     *                       of these is taken to be down
     * @param fundingHorizon Arbitrage kind: the horizon over which a funding advantage must pay for switching venue
     * @param switchingCost  Arbitrage kind: the cost of moving the hedge, as a fraction of its notional
     */
    public record HedgingSettings(
            BigDecimal band,
            FailoverSettings failover,
            Duration maintainEvery,
            Duration fundingHorizon,
            BigDecimal switchingCost) {

        public HedgingSettings {
            Objects.requireNonNull(band, "band");
            Objects.requireNonNull(failover, "failover");
            Objects.requireNonNull(maintainEvery, "maintainEvery");
            Objects.requireNonNull(fundingHorizon, "fundingHorizon");
            Objects.requireNonNull(switchingCost, "switchingCost");
        }
    }
}
