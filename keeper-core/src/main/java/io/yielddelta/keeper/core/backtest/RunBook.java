package io.yielddelta.keeper.core.backtest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * One run's books: its P&amp;L lines (the pool side's, shared with the same ranges unhedged, and the hedge's), its
 * delta measurements, rebalances, daily P&amp;L and hourly samples; and from them its metrics for the whole run and
 * each calendar year.
 */
final class RunBook {
    private static final double HOURS_PER_YEAR = 365 * 24;

    /** A rebalance: when, its cost per swapped notional (NaN without a swap), and how long its trigger waited. */
    record Rebalance(Instant time, double costPerNotional, double lagHours) {}

    private record YearStart(int year, Instant start, Ledger ledger, double value, int deltaIndex, int orders) {}

    private final double capital;
    private final double collateral;
    private final Ledger pool;
    /** The hedge's lines; null for a run that does not hedge. */
    private final Ledger hedge;

    private final double bandPct;
    private final IntSupplier orders;
    private final DeltaMeter delta = new DeltaMeter();
    private final List<Rebalance> rebalances = new ArrayList<>();
    private final List<YearStart> years = new ArrayList<>();
    private final List<HourSample> samples = new ArrayList<>();
    private final double[] dailyNet;
    private final double[] dailyEdge;
    private int days;
    private double lastDayNet;
    private double lastDayEdge;

    /**
     * @param capital    the vault's starting value plus its hedge collateral
     * @param hedge      the hedge's lines, null when the run does not hedge
     * @param orders     hedge orders sent so far
     * @param dayCapacity how many UTC days the run spans, at most
     */
    RunBook(
            double capital,
            double collateral,
            Ledger pool,
            Ledger hedge,
            double bandPct,
            IntSupplier orders,
            int dayCapacity) {
        this.capital = capital;
        this.collateral = collateral;
        this.pool = pool;
        this.hedge = hedge;
        this.bandPct = bandPct;
        this.orders = orders;
        this.dailyNet = new double[dayCapacity];
        this.dailyEdge = new double[dayCapacity];
    }

    Ledger now() {
        Ledger total = pool.copy();
        if (hedge != null) {
            total.hedgePnl = hedge.hedgePnl;
            total.hedgeSlippage = hedge.hedgeSlippage;
            total.hedgeFees = hedge.hedgeFees;
            total.funding = hedge.funding;
        }
        return total;
    }

    double capital() {
        return capital;
    }

    void rebalanced(Instant time, double costPerNotional, double lagHours) {
        rebalances.add(new Rebalance(time, costPerNotional, lagHours));
    }

    /** The first hour of a calendar year (or of the run) begins. */
    void yearBegins(Instant start) {
        Ledger at = now();
        if (!years.isEmpty()) {
            delta.newPeriod();
        }
        years.add(new YearStart(
                start.atZone(ZoneOffset.UTC).getYear(),
                start,
                at,
                capital + at.net(),
                delta.periods() - 1,
                orders.getAsInt()));
    }

    /** Where the points' |net delta| (% of the vault's value, before the hedger acts) goes. */
    DeltaMeter meter() {
        return delta;
    }

    /** A UTC day ended: its P&amp;L goes into the bootstrap's series. */
    void dayEnds() {
        Ledger at = now();
        double net = at.net();
        double edge = at.edge();
        dailyNet[days] = net - lastDayNet;
        dailyEdge[days] = edge - lastDayEdge;
        days++;
        lastDayNet = net;
        lastDayEdge = edge;
    }

    void sample(Instant time, double price, double rangeLower, double rangeUpper, double deltaPct) {
        Ledger at = now();
        samples.add(new HourSample(
                time,
                price,
                rangeLower,
                rangeUpper,
                deltaPct,
                bandPct,
                capital + at.net(),
                at.hodl,
                at.direction,
                at.fees,
                -at.lvr,
                -at.swapCost - at.gas,
                at.hedgePnl,
                -at.hedgeFees - at.hedgeSlippage,
                at.funding));
    }

    BacktestResult.Run finish(Instant end, BacktestResult.EndState endState) {
        Ledger last = now();
        Map<Integer, VaultMetrics> perYear = new LinkedHashMap<>();
        YearStart first = years.getFirst();
        double runYears = Duration.between(first.start(), end).toMinutes() / 60.0 / HOURS_PER_YEAR;
        List<Double> netCi = Bootstrap.interval90(java.util.Arrays.copyOf(dailyNet, days), capital, runYears);
        List<Double> edgeCi = Bootstrap.interval90(java.util.Arrays.copyOf(dailyEdge, days), capital, runYears);
        for (int y = 0; y < years.size(); y++) {
            YearStart start = years.get(y);
            boolean lastYear = y == years.size() - 1;
            Instant periodEnd = lastYear ? end : years.get(y + 1).start();
            Ledger ledgerEnd = lastYear ? last : years.get(y + 1).ledger();
            int deltaEnd = lastYear ? delta.periods() : years.get(y + 1).deltaIndex();
            int ordersEnd = lastYear ? orders.getAsInt() : years.get(y + 1).orders();
            perYear.put(
                    start.year(),
                    metrics(
                            start.start(),
                            periodEnd,
                            ledgerEnd.since(start.ledger()),
                            start.value(),
                            start.deltaIndex(),
                            deltaEnd,
                            ordersEnd - start.orders(),
                            List.of(),
                            List.of()));
        }
        VaultMetrics whole = metrics(
                first.start(),
                end,
                last.since(first.ledger()),
                capital,
                0,
                delta.periods(),
                orders.getAsInt() - first.orders(),
                netCi,
                edgeCi);
        BacktestResult.Daily daily = new BacktestResult.Daily(
                java.util.Arrays.stream(dailyNet, 0, days).boxed().toList(),
                java.util.Arrays.stream(dailyEdge, 0, days).boxed().toList());
        return new BacktestResult.Run(whole, perYear, last.attribution(), endState, daily, List.copyOf(samples));
    }

    private VaultMetrics metrics(
            Instant from,
            Instant to,
            Ledger d,
            double base,
            int deltaFrom,
            int deltaTo,
            int hedgeOrders,
            List<Double> netCi,
            List<Double> edgeCi) {
        double years = Duration.between(from, to).toMinutes() / 60.0 / HOURS_PER_YEAR;
        double pct = 100 / base;
        double apy = pct / years;
        double[] deltaStats = delta.stats(deltaFrom, deltaTo);
        List<Rebalance> period = rebalances.stream()
                .filter(r -> !r.time().isBefore(from) && r.time().isBefore(to))
                .toList();
        double[] costs = period.stream()
                .mapToDouble(Rebalance::costPerNotional)
                .filter(c -> !Double.isNaN(c))
                .sorted()
                .toArray();
        double meanCost =
                costs.length == 0 ? 0 : java.util.Arrays.stream(costs).average().orElseThrow();
        double p95Cost =
                costs.length == 0 ? 0 : costs[Math.min(costs.length - 1, (int) Math.ceil(0.95 * costs.length) - 1)];
        double maxLag = period.stream().mapToDouble(Rebalance::lagHours).max().orElse(0);
        double il = d.direction - d.lvr - d.swapCost;
        double ilReduction = 0;
        if (hedge != null && il != 0) {
            // A hedged vault means to keep its value whatever the price: what price moves still did to it (IL, price
            // exposure and the hedge's price P&L) is the loss left, against the same ranges' loss unhedged.
            double remaining = il + d.hodl + d.hedgePnl - d.hedgeSlippage;
            ilReduction = 100 * (1 - Math.abs(remaining) / Math.abs(il));
        }
        double hedgingCost = d.hedgeFees + d.hedgeSlippage;
        double edge = d.edge();
        return new VaultMetrics(
                d.net() * apy,
                d.hodl * apy,
                (d.net() - d.hodl) * apy,
                edge * apy,
                d.fees * apy,
                -d.lvr * apy,
                -(d.swapCost + d.gas) * apy,
                d.direction * apy,
                d.hedgePnl * apy,
                hedgingCost * apy,
                d.funding * apy,
                d.hodl * pct,
                il * pct,
                d.hedgePnl * pct,
                d.funding * pct,
                -d.hedgeFees * pct,
                -d.gas * pct,
                100 - deltaStats[0],
                deltaStats[0],
                deltaStats[1],
                deltaStats[2],
                ilReduction,
                meanCost * 100,
                p95Cost * 100,
                maxLag,
                period.size(),
                hedgeOrders,
                base,
                collateral,
                years,
                netCi,
                edgeCi);
    }
}
