package io.yielddelta.keeper.core.backtest;

import io.yielddelta.keeper.core.clmm.SimulatedPool;
import io.yielddelta.keeper.core.clmm.TickMath;
import io.yielddelta.keeper.core.clmm.TokenAmounts;
import io.yielddelta.keeper.core.cycle.Decision;
import io.yielddelta.keeper.core.cycle.KeeperCycle;
import io.yielddelta.keeper.core.hedge.FailoverSettings;
import io.yielddelta.keeper.core.kernel.DeploymentSettings;
import io.yielddelta.keeper.core.kernel.DeploymentSettings.VaultSettings;
import io.yielddelta.keeper.core.kernel.Keeper;
import io.yielddelta.keeper.core.kernel.VenueProvider;
import io.yielddelta.keeper.core.market.HourlyBar;
import io.yielddelta.keeper.core.market.MarkPath;
import io.yielddelta.keeper.core.observation.HourObservation;
import io.yielddelta.keeper.core.observation.ObservationRecorder;
import io.yielddelta.keeper.core.policy.Action;
import io.yielddelta.keeper.core.policy.PolicySettings;
import io.yielddelta.keeper.core.policy.RangeScorer;
import io.yielddelta.keeper.core.policy.VaultScorers;
import io.yielddelta.keeper.core.time.SimulatedClock;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.VaultGuards;
import io.yielddelta.keeper.core.vault.VaultKind;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Replays market history through the live decision code. Every hour the price walks the bar's intra-hour path
 * ({@link MarkPath}): along it each run realises its LVR, earns the {@link FeeModel}'s fees (valued when they accrue),
 * has its delta measured and, when hedged, its hedge sees the path's points as marks. At the end of the hour the
 * simulated pools stand at the close and the {@link Keeper} kernel — built as the daemon builds it, with the same
 * cycle, policy, scorer, rebalance gate, risk engine, hedges and risk watch — reads all vaults through a
 * {@link SimulatedChain}, decides and rebalances on the exact Uniswap V3 math. Beside each
 * vault's strategy it runs the same ranges unhedged, HODL and a full-range position. Hours missing from the history
 * are carried across: nothing trades and no fee accrues, and the price jumps at the next bar. Deterministic for the
 * same inputs (the path is seeded).
 *
 * <p>Tokens: token0 is the base asset with {@code baseDecimals}, token1 the quote (USD) with {@code quoteDecimals}.
 */
public final class Backtest {
    private static final int INITIAL_HALF_WIDTH_TICKS = 1200;
    private static final double LOG_TICK = Math.log(1.0001);
    private static final Duration HOUR = Duration.ofHours(1);
    /** The simulated pools put the base asset first, so a tick is a price of the base in the quote. */
    private static final boolean BASE_IS_TOKEN0 = true;

    /**
     * A vault to simulate: its name, kind and the policy and contract guards it runs under, and for the kinds that
     * hedge, as a deployment file's vault says: the share of its delta to hedge and its own cap on the hedge.
     *
     * @param hedgeRatio  share of the vault's delta its hedge holds (1 = all of it); above 0
     * @param maxNotional the most its hedge may hold, in quote units; empty: the risk limits' per-vault limit
     */
    public record VaultSpec(
            String name,
            VaultKind kind,
            PolicySettings policy,
            VaultGuards guards,
            BigDecimal hedgeRatio,
            Optional<BigDecimal> maxNotional) {
        public VaultSpec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(guards, "guards");
            Objects.requireNonNull(maxNotional, "maxNotional");
            if (hedgeRatio == null || hedgeRatio.signum() <= 0) {
                throw new IllegalArgumentException("vault " + name + ": hedgeRatio must be above 0, was " + hedgeRatio);
            }
        }

        /** A vault hedging all its delta, capped by the risk limits alone. */
        public VaultSpec(String name, VaultKind kind, PolicySettings policy, VaultGuards guards) {
            this(name, kind, policy, guards, BigDecimal.ONE, Optional.empty());
        }
    }

    /**
     * @param initialValue     each vault's starting value in quote units, deposited half and half at the first price
     * @param feeModel         calibrated for the pool's fee tier ({@code feePips})
     * @param path             the intra-hour path the pools and the hedges' marks follow
     * @param gasPerRebalance  what one rebalance transaction costs, in quote units
     * @param measuringBandPct the band |net delta| is measured against, % of the vault's value; a setting apart from
     *                         the hedger's re-hedge threshold
     */
    public record Settings(
            BigDecimal initialValue,
            int baseDecimals,
            int quoteDecimals,
            int feePips,
            int tickSpacing,
            FeeModel feeModel,
            MarkPath path,
            BigDecimal gasPerRebalance,
            double measuringBandPct) {
        public Settings {
            Objects.requireNonNull(feeModel, "feeModel");
            Objects.requireNonNull(path, "path");
            if (feeModel.feePips() != feePips) {
                throw new IllegalArgumentException("the pool's fee tier of " + feePips + " pips has no fee calibration"
                        + " (the fee model is calibrated for " + feeModel.feePips() + " pips)");
            }
            if (initialValue.signum() <= 0) {
                throw new IllegalArgumentException("initialValue must be positive, was " + initialValue);
            }
            if (!(measuringBandPct > 0)) {
                throw new IllegalArgumentException("measuringBandPct must be positive, was " + measuringBandPct);
            }
        }
    }

    /** Told after each simulated hour, for a progress bar. */
    @FunctionalInterface
    public interface Progress {
        void advanced(int stepsDone, int stepsTotal);
    }

    private final Settings settings;
    private final RangeScorer scorer;
    private final Map<String, RangeScorer> scorersByVault;
    private final HedgeSimulation hedging;
    private final ObservationRecorder observations;

    /** A backtest of unhedged vaults (Concentrated Liquidity) only. */
    public Backtest(Settings settings, RangeScorer scorer) {
        this(settings, scorer, null);
    }

    /**
     * @param scorer  the range scorer the live keeper would use (one instance sees every vault, in time order)
     * @param hedging how the Delta Neutral and Arbitrage vaults hedge; null when there are none
     */
    public Backtest(Settings settings, RangeScorer scorer, HedgeSimulation hedging) {
        this(settings, scorer, Map.of(), hedging, (vault, row) -> {});
    }

    /**
     * @param scorer         the scorer of the vaults {@code scorersByVault} does not name
     * @param scorersByVault a vault's own scorer, by vault name (the file's per-vault choice)
     * @param observations   told each vault's pool hour as it ends, before the cycle reads the vault: what the daemon
     *                       reads from the pool (tick, TWAP, fee yield, active liquidity) and the bar's prices
     */
    public Backtest(
            Settings settings,
            RangeScorer scorer,
            Map<String, RangeScorer> scorersByVault,
            HedgeSimulation hedging,
            ObservationRecorder observations) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.scorersByVault = Map.copyOf(scorersByVault);
        this.hedging = hedging;
        this.observations = Objects.requireNonNull(observations, "observations");
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
        return new Replay(bars, specs).run(progress);
    }

    /** The address the backtest gives its {@code index}-th vault. */
    private static String address(int index) {
        return String.format("0x%040x", index + 1);
    }

    /** A tick's price in whole-token units (quote per base), square-rooted. */
    static double sqrtPrice(int tick, int baseDecimals, int quoteDecimals) {
        return Math.exp(tick * LOG_TICK / 2) * Math.pow(10, (baseDecimals - quoteDecimals) / 2.0);
    }

    /** One run of the backtest over its bars: the state that lives as long as the replay. */
    private final class Replay {
        private final List<HourlyBar> bars;
        private final double baseUnit = Math.pow(10, settings.baseDecimals());
        private final double quoteUnit = Math.pow(10, settings.quoteDecimals());
        /** Raw liquidity × this = liquidity in whole-token units (√(base·quote)). */
        private final double liquidityUnit = Math.pow(10, -(settings.baseDecimals() + settings.quoteDecimals()) / 2.0);

        private final double feeRate = settings.feePips() / 1_000_000.0;
        private final double gas = settings.gasPerRebalance().doubleValue();
        private final double band = settings.measuringBandPct();
        private final SimulatedClock clock;
        private final SimulatedChain chain;
        /** The keeper, built as every runtime builds it; its chain is {@link #chain}, its venues the hedges' own. */
        private final Keeper keeper;

        private final Map<LocalDate, Double> quoteVolumeByDay = new HashMap<>();
        private final List<BacktestResult.Gap> gaps = new ArrayList<>();
        private final List<VaultRuns> vaults = new ArrayList<>();
        private final Map<String, VaultRuns> byAddress = new HashMap<>();
        private final List<VaultSettings> vaultSettings = new ArrayList<>();
        private final double firstPrice;
        private final double startBase;
        private final double startQuote;
        private final PoolAccount hodl;
        private final PoolAccount fullRange;
        private final RunBook hodlBook;
        private final RunBook fullRangeBook;
        private final double fullRangeLiquidity;
        private LocalDate day;
        private int year;
        private long carriedHours;
        /** The day's pool: volume per unit of market quote volume (depth included), other LPs' active liquidity. */
        private double volumeRatio;

        private double background;
        private boolean carried;

        Replay(List<HourlyBar> bars, List<VaultSpec> specs) {
            this.bars = bars;
            for (HourlyBar bar : bars) {
                quoteVolumeByDay.merge(
                        date(bar.openTime()),
                        bar.volume().doubleValue() * bar.close().doubleValue(),
                        Double::sum);
            }
            int dayCapacity = quoteVolumeByDay.size() + 1;
            clock = new SimulatedClock(bars.getFirst().openTime());
            chain = new SimulatedChain(clock);
            Map<String, RangeScorer> scorers = new HashMap<>();
            for (int i = 0; i < specs.size(); i++) {
                RangeScorer own = scorersByVault.get(specs.get(i).name());
                if (own != null) {
                    scorers.put(address(i), own);
                }
            }
            RangeScorer vaultScorers = new VaultScorers(scorers, scorer);
            HourlyBar first = bars.getFirst();
            firstPrice = first.open().doubleValue();
            double half = settings.initialValue().doubleValue() / 2;
            BigInteger deposit0 = raw(half / firstPrice, baseUnit);
            BigInteger deposit1 = raw(half, quoteUnit);
            startBase = deposit0.doubleValue() / baseUnit;
            startQuote = deposit1.doubleValue() / quoteUnit;
            double initial = startBase * firstPrice + startQuote;
            conditions(first);

            hodl = new PoolAccount(new Ledger(), firstPrice, startBase, startBase, startQuote);
            hodlBook = new RunBook(initial, 0, hodl.ledger(), null, band, () -> 0, dayCapacity);
            fullRange = new PoolAccount(new Ledger(), firstPrice, startBase, 0, 0);
            fullRangeLiquidity = initial / 2 / Math.sqrt(firstPrice);
            fullRange.set(fullRangeLiquidity, 0, Double.POSITIVE_INFINITY, 0, 0, 0, 0);
            fullRangeBook = new RunBook(initial, 0, fullRange.ledger(), null, band, () -> 0, dayCapacity);
            for (int i = 0; i < specs.size(); i++) {
                VaultSpec spec = specs.get(i);
                VaultRuns runs = new VaultRuns(spec, address(i), deposit0, deposit1, dayCapacity);
                chain.add(runs.vault, spec.guards());
                vaults.add(runs);
                byAddress.put(runs.vault.address(), runs);
            }
            keeper = kernel(vaultScorers);
            // The kernel's reads reach each hedge before the kernel hands them to its hedger.
            chain.onRead(state -> {
                VaultRuns runs = byAddress.get(state.address());
                if (runs != null && runs.hedge != null) {
                    runs.hedge.read(state);
                }
            });
        }

        /**
         * The keeper kernel over the simulated chain and venues: the deployment's risk limits and per-vault caps, each
         * hedged vault's ratio, venues and base token, the rebalance gate and the risk watch. Venues never fail over.
         *
         * @throws IllegalArgumentException naming a vault whose hedge cannot start (too few venues for its kind)
         */
        private Keeper kernel(RangeScorer vaultScorers) {
            for (VaultRuns runs : vaults) {
                VaultSpec spec = runs.spec;
                BigDecimal cap = spec.maxNotional()
                        .orElseGet(() -> hedging == null
                                ? BigDecimal.ONE
                                : hedging.limits().maxVaultPositionNotional());
                vaultSettings.add(new VaultSettings(
                        spec.name(),
                        runs.vault.address(),
                        spec.kind(),
                        spec.policy(),
                        cap,
                        Optional.ofNullable(runs.hedge).map(HedgedRun::spec)));
            }
            DeploymentSettings deployment = hedging == null
                    ? DeploymentSettings.unhedged(vaultSettings)
                    : new DeploymentSettings(
                            vaultSettings,
                            hedging.limits(),
                            new DeploymentSettings.HedgingSettings(
                                    hedging.band(),
                                    FailoverSettings.NEVER,
                                    HOUR,
                                    hedging.fundingHorizon(),
                                    hedging.switchingCost()));
            Map<String, HedgedRun> hedges = new HashMap<>();
            vaults.stream().filter(r -> r.hedge != null).forEach(r -> hedges.put(r.spec.name(), r.hedge));
            Keeper built = Keeper.builder(deployment)
                    .chain(chain)
                    .store(new InMemoryJournal())
                    .clock(clock)
                    .scorer(vaultScorers)
                    .venues(new VenueProvider() {
                        @Override
                        public HedgeVenue open(String venue, VaultSettings vault) {
                            return hedges.get(vault.name()).account(venue);
                        }

                        @Override
                        public boolean accountPerVault() {
                            return true;
                        }
                    })
                    .build();
            built.startHedging();
            Map<String, String> down = built.hedgesDown();
            if (!down.isEmpty()) {
                built.close();
                throw new IllegalArgumentException(String.join("; ", down.values()));
            }
            return built;
        }

        BacktestResult run(Progress progress) {
            Instant previous = null;
            for (int step = 0; step < bars.size(); step++) {
                HourlyBar bar = bars.get(step);
                Instant open = bar.openTime();
                if (previous != null && Duration.between(previous, open).compareTo(HOUR) > 0) {
                    gaps.add(new BacktestResult.Gap(
                            previous.plus(HOUR),
                            open,
                            Duration.between(previous, open).toHours() - 1));
                }
                previous = open;
                LocalDate today = date(open);
                if (!today.equals(day)) {
                    if (day != null) {
                        books().forEach(RunBook::dayEnds);
                    }
                    if (today.getYear() != year) {
                        year = today.getYear();
                        books().forEach(book -> book.yearBegins(open));
                    }
                    day = today;
                    conditions(bar);
                    for (VaultRuns runs : vaults) {
                        runs.background(background);
                    }
                }
                if (carried) {
                    carriedHours++;
                }
                hour(bar);
                progress.advanced(step + 1, bars.size());
            }
            books().forEach(RunBook::dayEnds);
            return result();
        }

        private List<RunBook> books() {
            List<RunBook> books = new ArrayList<>(List.of(hodlBook, fullRangeBook));
            for (VaultRuns runs : vaults) {
                books.add(runs.strategy);
                if (runs.unhedged != runs.strategy) {
                    books.add(runs.unhedged);
                }
            }
            return books;
        }

        /** The day's pool from the fee model: volume ratio and other LPs' active liquidity at the day's first price. */
        private void conditions(HourlyBar firstOfDay) {
            FeeModel model = settings.feeModel();
            FeeModel.Day calibration = model.day(date(firstOfDay.openTime()));
            carried = !calibration.calibrated();
            volumeRatio = calibration.volumeRatio() * model.depthScale();
            double dayVolume = volumeRatio * quoteVolumeByDay.getOrDefault(date(firstOfDay.openTime()), 0.0);
            double lockedValue = dayVolume / calibration.turnover();
            background = model.concentration()
                    * lockedValue
                    / (2 * Math.sqrt(firstOfDay.open().doubleValue()));
        }

        private void hour(HourlyBar bar) {
            double[] prices = settings.path().prices(bar);
            int n = prices.length;
            PricePath path = PricePath.of(prices);
            double weight = 1.0 / n;
            double volume =
                    volumeRatio * bar.volume().doubleValue() * bar.close().doubleValue();
            double close = prices[n - 1];
            for (VaultRuns runs : vaults) {
                runs.moveExact(close);
            }
            walk(hodl, hodlBook, path, 0, weight);
            walk(fullRange, fullRangeBook, path, volume * weight * feeRate, weight);
            fullRange.credited(fullRange.accruedBase(), fullRange.accruedQuote());
            for (VaultRuns runs : vaults) {
                runs.walk(bar, path, volume, weight);
                runs.credit();
            }
            Instant end = bar.openTime().plus(HOUR);
            clock.set(end);
            chain.beginStep(window -> twapTick(prices, window));
            observe(bar, end, prices, volume);
            for (VaultRuns runs : vaults) {
                if (runs.hedge != null) {
                    runs.hedge.beforeCycle(end);
                }
            }
            for (Decision decision : keeper.runCycle(end, vaultSettings, KeeperCycle.Mode.LIVE)) {
                byAddress.get(decision.vault()).decided(decision);
            }
            if (hedging != null) {
                // The maintenance pass once an hour, the finest a replay of hourly cycles has: reconciliation, the
                // risk watch (margins, the daily loss limit) and the hedges' health.
                keeper.maintain();
            }
            for (VaultRuns runs : vaults) {
                runs.afterCycle(end, close);
            }
            hodlBook.sample(end, close, Double.NaN, Double.NaN, signedDeltaPct(hodl, 0));
            fullRangeBook.sample(end, close, Double.NaN, Double.NaN, signedDeltaPct(fullRange, 0));
        }

        /**
         * The hour as the daemon would read it from each vault's pool: the fee yield of a full-range position is the
         * hour's fees per unit of the pool's active liquidity at the close (the other LPs' and the vault's own while in
         * range, as the pool's fee growth counts it) over that liquidity's full-range value per unit (2·√price).
         * Funding is the hedge venues' and not seen here: 0.
         */
        private void observe(HourlyBar bar, Instant end, double[] prices, double volume) {
            double close = prices[prices.length - 1];
            double high = Math.max(bar.high().doubleValue(), close);
            double low = Math.min(bar.low().doubleValue(), close);
            int twap = twapTick(prices, HOUR);
            for (VaultRuns runs : vaults) {
                double active = runs.pool.liquidity().doubleValue() * liquidityUnit;
                double feeYield = active > 0 ? volume * feeRate / active / (2 * Math.sqrt(close)) : 0;
                observations.record(
                        runs.vault.address(),
                        new HourObservation(end, runs.pool.tick(), twap, feeYield, active, close, high, low, 0));
            }
        }

        /** A baseline run along the hour's path: it earns {@code feePerPoint} × its share while in range. */
        private void walk(PoolAccount account, RunBook book, PricePath path, double feePerPoint, double weight) {
            double liquidity = account.liquidity();
            double fee = liquidity > 0 ? feePerPoint * liquidity / (liquidity + background) : 0;
            account.walk(path, 0, path.size(), fee, book.meter(), weight, band);
        }

        private double signedDeltaPct(PoolAccount account, double hedge) {
            return (account.delta() + hedge) * account.price() / account.value() * 100;
        }

        /** The mean tick of the path's points in the window before the hour's end (at least the last point). */
        private int twapTick(double[] prices, Duration window) {
            int n = prices.length;
            double sum = 0;
            int count = 0;
            for (int i = n - 1; i >= 0; i--) {
                // Point i streams at (i + 1) / (n + 1) of the hour.
                double before = 1.0 - (i + 1.0) / (n + 1);
                if (count > 0 && before * 3_600_000 > window.toMillis()) {
                    break;
                }
                sum += Math.log(prices[i]);
                count++;
            }
            double rawLog = sum / count + (settings.quoteDecimals() - settings.baseDecimals()) * Math.log(10);
            return (int) Math.floor(rawLog / LOG_TICK);
        }

        private BacktestResult result() {
            HourlyBar lastBar = bars.getLast();
            Instant end = lastBar.openTime().plus(HOUR);
            BigDecimal price = lastBar.close();
            Map<Variant, BacktestResult.Run> baselineRuns = new EnumMap<>(Variant.class);
            baselineRuns.put(
                    Variant.HODL,
                    hodlBook.finish(
                            end,
                            new BacktestResult.EndState(
                                    price,
                                    BigInteger.ZERO,
                                    Optional.empty(),
                                    raw(startBase, baseUnit),
                                    raw(startQuote, quoteUnit),
                                    BigInteger.ZERO,
                                    BigInteger.ZERO,
                                    List.of(),
                                    hodlBook.capital(),
                                    0)));
            int lowest = Math.ceilDiv(TickMath.MIN_TICK, settings.tickSpacing()) * settings.tickSpacing();
            int highest = Math.floorDiv(TickMath.MAX_TICK, settings.tickSpacing()) * settings.tickSpacing();
            baselineRuns.put(
                    Variant.FULL_RANGE,
                    fullRangeBook.finish(
                            end,
                            new BacktestResult.EndState(
                                    price,
                                    BigDecimal.valueOf(fullRangeLiquidity / liquidityUnit)
                                            .toBigInteger(),
                                    Optional.of(new Range(lowest, highest)),
                                    BigInteger.ZERO,
                                    BigInteger.ZERO,
                                    raw(fullRange.feesBase(), baseUnit),
                                    raw(fullRange.feesQuote(), quoteUnit),
                                    List.of(),
                                    fullRangeBook.capital(),
                                    0)));
            List<BacktestResult.VaultResult> results = new ArrayList<>();
            for (VaultRuns runs : vaults) {
                results.add(runs.result(end, price, baselineRuns));
            }
            Instant from = bars.getFirst().openTime();
            List<BacktestResult.FundingFallback> fallbacks =
                    hedging == null || vaults.stream().noneMatch(v -> v.hedge != null)
                            ? List.of()
                            : hedging.venues().fallbacks(from, end);
            return new BacktestResult(
                    from, lastBar.openTime(), assumptions(), results, List.copyOf(gaps), fallbacks, carriedHours);
        }

        private Map<String, String> assumptions() {
            Map<String, String> assumptions = new LinkedHashMap<>();
            StringBuilder scorers = new StringBuilder(scorer.getClass().getSimpleName());
            scorersByVault.forEach((vault, own) -> scorers.append(", ")
                    .append(vault)
                    .append(": ")
                    .append(own.getClass().getSimpleName()));
            assumptions.put(
                    "decision code",
                    "keeper-core KeeperCycle + RebalancePolicy + " + scorers + ", once per hour at the bar's close");
            assumptions.put(
                    "price path",
                    settings.path().describe() + "; the pools' fees and LVR, the delta measure"
                            + " and the hedges' marks all follow it");
            assumptions.put(
                    "fee income",
                    settings.feeModel().describe() + "; fees valued in quote units when they accrue"
                            + (carriedHours > 0
                                    ? "; " + carriedHours + " hours outside the pool history took the 30 nearest"
                                            + " calibrated days' mean"
                                    : ""));
            assumptions.put(
                    "pool",
                    String.format(
                            Locale.ROOT,
                            "simulated Uniswap V3 pool, fee %d pips, tick spacing %d,"
                                    + " the other LPs' liquidity a full-range position reset daily; at each hour's close for the keeper's"
                                    + " read (moved there as arbitrage would, its fee in the modelled volume); the vault's rebalance"
                                    + " swaps trade against it",
                            settings.feePips(),
                            settings.tickSpacing()));
            assumptions.put("TWAP", "the mean tick of the hour's path over the contract's window");
            assumptions.put(
                    "starting value",
                    settings.initialValue().toPlainString()
                            + " quote units per vault, half in each token, at the first open");
            assumptions.put("gas per rebalance", settings.gasPerRebalance().toPlainString() + " quote units");
            assumptions.put(
                    "delta measure",
                    "|net delta| at every point of the path, before the hedger acts, within "
                            + BigDecimal.valueOf(band).stripTrailingZeros().toPlainString() + " % of the vault's value"
                            + " (time-weighted)");
            if (vaults.stream().anyMatch(v -> v.hedge != null)) {
                assumptions.put(
                        "hedge",
                        String.format(
                                Locale.ROOT,
                                "%s perpetuals, hedged by the keeper kernel as"
                                        + " the daemon hedges (each vault's hedge ratio; one risk engine with the file's limits and each"
                                        + " vault's cap; the rebalance gate; the risk watch once an hour), re-hedged when off target by"
                                        + " more than %s %% of the vault's value; marks at the path's points; funding known to the venue"
                                        + " selector once settled; %s",
                                hedging.market(),
                                hedging.band()
                                        .movePointRight(2)
                                        .stripTrailingZeros()
                                        .toPlainString(),
                                hedging.venues().describe()));
                assumptions.put(
                        "capital",
                        "a hedged vault's capital is its starting value plus its venues' collateral:"
                                + " its percentages and APYs are of both; venues never fail over (they are always up)");
            }
            HourlyBar last = bars.getLast();
            long hours = Duration.between(
                            bars.getFirst().openTime(), last.openTime().plus(HOUR))
                    .toHours();
            assumptions.put(
                    "APY",
                    "simple annualised (no compounding) over " + hours + " hours"
                            + (gaps.isEmpty()
                                    ? ""
                                    : ", "
                                            + gaps.stream()
                                                    .mapToLong(BacktestResult.Gap::hours)
                                                    .sum() + " of them missing from the history"));
            return assumptions;
        }

        /** One vault: its exact pool and vault, its pool side in quote units, its hedge, and its runs' books. */
        private final class VaultRuns {
            final VaultSpec spec;
            final SimulatedPool pool = new SimulatedPool(settings.feePips(), settings.tickSpacing());
            final SimulatedVault vault;
            final PoolAccount lp;
            /** The strategy's hedge; null for the kinds that do not hedge. */
            final HedgedRun hedge;

            final RunBook strategy;
            /** The same ranges unhedged: the strategy's own book when it does not hedge. */
            final RunBook unhedged;

            BigInteger backgroundLiquidity = BigInteger.ZERO;
            double lastDeltaPct;
            int rebalancesSeen;
            Instant firstUnmetTrigger;
            double lagHours;

            VaultRuns(VaultSpec spec, String address, BigInteger deposit0, BigInteger deposit1, int dayCapacity) {
                this.spec = spec;
                pool.initialize(sqrtPriceX96(firstPrice));
                background(background);
                // Deployed as the sandbox deploys: the constructor's range ±1200 ticks around the price, so the
                // contract's move limit is measured from there (a vault storing no range is measured from tick zero).
                int centre = Math.floorDiv(pool.tick(), settings.tickSpacing()) * settings.tickSpacing();
                int halfWidth = Math.ceilDiv(INITIAL_HALF_WIDTH_TICKS, settings.tickSpacing()) * settings.tickSpacing();
                vault = new SimulatedVault(
                        address, pool, new Range(centre - halfWidth, centre + halfWidth), deposit0, deposit1);
                lp = new PoolAccount(new Ledger(), firstPrice, startBase, startBase, startQuote);
                double initial = startBase * firstPrice + startQuote;
                if (spec.kind() == VaultKind.CONCENTRATED_LIQUIDITY) {
                    hedge = null;
                    strategy = new RunBook(initial, 0, lp.ledger(), null, band, () -> 0, dayCapacity);
                    unhedged = strategy;
                } else {
                    hedge = new HedgedRun(
                            spec, hedging, clock, BASE_IS_TOKEN0, settings.baseDecimals(), settings.quoteDecimals());
                    strategy = new RunBook(
                            initial + hedge.collateral(),
                            hedge.collateral(),
                            lp.ledger(),
                            hedge.ledger(),
                            band,
                            hedge::ordersSent,
                            dayCapacity);
                    unhedged = new RunBook(initial, 0, lp.ledger(), null, band, () -> 0, dayCapacity);
                }
            }

            /** Sets the other LPs' full-range liquidity (whole-token units) by minting or burning the difference. */
            void background(double liquidity) {
                BigInteger target =
                        BigDecimal.valueOf(liquidity / liquidityUnit).toBigInteger();
                int lowest = Math.ceilDiv(TickMath.MIN_TICK, settings.tickSpacing()) * settings.tickSpacing();
                int highest = Math.floorDiv(TickMath.MAX_TICK, settings.tickSpacing()) * settings.tickSpacing();
                int c = target.compareTo(backgroundLiquidity);
                if (c > 0) {
                    pool.mint("other LPs", lowest, highest, target.subtract(backgroundLiquidity));
                } else if (c < 0) {
                    pool.burn("other LPs", lowest, highest, backgroundLiquidity.subtract(target));
                }
                backgroundLiquidity = target;
            }

            /**
             * The exact pool to the hour's close, as arbitrage would move it but paying no fee: the fee model's volume
             * (real pool volume) includes the arbitrage, and its fees accrue along the path.
             */
            void moveExact(double close) {
                pool.moveWithoutFee(sqrtPriceX96(close));
            }

            /**
             * The hour's path: the pool side's lines and fees (the hour's volume spread evenly over the points), the
             * delta measured before the hedger acts, then the hedge's mark.
             */
            void walk(HourlyBar bar, PricePath path, double volume, double weight) {
                int n = path.size();
                double liquidity = lp.liquidity();
                double fee = liquidity > 0 ? volume * weight * feeRate * liquidity / (liquidity + background) : 0;
                if (hedge == null) {
                    lp.walk(path, 0, n, fee, strategy.meter(), weight, band);
                    lastDeltaPct = lp.delta() * lp.price() / lp.value() * 100;
                    return;
                }
                int scale = MarkPath.scale(bar);
                double hedgePosition = 0;
                for (int i = 0; i < n; i++) {
                    lp.walk(path, i, i + 1, fee, unhedged.meter(), weight, band);
                    double p = lp.price();
                    hedgePosition = hedge.position();
                    strategy.meter()
                            .sample(Math.abs((lp.delta() + hedgePosition) * p / lp.value() * 100), weight, band);
                    hedge.point(MarkPath.streamedAt(bar.openTime(), i, n), p, scale, i == 0, i == n - 1);
                }
                lastDeltaPct = (lp.delta() + hedgePosition) * lp.price() / lp.value() * 100;
            }

            /** The hour's fees reach the vault, rounded down to token units. */
            void credit() {
                BigInteger fees0 = raw(lp.accruedBase(), baseUnit);
                BigInteger fees1 = raw(lp.accruedQuote(), quoteUnit);
                vault.accrueModelFees(fees0, fees1);
                lp.credited(fees0.doubleValue() / baseUnit, fees1.doubleValue() / quoteUnit);
            }

            void decided(Decision decision) {
                boolean unmet = !decision.triggers().isEmpty()
                        && (decision.action() == Action.REFUSE || decision.action() == Action.SKIP);
                if (decision.action() == Action.REBALANCE) {
                    Instant since = firstUnmetTrigger == null ? decision.fireTime() : firstUnmetTrigger;
                    lagHours = Duration.between(since, decision.fireTime()).toMinutes() / 60.0;
                    firstUnmetTrigger = null;
                } else if (decision.triggers().isEmpty()) {
                    // Nothing asks for a rebalance any more: a trigger refused earlier is no longer waiting.
                    firstUnmetTrigger = null;
                } else if (unmet && firstUnmetTrigger == null) {
                    firstUnmetTrigger = decision.fireTime();
                }
            }

            /** After the cycle: a rebalance's cost at the market price, gas, the hedge's refresh, the hour's samples. */
            void afterCycle(Instant end, double close) {
                if (vault.rebalances() != rebalancesSeen) {
                    rebalancesSeen = vault.rebalances();
                    Range range = vault.range().orElseThrow();
                    TokenAmounts owed = vault.feesOwed();
                    double cost = lp.rebalanced(
                            vault.liquidity().doubleValue() * liquidityUnit,
                            sqrtPrice(range.tickLower(), settings.baseDecimals(), settings.quoteDecimals()),
                            sqrtPrice(range.tickUpper(), settings.baseDecimals(), settings.quoteDecimals()),
                            vault.idle0().doubleValue() / baseUnit,
                            vault.idle1().doubleValue() / quoteUnit,
                            owed.amount0().doubleValue() / baseUnit,
                            owed.amount1().doubleValue() / quoteUnit);
                    lp.ledger().gas += gas;
                    double notional = vault.lastZeroForOne()
                            ? vault.lastSwapIn().doubleValue() / baseUnit * close
                            : vault.lastSwapIn().doubleValue() / quoteUnit;
                    double perNotional = notional > 0 ? cost / notional : Double.NaN;
                    strategy.rebalanced(end, perNotional, lagHours);
                    if (unhedged != strategy) {
                        unhedged.rebalanced(end, perNotional, lagHours);
                    }
                }
                if (hedge != null) {
                    hedge.afterCycle();
                }
                double lower = Double.NaN;
                double upper = Double.NaN;
                if (vault.liquidity().signum() > 0) {
                    Range range = vault.range().orElseThrow();
                    lower = square(sqrtPrice(range.tickLower(), settings.baseDecimals(), settings.quoteDecimals()));
                    upper = square(sqrtPrice(range.tickUpper(), settings.baseDecimals(), settings.quoteDecimals()));
                }
                strategy.sample(end, close, lower, upper, lastDeltaPct);
                if (unhedged != strategy) {
                    unhedged.sample(end, close, lower, upper, lp.delta() * lp.price() / lp.value() * 100);
                }
            }

            BacktestResult.VaultResult result(
                    Instant end, BigDecimal price, Map<Variant, BacktestResult.Run> baselines) {
                TokenAmounts owed = vault.feesOwed();
                double gasSpent = lp.ledger().gas;
                Optional<Range> range = vault.liquidity().signum() > 0 ? vault.range() : Optional.empty();
                Map<Variant, BacktestResult.Run> runs = new EnumMap<>(Variant.class);
                runs.put(
                        Variant.STRATEGY,
                        strategy.finish(
                                end,
                                new BacktestResult.EndState(
                                        price,
                                        vault.liquidity(),
                                        range,
                                        vault.idle0(),
                                        vault.idle1(),
                                        owed.amount0(),
                                        owed.amount1(),
                                        hedge == null ? List.of() : hedge.accountValues(),
                                        strategy.capital(),
                                        gasSpent)));
                runs.put(
                        Variant.UNHEDGED,
                        unhedged == strategy
                                ? runs.get(Variant.STRATEGY)
                                : unhedged.finish(
                                        end,
                                        new BacktestResult.EndState(
                                                price,
                                                vault.liquidity(),
                                                range,
                                                vault.idle0(),
                                                vault.idle1(),
                                                owed.amount0(),
                                                owed.amount1(),
                                                List.of(),
                                                unhedged.capital(),
                                                gasSpent)));
                runs.putAll(baselines);
                return new BacktestResult.VaultResult(spec.name(), spec.kind().name(), runs);
            }
        }

        /** sqrt(price · 10^quoteDecimals / 10^baseDecimals) · 2^96, within the pool's bounds. */
        private BigInteger sqrtPriceX96(double price) {
            double sqrt = Math.sqrt(price * Math.pow(10, settings.quoteDecimals() - settings.baseDecimals()));
            // The double's significand shifted by its exponent: exact, and far cheaper than through BigDecimal.
            int exponent = Math.getExponent(sqrt) + 96 - 52;
            long significand = (Double.doubleToRawLongBits(sqrt) & 0xFFFFFFFFFFFFFL) | 0x10000000000000L;
            BigInteger x96 = exponent >= 0
                    ? BigInteger.valueOf(significand).shiftLeft(exponent)
                    : exponent > -53 ? BigInteger.valueOf(significand >> -exponent) : BigInteger.ZERO;
            return x96.max(TickMath.MIN_SQRT_RATIO.add(BigInteger.ONE))
                    .min(TickMath.MAX_SQRT_RATIO.subtract(BigInteger.ONE));
        }
    }

    private static double square(double x) {
        return x * x;
    }

    private static LocalDate date(Instant time) {
        return LocalDate.ofInstant(time, ZoneOffset.UTC);
    }

    /** Whole tokens to token units, rounded down. */
    private static BigInteger raw(double amount, double unit) {
        double units = Math.floor(Math.max(0, amount) * unit);
        return units < 9e18 ? BigInteger.valueOf((long) units) : new BigDecimal(units).toBigInteger();
    }
}
