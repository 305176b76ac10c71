package io.yielddelta.keeper.core.backtest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Collects one run's hourly samples and turns them into its metrics. Costs are negative percentages. */
final class RunRecorder {
    private static final double HOURS_PER_YEAR = 365 * 24;

    /**
     * @param value    everything the pool side holds, in quote units, before gas
     * @param baseHeld the base asset it holds (position, idle, fees owed) plus the hedge: its net delta
     * @param fees     pool fees earned so far, in quote units
     * @param hedge    the hedge's cumulative P&amp;L and costs
     */
    record Holdings(double value, double baseHeld, double fees, HedgedRun.Costs hedge) {
        Holdings hedgedBy(double hedgePosition, HedgedRun.Costs costs) {
            return new Holdings(value, baseHeld + hedgePosition, fees, costs);
        }
    }

    private final Backtest.Settings settings;
    private final double initialValue;
    private final List<HourSample> samples = new ArrayList<>();
    private double gas;
    private int rebalances;
    private int hoursWithinBand;
    private double lastHodlValue;
    private HedgedRun.Costs lastHedge = HedgedRun.Costs.NONE;

    RunRecorder(Backtest.Settings settings, double initialValue) {
        this.settings = settings;
        this.initialValue = initialValue;
        this.lastHodlValue = initialValue;
    }

    void rebalanced(double gasCost) {
        rebalances++;
        gas += gasCost;
    }

    void record(Instant time, double price, double[] range, Holdings h, double hodlValue) {
        HedgedRun.Costs hedge = h.hedge();
        double net = h.value() + hedge.hedgePnl() + hedge.funding() - hedge.tradingFees() - gas;
        double impermanentLoss = h.value() - h.fees() - hodlValue;
        // Of the vault's own value, as the keeper's hedge band is: the venue account is the hedge, not the vault.
        double deltaPct = h.baseHeld() * price / h.value() * 100;
        if (Math.abs(deltaPct) <= settings.hedgeBandPct()) {
            hoursWithinBand++;
        }
        lastHodlValue = hodlValue;
        lastHedge = hedge;
        samples.add(new HourSample(time, price, range[0], range[1], deltaPct, settings.hedgeBandPct(), net, h.fees(),
                impermanentLoss, hedge.hedgePnl(), hedge.funding(), hedge.tradingFees(), gas));
    }

    double impermanentLoss() {
        return samples.getLast().impermanentLoss();
    }

    /**
     * @param unhedgedImpermanentLoss the same ranges' loss to HODL without a hedge; 0 where no comparison applies
     * @param hedgeOrders             hedge orders sent; 0 for a run that does not hedge
     */
    BacktestResult.Run finish(double unhedgedImpermanentLoss, double averageSlippagePct, double maxLagHours, int hedgeOrders) {
        HourSample last = samples.getLast();
        double years = samples.size() * settings.step().toMinutes() / 60.0 / HOURS_PER_YEAR;
        double net = (last.value() - initialValue) / initialValue * 100;
        double il = last.impermanentLoss() / initialValue * 100;
        double hedge = last.hedgePnl() / initialValue * 100;
        // A hedged vault means to hold its starting value whatever the price: what price moves still did to it
        // (impermanent loss + price exposure + hedge) is its impermanent loss left, against the unhedged ranges' loss.
        double remainingLoss = hedgeOrders == 0 ? last.impermanentLoss()
                : last.impermanentLoss() + (lastHodlValue - initialValue) + last.hedgePnl();
        double ilReduction = unhedgedImpermanentLoss == 0 ? 0
                : 100 * (1 - Math.abs(remainingLoss) / Math.abs(unhedgedImpermanentLoss));
        VaultMetrics metrics = new VaultMetrics(
                net / years,
                (lastHodlValue - initialValue) / initialValue * 100,
                last.fees() / initialValue * 100 / years,
                il,
                hedge,
                last.funding() / initialValue * 100,
                -last.tradingFees() / initialValue * 100,
                -last.gas() / initialValue * 100,
                100.0 * hoursWithinBand / samples.size(),
                (last.tradingFees() + lastHedge.slippage() - last.funding()) / initialValue * 100 / years,
                ilReduction,
                averageSlippagePct,
                maxLagHours,
                rebalances,
                hedgeOrders);
        return new BacktestResult.Run(metrics, List.copyOf(samples));
    }
}
