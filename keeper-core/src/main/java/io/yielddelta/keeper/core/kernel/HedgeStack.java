package io.yielddelta.keeper.core.kernel;

import io.yielddelta.keeper.core.hedge.FundingVenueSelector;
import io.yielddelta.keeper.core.hedge.HedgeExecutor;
import io.yielddelta.keeper.core.hedge.HedgeJournal;
import io.yielddelta.keeper.core.hedge.HedgePlanner;
import io.yielddelta.keeper.core.hedge.HedgePreset;
import io.yielddelta.keeper.core.hedge.HedgeReconciler;
import io.yielddelta.keeper.core.hedge.HedgeSettings;
import io.yielddelta.keeper.core.hedge.VaultHedger;
import io.yielddelta.keeper.core.hedge.VenueRouter;
import io.yielddelta.keeper.core.kernel.DeploymentSettings.HedgeSpec;
import io.yielddelta.keeper.core.kernel.DeploymentSettings.VaultSettings;
import io.yielddelta.keeper.core.risk.TradingControl;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import java.time.Clock;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One hedged vault's hedge: a router over its venues (primary, secondary), the executor with the planner of its kind's
 * preset, the reconciler, and the {@link VaultHedger} fed by the primary's marks. Every order passes the deployment's
 * one risk engine.
 */
record HedgeStack(
        VaultSettings vault, HedgeSpec spec, VenueRouter router, HedgeReconciler reconciler, VaultHedger hedger) {

    /** @throws IllegalArgumentException naming the vault, or a venue whose configuration its client refuses */
    static HedgeStack open(
            VaultSettings vault,
            BiFunction<String, VaultSettings, HedgeVenue> account,
            DeploymentSettings.HedgingSettings hedging,
            TradingControl trading,
            HedgeJournal journal,
            Clock clock,
            KeeperMetrics metrics) {
        HedgeSpec spec = vault.hedge().orElseThrow();
        HedgeSettings settings = HedgePreset.of(vault.kind())
                .settings()
                .withHedgeRatio(spec.ratio())
                .withBand(hedging.band());
        int needed = settings.venueByFunding() ? 2 : 1;
        if (spec.venues().size() < needed) {
            throw new IllegalArgumentException("vault " + vault.name() + ": " + vault.kind() + " needs at least "
                    + needed + " hedge venue(s), got " + spec.venues());
        }
        List<HedgeVenue> venues =
                spec.venues().stream().map(name -> account.apply(name, vault)).toList();
        VenueRouter router =
                new VenueRouter(venues.getFirst(), venues.size() > 1 ? venues.get(1) : null, hedging.failover(), clock);
        FundingVenueSelector funding = settings.venueByFunding()
                ? new FundingVenueSelector(hedging.fundingHorizon(), hedging.switchingCost())
                : null;
        HedgeExecutor executor = new HedgeExecutor(
                new HedgePlanner(settings, trading.engine().limits().maxOrderNotional()),
                trading.engine(),
                router,
                journal,
                clock,
                trading,
                funding);
        VaultHedger hedger = new VaultHedger(
                new VaultHedger.Spec(
                        vault.name(), spec.market(), spec.baseIsToken0(), spec.decimals0(), spec.decimals1()),
                executor,
                venues.getFirst(),
                clock,
                (exposure, result) -> metrics.hedgePass(vault.name(), exposure, result));
        return new HedgeStack(vault, spec, router, new HedgeReconciler(router, journal, trading.engine()), hedger);
    }
}
