package io.yielddelta.keeper.core.backtest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Collects one run's hourly samples and turns them into its metrics. Costs are negative percentages. */
final class RunRecorder {
    private static final double HOURS_PER_YEAR = 365 * 24;

    /**
     * @param value    everything the run holds, in quote units, before gas
     * @param baseHeld the base asset it holds (position, idle, fees owed): its delta before any hedge
     * @param fees     fees earned so far, in quote units
     */
    record Holdings(double value, double baseHeld, double fees, double hedgePnl) {}

    private final Backtest.Settings settings;
    private final double initialValue;
    private final List<HourSample> samples = new ArrayList<>();
    private double gas;
    private int rebalances;
    private int hoursWithinBand;
    private double lastHodlValue;

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
        double net = h.value() + h.hedgePnl() - gas;
        double impermanentLoss = h.value() - h.fees() - hodlValue;
        double deltaPct = h.baseHeld() * price / net * 100;
        if (Math.abs(deltaPct) <= settings.hedgeBandPct()) {
            hoursWithinBand++;
        }
        lastHodlValue = hodlValue;
        samples.add(new HourSample(time, price, range[0], range[1], deltaPct, settings.hedgeBandPct(), net, h.fees(),
                impermanentLoss, h.hedgePnl(), 0, 0, gas));
    }

    double impermanentLoss() {
        return samples.getLast().impermanentLoss();
    }

    BacktestResult.Run finish(double unhedgedImpermanentLoss, double averageSlippagePct, double maxLagHours) {
        HourSample last = samples.getLast();
        double years = samples.size() * settings.step().toMinutes() / 60.0 / HOURS_PER_YEAR;
        double net = (last.value() - initialValue) / initialValue * 100;
        double il = last.impermanentLoss() / initialValue * 100;
        double hedge = last.hedgePnl() / initialValue * 100;
        double ilReduction = unhedgedImpermanentLoss == 0 ? 0
                : 100 * (1 - Math.abs(last.impermanentLoss() + last.hedgePnl()) / Math.abs(unhedgedImpermanentLoss));
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
                (last.tradingFees() - last.funding()) / initialValue * 100 / years,
                ilReduction,
                averageSlippagePct,
                maxLagHours,
                rebalances,
                0);
        return new BacktestResult.Run(metrics, List.copyOf(samples));
    }
}
