package io.yielddelta.keeper.core.backtest;

import io.yielddelta.keeper.core.time.SimulatedClock;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.yielddelta.keeper.core.clmm.SimulatedPool;
import io.yielddelta.keeper.core.clmm.TickMath;
import io.yielddelta.keeper.core.cycle.CycleVault;
import io.yielddelta.keeper.core.cycle.Decision;
import io.yielddelta.keeper.core.cycle.KeeperCycle;
import io.yielddelta.keeper.core.market.HourlyBar;
import io.yielddelta.keeper.core.market.MarkPath;
import io.yielddelta.keeper.core.policy.Action;
import io.yielddelta.keeper.core.policy.PolicySettings;
import io.yielddelta.keeper.core.policy.RangeScorer;
import io.yielddelta.keeper.core.policy.RebalancePolicy;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.VaultGuards;
import io.yielddelta.keeper.core.vault.VaultKind;
import io.yielddelta.keeper.core.vault.VaultReading;

/**
 * Replays market history through the live decision code: every step the simulated pools move to the next historical
 * price by swaps, fees accrue by the {@link FeeModel}, and one {@link KeeperCycle} — the same class, policy and scorer
 * the daemon runs — reads all vaults through a {@link SimulatedChain}, decides and rebalances. Beside each vault's
 * strategy it runs the same ranges unhedged, HODL and a full-range position. Deterministic for the same inputs.
 *
 * <p>Tokens: token0 is the base asset with {@code baseDecimals}, token1 the quote (USD) with {@code quoteDecimals}.
 */
public final class Backtest {
    private static final MathContext MC = new MathContext(40, RoundingMode.HALF_EVEN);
    private static final BigInteger MOVE_ANY_AMOUNT = BigInteger.TEN.pow(60);
    private static final int INITIAL_HALF_WIDTH_TICKS = 1200;

    /** A vault to simulate: its name, kind and the policy and contract guards it runs under. */
    public record VaultSpec(String name, VaultKind kind, PolicySettings policy, VaultGuards guards) {
        public VaultSpec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(guards, "guards");
        }
    }

    /**
     * @param initialValue    each vault's starting value in quote units, deposited half and half at the first price
     * @param gasPerRebalance what one rebalance transaction costs, in quote units
     * @param hedgeBandPct    the delta band, % of vault value, that "delta within band" is measured against
     */
    public record Settings(BigDecimal initialValue, int baseDecimals, int quoteDecimals, int feePips, int tickSpacing,
            FeeModel feeModel, BigDecimal gasPerRebalance, double hedgeBandPct, Duration step) {}

    /** Told after each simulated step, for a progress bar. */
    @FunctionalInterface
    public interface Progress {
        void advanced(int stepsDone, int stepsTotal);
    }

    private final Settings settings;
    private final RangeScorer scorer;
    private final HedgeSimulation hedging;

    /** A backtest of unhedged vaults (Concentrated Liquidity) only. */
    public Backtest(Settings settings, RangeScorer scorer) {
        this(settings, scorer, null);
    }

    /**
     * @param scorer  the range scorer the live keeper would use (one instance sees every vault, in time order)
     * @param hedging how the Delta Neutral and Arbitrage vaults hedge; null when there are none
     */
    public Backtest(Settings settings, RangeScorer scorer, HedgeSimulation hedging) {
        this.settings = settings;
        this.scorer = scorer;
        this.hedging = hedging;
    }

    public BacktestResult run(List<HourlyBar> bars, List<VaultSpec> specs, Progress progress) {
        if (bars.size() < 2) {
            throw new IllegalArgumentException("a backtest needs at least two bars, got " + bars.size());
        }
        for (VaultSpec spec : specs) {
            if (spec.kind() != VaultKind.CONCENTRATED_LIQUIDITY && hedging == null) {
                throw new IllegalArgumentException("vault " + spec.name() + ": " + spec.kind()
                        + " hedges, but the backtest was given no hedge venues");
            }
        }
        SimulatedClock clock = new SimulatedClock(bars.getFirst().openTime());
        SimulatedChain chain = new SimulatedChain(clock, settings.step());
        KeeperCycle cycle = new KeeperCycle(chain, scorer, new RebalancePolicy(), new InMemoryJournal(), clock);
        BigDecimal firstPrice = bars.getFirst().close();

        List<VaultRuns> all = new ArrayList<>();
        Map<String, VaultRuns> byAddress = new java.util.HashMap<>();
        List<CycleVault> cycleVaults = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            VaultSpec spec = specs.get(i);
            VaultRuns runs = new VaultRuns(spec, String.format("0x%040x", i + 1), firstPrice, clock);
            chain.add(runs.managed.vault, spec.guards());
            all.add(runs);
            byAddress.put(runs.managed.vault.address(), runs);
            cycleVaults.add(new CycleVault(spec.name(), runs.managed.vault.address(), spec.kind(), spec.policy()));
        }

        List<VaultRuns> hedged = all.stream().filter(runs -> runs.hedge != null).toList();
        for (int step = 0; step < bars.size(); step++) {
            HourlyBar bar = bars.get(step);
            if (!hedged.isEmpty()) {
                streamMarks(bar, clock, hedged);
            }
            clock.set(bar.openTime().plus(settings.step()));
            chain.beginStep();
            for (VaultRuns runs : all) {
                runs.moveTo(bar);
            }
            for (Decision decision : cycle.run(clock.instant(), cycleVaults, KeeperCycle.Mode.LIVE)) {
                byAddress.get(decision.vault()).decided(decision);
            }
            for (VaultRuns runs : hedged) {
                VaultReading reading = chain.readVaults(List.of(runs.managed.vault.address())).getFirst();
                runs.hedge.refresh(((VaultReading.Observed) reading).state(), runs.lastDecisionId);
            }
            for (VaultRuns runs : all) {
                runs.sample(bar, clock.instant());
            }
            progress.advanced(step + 1, bars.size());
        }

        Map<String, String> assumptions = new LinkedHashMap<>();
        assumptions.put("decision code", "keeper-core KeeperCycle + RebalancePolicy + " + scorer.getClass().getSimpleName()
                + ", once per " + settings.step().toMinutes() + " min");
        assumptions.put("fee income", settings.feeModel().describe(settings.feePips()));
        assumptions.put("pool", String.format(java.util.Locale.ROOT, "simulated Uniswap V3 pool, fee %d pips, tick spacing %d;"
                + " moved to each bar's close by one swap", settings.feePips(), settings.tickSpacing()));
        assumptions.put("TWAP", "price taken to move linearly within each step");
        assumptions.put("starting value", settings.initialValue().toPlainString() + " quote units per vault, half in each token");
        assumptions.put("gas per rebalance", settings.gasPerRebalance().toPlainString() + " quote units");
        if (!hedged.isEmpty()) {
            assumptions.put("hedge", String.format(java.util.Locale.ROOT, "%s perpetuals, re-hedged by keeper-core's"
                    + " HedgeExecutor when off target by more than %s %% of the vault's value; within each step the marks"
                    + " walk open → nearer extreme → other extreme → close in moves of at most %s %%; %s", hedging.market(),
                    hedging.band().movePointRight(2).stripTrailingZeros().toPlainString(),
                    BigDecimal.valueOf(hedging.markStep() * 100).stripTrailingZeros().toPlainString(),
                    hedging.venues().describe()));
            assumptions.put("hedge capital", "each hedged vault's venue collateral is extra capital: percentages and"
                    + " APYs are of the vault's starting value; venues never fail over (they are always up)");
        }
        assumptions.put("APY", "simple annualised (no compounding) over " + bars.size() + " steps");
        List<BacktestResult.VaultResult> vaults = all.stream().map(VaultRuns::result).toList();
        return new BacktestResult(bars.getFirst().openTime(), bars.getLast().openTime(), assumptions, vaults);
    }

    /** Streams one step's marks to every hedged vault's venues, in time order. */
    private void streamMarks(HourlyBar bar, SimulatedClock clock, List<VaultRuns> hedged) {
        List<BigDecimal> marks = MarkPath.of(bar, hedging.markStep());
        for (int i = 0; i < marks.size(); i++) {
            Instant at = MarkPath.streamedAt(bar.openTime(), i, marks.size());
            clock.set(at);
            for (VaultRuns runs : hedged) {
                runs.hedge.mark(at, marks.get(i));
            }
        }
    }

    /** One vault's side-by-side runs: the managed vault (strategy = same ranges, while unhedged), HODL, full range. */
    private final class VaultRuns {
        final VaultSpec spec;
        final World managed;
        final World fullRange;
        final BigInteger hodl0;
        final BigInteger hodl1;
        final Map<Variant, RunRecorder> recorders = new EnumMap<>(Variant.class);
        /** The strategy's hedge; null for the kinds that do not hedge. */
        final HedgedRun hedge;
        String lastDecisionId;
        Instant firstUnmetTrigger;
        double maxLagHours;

        VaultRuns(VaultSpec spec, String address, BigDecimal firstPrice, SimulatedClock clock) {
            this.spec = spec;
            this.hedge = spec.kind() == VaultKind.CONCENTRATED_LIQUIDITY ? null
                    : new HedgedRun(spec, hedging, clock, settings.baseDecimals(), settings.quoteDecimals());
            BigDecimal half = settings.initialValue().divide(BigDecimal.TWO, MC);
            hodl0 = half.divide(firstPrice, MC).movePointRight(settings.baseDecimals()).toBigInteger();
            hodl1 = half.movePointRight(settings.quoteDecimals()).toBigInteger();
            managed = new World(address, firstPrice);
            fullRange = new World("0xf" + address.substring(3), firstPrice);
            int lowest = Math.ceilDiv(TickMath.MIN_TICK, settings.tickSpacing()) * settings.tickSpacing();
            int highest = Math.floorDiv(TickMath.MAX_TICK, settings.tickSpacing()) * settings.tickSpacing();
            fullRange.vault.rebalance(new io.yielddelta.keeper.core.vault.RebalanceOrder("full-range", fullRange.vault.address(),
                    new Range(lowest, highest), false, BigInteger.ZERO, BigInteger.ZERO,
                    BigInteger.ZERO, BigInteger.ZERO, Instant.MAX, BigInteger.ZERO), Instant.EPOCH);
            for (Variant variant : Variant.values()) {
                recorders.put(variant, new RunRecorder(settings, valueOf(hodl0, hodl1, firstPrice)));
            }
        }

        void moveTo(HourlyBar bar) {
            managed.moveTo(bar);
            fullRange.moveTo(bar);
        }

        void decided(Decision decision) {
            lastDecisionId = decision.id();
            boolean unmet = !decision.triggers().isEmpty() && (decision.action() == Action.REFUSE || decision.action() == Action.SKIP);
            if (decision.action() == Action.REBALANCE) {
                Instant since = firstUnmetTrigger == null ? decision.fireTime() : firstUnmetTrigger;
                maxLagHours = Math.max(maxLagHours, Duration.between(since, decision.fireTime()).toMinutes() / 60.0);
                firstUnmetTrigger = null;
                recorders.get(Variant.STRATEGY).rebalanced(settings.gasPerRebalance().doubleValue());
                recorders.get(Variant.UNHEDGED).rebalanced(settings.gasPerRebalance().doubleValue());
            } else if (unmet && firstUnmetTrigger == null) {
                firstUnmetTrigger = decision.fireTime();
            }
        }

        void sample(HourlyBar bar, Instant time) {
            BigDecimal price = bar.close();
            double hodlValue = valueOf(hodl0, hodl1, price);
            RunRecorder.Holdings lp = managed.holdings(price);
            RunRecorder.Holdings strategy = hedge == null ? lp : lp.hedgedBy(hedge.position(), hedge.costs());
            recorders.get(Variant.STRATEGY).record(time, price.doubleValue(), managed.rangePrices(), strategy, hodlValue);
            recorders.get(Variant.UNHEDGED).record(time, price.doubleValue(), managed.rangePrices(), lp, hodlValue);
            recorders.get(Variant.HODL).record(time, price.doubleValue(), new double[] {Double.NaN, Double.NaN},
                    new RunRecorder.Holdings(hodlValue, base(hodl0), 0, HedgedRun.Costs.NONE), hodlValue);
            recorders.get(Variant.FULL_RANGE).record(time, price.doubleValue(), new double[] {Double.NaN, Double.NaN},
                    fullRange.holdings(price), hodlValue);
        }

        BacktestResult.VaultResult result() {
            Map<Variant, BacktestResult.Run> runs = new EnumMap<>(Variant.class);
            double unhedgedIl = recorders.get(Variant.UNHEDGED).impermanentLoss();
            // Only the strategy is measured against the same ranges unhedged; for the others the figure means nothing.
            recorders.forEach((variant, recorder) -> {
                boolean managedRanges = variant == Variant.STRATEGY || variant == Variant.UNHEDGED;
                runs.put(variant, recorder.finish(variant == Variant.STRATEGY ? unhedgedIl : 0,
                        managedRanges ? managed.vault.averageSlippagePct() : 0, managedRanges ? maxLagHours : 0,
                        variant == Variant.STRATEGY && hedge != null ? hedge.ordersSent() : 0));
            });
            return new BacktestResult.VaultResult(spec.name(), spec.kind().name(), runs);
        }
    }

    /** A pool with other LPs' liquidity, one vault in it, and the swaps that move it to each historical price. */
    private final class World {
        final SimulatedPool pool = new SimulatedPool(settings.feePips(), settings.tickSpacing());
        final SimulatedVault vault;

        World(String vaultAddress, BigDecimal firstPrice) {
            pool.initialize(sqrtPriceX96(firstPrice));
            if (settings.feeModel().backgroundLiquidity().signum() > 0) {
                int lowest = Math.ceilDiv(TickMath.MIN_TICK, settings.tickSpacing()) * settings.tickSpacing();
                int highest = Math.floorDiv(TickMath.MAX_TICK, settings.tickSpacing()) * settings.tickSpacing();
                pool.mint("other LPs", lowest, highest, settings.feeModel().backgroundLiquidity());
            }
            BigDecimal half = settings.initialValue().divide(BigDecimal.TWO, MC);
            // Deployed as the sandbox deploys: the constructor's range ±1200 ticks around the price, so the contract's
            // move limit is measured from there (a vault storing no range is measured from tick zero).
            int centre = Math.floorDiv(pool.tick(), settings.tickSpacing()) * settings.tickSpacing();
            int halfWidth = Math.ceilDiv(INITIAL_HALF_WIDTH_TICKS, settings.tickSpacing()) * settings.tickSpacing();
            vault = new SimulatedVault(vaultAddress, pool, new Range(centre - halfWidth, centre + halfWidth),
                    half.divide(firstPrice, MC).movePointRight(settings.baseDecimals()).toBigInteger(),
                    half.movePointRight(settings.quoteDecimals()).toBigInteger());
        }

        void moveTo(HourlyBar bar) {
            BigInteger target = sqrtPriceX96(bar.close());
            double moveVolume = 0;
            int c = target.compareTo(pool.sqrtPriceX96());
            if (c != 0) {
                SimulatedPool.SwapResult swap = pool.swap(c < 0, MOVE_ANY_AMOUNT, target);
                moveVolume = quote(swap.amount1().abs());
            }
            BigInteger active = vault.range().filter(r -> r.contains(pool.tick())).isPresent() ? vault.liquidity() : BigInteger.ZERO;
            double fees = settings.feeModel().vaultFees(bar.volume().multiply(bar.close()).doubleValue(), moveVolume,
                    settings.feePips(), active);
            if (fees > 0) {
                BigDecimal halfFees = BigDecimal.valueOf(fees / 2);
                vault.accrueModelFees(halfFees.divide(bar.close(), MC).movePointRight(settings.baseDecimals()).toBigInteger(),
                        halfFees.movePointRight(settings.quoteDecimals()).toBigInteger());
            }
        }

        RunRecorder.Holdings holdings(BigDecimal price) {
            var position = vault.positionAmounts();
            var owed = vault.feesOwed();
            var collected = vault.collectedFees();
            BigInteger amount0 = position.amount0().add(vault.idle0()).add(owed.amount0());
            BigInteger amount1 = position.amount1().add(vault.idle1()).add(owed.amount1());
            double fees = base(collected.amount0().add(owed.amount0())) * price.doubleValue()
                    + quote(collected.amount1().add(owed.amount1()));
            return new RunRecorder.Holdings(valueOf(amount0, amount1, price), base(amount0), fees, HedgedRun.Costs.NONE);
        }

        double[] rangePrices() {
            return vault.range().map(r -> new double[] {humanPrice(r.tickLower()), humanPrice(r.tickUpper())})
                    .orElse(new double[] {Double.NaN, Double.NaN});
        }
    }

    private double valueOf(BigInteger amount0, BigInteger amount1, BigDecimal price) {
        return base(amount0) * price.doubleValue() + quote(amount1);
    }

    private double base(BigInteger raw) {
        return new BigDecimal(raw).movePointLeft(settings.baseDecimals()).doubleValue();
    }

    private double quote(BigInteger raw) {
        return new BigDecimal(raw).movePointLeft(settings.quoteDecimals()).doubleValue();
    }

    private double humanPrice(int tick) {
        return Math.pow(1.0001, tick) * Math.pow(10, settings.baseDecimals() - settings.quoteDecimals());
    }

    /** sqrt(price · 10^quoteDecimals / 10^baseDecimals) · 2^96, rounded down. */
    BigInteger sqrtPriceX96(BigDecimal price) {
        BigDecimal raw = price.movePointRight(settings.quoteDecimals() - settings.baseDecimals());
        return raw.sqrt(new MathContext(60)).multiply(new BigDecimal(BigInteger.TWO.pow(96))).toBigInteger();
    }
}
