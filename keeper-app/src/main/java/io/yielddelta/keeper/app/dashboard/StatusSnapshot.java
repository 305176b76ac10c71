package io.yielddelta.keeper.app.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard shows and {@code /api/status} returns, at one moment. Prices are for display (double); amounts the
 * keeper acts on never pass through here. Nothing in it is secret: names, addresses, figures and reasons.
 *
 * @param role       {@code hedging} (this keeper runs the hedges), {@code standby} (another keeper of the cluster does),
 *                   or {@code no hedged vaults}
 * @param services   each daemon service's state and detail, as {@code /health} reports them
 */
public record StatusSnapshot(
        String version,
        String instance,
        Instant at,
        Trading trading,
        String role,
        boolean clustered,
        boolean ready,
        Map<String, Service> services,
        List<Vault> vaults,
        List<Venue> venues,
        List<Cycle> cycles,
        List<Journal> journal,
        List<Alert> alerts) {

    public record Trading(String state, boolean emergencyExit, String reason, Instant since) {}

    public record Service(String state, String detail) {}

    /**
     * One vault. For a hedged vault prices are of its base asset in its quote token; otherwise the chart is in ticks.
     *
     * @param unit    what the price figures are in, e.g. {@code USDC per ETH} or {@code tick}
     * @param history the price, TWAP and range at each chain read, oldest first
     */
    public record Vault(
            String name,
            String address,
            String kind,
            boolean hedged,
            String unit,
            Point latest,
            List<Point> history,
            Delta delta,
            List<DeltaPoint> deltaHistory,
            Pnl pnl,
            Cycle lastDecision,
            Boolean hedgeRunning) {}

    /** @param at the block time of the read */
    public record Point(Instant at, double price, double twap, Double lower, Double upper) {}

    /**
     * The hedge against the vault after the last hedge pass.
     *
     * @param deltaPct   the vault's delta net of the hedge, in % of the vault's value (signed)
     * @param bandPct    the band it is kept within, in % of the vault's value
     * @param hedgeSize  the hedge position (base units, negative = short) across the vault's venues
     * @param vaultDelta the vault's own delta (base units)
     */
    public record Delta(
            Instant at,
            double deltaPct,
            double bandPct,
            boolean outOfBand,
            BigDecimal hedgeSize,
            BigDecimal vaultDelta,
            BigDecimal vaultValue,
            BigDecimal mark,
            String lastPass) {}

    public record DeltaPoint(Instant at, double deltaPct) {}

    /**
     * The vault's P&amp;L since this keeper started, in quote units, estimated from what the keeper observes: fees are the
     * growth of the position's uncollected fees at each chain read; LVR is ½·|Γ|·ΔP² summed over the streamed marks;
     * price is the vault's own delta marked to each mark (the exposure the hedge offsets); the hedge is its position
     * marked to each mark; funding is the position's notional times the venue's hourly rate;
     * costs are the hedge fills' distance from the mark (venue fees are not reported by every venue and are left out)
     * and the rebalances' gas, in the chain's native token (not in the total).
     */
    public record Pnl(
            double fees,
            double lvr,
            double price,
            double hedge,
            double funding,
            double executionCost,
            double net,
            double gasNative,
            int rebalances) {}

    public record Venue(
            String name,
            Instant at,
            BigDecimal accountValue,
            BigDecimal marginUsed,
            Double leverage,
            List<VenuePosition> positions) {}

    /** @param liquidationDistancePct |liquidation − mark| / mark in %, null where the venue reports no liquidation price */
    public record VenuePosition(
            String market,
            BigDecimal size,
            BigDecimal entryPrice,
            BigDecimal mark,
            BigDecimal liquidationPrice,
            Double liquidationDistancePct,
            BigDecimal fundingRatePerHour) {}

    public record Cycle(
            String decisionId,
            String vault,
            Instant fireTime,
            String action,
            List<String> triggers,
            String reason,
            String outcome) {}

    public record Journal(String decisionId, String vault, String status, String outcome, Instant updatedAt) {}

    public record Alert(Instant at, String kind, String text) {}
}
