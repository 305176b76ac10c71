package io.yielddelta.keeper.app.config;

import io.yielddelta.keeper.core.backtest.Backtest;
import io.yielddelta.keeper.core.hedge.HedgeSettings;
import io.yielddelta.keeper.core.policy.PolicySettings;
import io.yielddelta.keeper.core.risk.RiskLimits;
import io.yielddelta.keeper.core.vault.VaultGuards;
import io.yielddelta.keeper.core.vault.VaultKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a backtest file ({@code config/backtest-eth.yaml}) the way {@link ConfigLoader} reads a deployment: every
 * problem at once, each with file, line and field path (a pool fee tier without a fee calibration among them). Vault
 * policies are the deployment file's {@code policy} section, so a vault's backtest and live settings read the same.
 */
public final class BacktestConfigLoader {

    /** @throws ConfigException with every problem, if there is any */
    public BacktestConfig load(Path file) {
        return YamlFile.read(file, Map.of(), false, top -> read(top, file));
    }

    private BacktestConfig read(YamlMap top, Path file) {
        Optional<String> market = top.string("marketFile", true);
        long maxGapHours = top.integer("maxGapHours", false, 1, 24 * 30).orElse(24L);
        Optional<BigDecimal> initial =
                top.decimal("initialValueUsd", true, BigDecimal.ZERO, true, new BigDecimal("1e12"));
        Optional<YamlMap> poolSection = top.map("pool", true);
        int baseDecimals = poolSection
                .flatMap(p -> p.integer("baseDecimals", true, 0, 36))
                .orElse(18L)
                .intValue();
        int quoteDecimals = poolSection
                .flatMap(p -> p.integer("quoteDecimals", true, 0, 36))
                .orElse(6L)
                .intValue();
        int feePips = poolSection
                .flatMap(p -> p.integer("feePips", true, 1, 999_999))
                .orElse(500L)
                .intValue();
        int tickSpacing = poolSection
                .flatMap(p -> p.integer("tickSpacing", true, 1, 16_384))
                .orElse(10L)
                .intValue();
        Optional<BacktestConfig.Fees> fees = top.map("feeModel", true).map(f -> fees(f, market.orElse("")));
        poolSection.ifPresent(p -> {
            if (fees.isPresent() && !fees.get().tiers().containsKey(feePips)) {
                p.context()
                        .problem(
                                p.raw("feePips").orElse(p.node()),
                                p.child("feePips"),
                                feePips + " pips has no fee calibration (feeModel.tiers has "
                                        + fees.get().tiers().keySet() + ")");
            }
            p.finish();
        });
        BacktestConfig.PathModel path = top.map("path", false).map(this::path).orElse(DEFAULT_PATH);
        BigDecimal gas = top.decimal("gasPerRebalanceUsd", false, BigDecimal.ZERO, false, BigDecimal.valueOf(1_000_000))
                .orElse(new BigDecimal("0.01"));
        double band = top.decimal("hedgeBandPct", false, BigDecimal.ZERO, true, BigDecimal.valueOf(100))
                .map(BigDecimal::doubleValue)
                .orElse(5.0);
        Optional<BacktestConfig.Hedging> hedging =
                top.map("hedging", false).map(h -> hedging(h, initial.orElse(BigDecimal.ONE)));
        List<Backtest.VaultSpec> vaults = new ArrayList<>();
        Map<String, List<String>> venuesByVault = new LinkedHashMap<>();
        Map<String, ScorerChoice> scorers = new LinkedHashMap<>();
        for (YamlMap.Item item : top.list("vaults", true)) {
            YamlMap.of(top.context(), item.node(), item.path())
                    .flatMap(m -> vault(m, hedging.map(BacktestConfig.Hedging::venues), venuesByVault, scorers))
                    .ifPresent(vaults::add);
        }
        top.finish();
        if (market.isEmpty()
                || initial.isEmpty()
                || fees.isEmpty()
                || !top.context().problems.isEmpty()) {
            return null;
        }
        return new BacktestConfig(
                file,
                market.get(),
                Duration.ofHours(maxGapHours),
                initial.get(),
                new BacktestConfig.Pool(baseDecimals, quoteDecimals, feePips, tickSpacing),
                fees.get(),
                path,
                gas,
                band,
                List.copyOf(vaults),
                hedging.map(h -> h.withVenuesByVault(venuesByVault)),
                scorers);
    }

    private static final BacktestConfig.PathModel DEFAULT_PATH = new BacktestConfig.PathModel(true, 60, 0.0025, 1);

    /** The {@code feeModel} section: the reference market, the depth and one calibration per fee tier. */
    private BacktestConfig.Fees fees(YamlMap f, String marketFile) {
        String reference = f.string("referenceMarketFile", false).orElse(marketFile);
        double depth = f.decimal("depthScale", false, BigDecimal.ZERO, true, BigDecimal.valueOf(1000))
                .map(BigDecimal::doubleValue)
                .orElse(1.0);
        Map<Integer, BacktestConfig.FeeTier> tiers = new LinkedHashMap<>();
        for (YamlMap.Item item : f.list("tiers", true)) {
            YamlMap.of(f.context(), item.node(), item.path()).ifPresent(t -> {
                Optional<Long> pips = t.integer("feePips", true, 1, 999_999);
                Optional<String> history = t.string("poolHistory", true);
                Optional<BigDecimal> concentration =
                        t.decimal("concentration", true, BigDecimal.ZERO, true, BigDecimal.valueOf(10_000));
                t.finish();
                if (pips.isPresent() && history.isPresent() && concentration.isPresent()) {
                    int fee = pips.get().intValue();
                    if (tiers.putIfAbsent(
                                    fee,
                                    new BacktestConfig.FeeTier(
                                            fee,
                                            Path.of(history.get()),
                                            concentration.get().doubleValue()))
                            != null) {
                        f.context().problem(item.node(), item.path(), "a second calibration for " + fee + " pips");
                    }
                }
            });
        }
        f.finish();
        return new BacktestConfig.Fees(reference, depth, tiers);
    }

    /** The {@code path} section: the intra-hour price path of the pools and the hedges' marks. */
    private BacktestConfig.PathModel path(YamlMap p) {
        String model = p.string("model", false).orElse("bridge");
        if (!model.equals("bridge") && !model.equals("corners")) {
            p.context().problem(p.raw("model").orElseThrow(), p.child("model"), "expected bridge or corners");
        }
        int points = p.integer("pointsPerHour", false, 4, 3600)
                .orElse((long) DEFAULT_PATH.pointsPerHour())
                .intValue();
        double maxStep = p.decimal("maxStepPct", false, BigDecimal.ZERO, true, BigDecimal.TEN)
                        .orElse(BigDecimal.valueOf(DEFAULT_PATH.maxStep() * 100))
                        .doubleValue()
                / 100;
        long seed = p.integer("seed", false, 0, Long.MAX_VALUE / 2).orElse(DEFAULT_PATH.seed());
        p.finish();
        return new BacktestConfig.PathModel(!model.equals("corners"), points, maxStep, seed);
    }

    /**
     * The {@code hedging} section: market, band, the deployment file's {@code risk} and {@code funding} fields, the
     * paper venues (the vaults' choice of them comes later). Risk defaults: a vault's hedge up to 3× its starting value.
     */
    private BacktestConfig.Hedging hedging(YamlMap h, BigDecimal initialValue) {
        String market = h.string("market", false).orElse("ETH");
        BigDecimal band = HedgingSection.band(Optional.of(h), "band", HedgeSettings.DEFAULT_BAND);
        BigDecimal tick = h.decimal("tickSize", false, BigDecimal.ZERO, true, BigDecimal.valueOf(1000))
                .orElse(new BigDecimal("0.01"));
        BigDecimal lot = h.decimal("lotSize", false, BigDecimal.ZERO, true, BigDecimal.valueOf(1000))
                .orElse(new BigDecimal("0.0001"));
        BigDecimal vaultCap = initialValue.multiply(BigDecimal.valueOf(3));
        RiskLimits limits = RiskSection.read(h.map("risk", false), vaultCap, vaultCap);
        HedgingSection.FundingChoice funding = HedgingSection.fundingChoice(h.map("funding", false));
        Map<String, BacktestConfig.PaperAccount> venues = new LinkedHashMap<>();
        for (YamlMap.Item item : h.list("venues", true)) {
            YamlMap.of(h.context(), item.node(), item.path())
                    .flatMap(this::paperAccount)
                    .ifPresent(account -> {
                        if (venues.putIfAbsent(account.name(), account) != null) {
                            h.context().problem(item.node(), item.path(), "a second venue named " + account.name());
                        }
                    });
        }
        h.finish();
        return new BacktestConfig.Hedging(
                market, band, tick, lot, limits, funding.horizon(), funding.switchingCost(), venues, Map.of());
    }

    private Optional<BacktestConfig.PaperAccount> paperAccount(YamlMap m) {
        Optional<String> name = m.string("name", true);
        BigDecimal bps = BigDecimal.valueOf(1000);
        BigDecimal taker =
                m.decimal("takerFeeBps", false, BigDecimal.ZERO, false, bps).orElse(new BigDecimal("4.5"));
        BigDecimal maker =
                m.decimal("makerFeeBps", false, bps.negate(), false, bps).orElse(new BigDecimal("1.5"));
        BigDecimal slippage =
                m.decimal("slippageBps", false, BigDecimal.ZERO, false, bps).orElse(new BigDecimal("2"));
        Optional<BigDecimal> collateral =
                m.decimal("collateralUsd", true, BigDecimal.ZERO, true, new BigDecimal("1e12"));
        int leverage = m.integer("leverage", false, 1, 20).orElse(5L).intValue();
        Optional<YamlMap> fundingSection = m.map("funding", false);
        Optional<BacktestConfig.FundingFile> file = fundingSection.flatMap(f -> f.string("file", false)
                .map(path -> new BacktestConfig.FundingFile(
                        Path.of(path),
                        f.integer("intervalHours", false, 1, 24).orElse(8L).intValue(),
                        f.integer("utcOffsetHours", false, -12, 14).orElse(0L).intValue())));
        BigDecimal rate = fundingSection
                .flatMap(f -> f.decimal("ratePerHour", false, new BigDecimal("-0.01"), false, new BigDecimal("0.01")))
                .orElse(BigDecimal.ZERO);
        fundingSection.ifPresent(YamlMap::finish);
        m.finish();
        return name.flatMap(n -> collateral.map(
                c -> new BacktestConfig.PaperAccount(n, taker, maker, slippage, c, leverage, file, rate)));
    }

    /** @param venues the hedging section's venues, empty when the file has none */
    private Optional<Backtest.VaultSpec> vault(
            YamlMap m,
            Optional<Map<String, BacktestConfig.PaperAccount>> venues,
            Map<String, List<String>> venuesByVault,
            Map<String, ScorerChoice> scorers) {
        Optional<String> name = m.string("name", true);
        Optional<VaultKind> kind = m.enumeration("kind", true, VaultKind.class);
        Optional<YamlMap> policySection = m.map("policy", false);
        Optional<ScorerChoice> scorer = policySection.map(PolicySection::scorer).orElse(Optional.of(ScorerChoice.EWMA));
        PolicySettings policy = policySection
                .map(PolicySection::read)
                .orElse(Optional.of(PolicySettings.DEFAULTS))
                .orElse(null);
        VaultGuards guards = m.map("guards", false).map(this::guards).orElse(DEFAULT_GUARDS);
        // As a deployment file's hedge.ratio and limits.maxNotionalUsd.
        BigDecimal ratio = m.decimal("hedgeRatio", false, BigDecimal.ZERO, true, BigDecimal.valueOf(2))
                .orElse(BigDecimal.ONE);
        Optional<BigDecimal> maxNotional =
                m.decimal("maxNotionalUsd", false, BigDecimal.ZERO, true, new BigDecimal("1e12"));
        List<String> hedgeVenues = new ArrayList<>();
        for (YamlMap.Item item : m.list("hedgeVenues", false)) {
            YamlMap.scalar(m.context(), item.node(), item.path()).ifPresent(venue -> {
                if (venues.isPresent() && !venues.get().containsKey(venue)) {
                    m.context().problem(item.node(), item.path(), "no venue " + venue + " in hedging.venues");
                }
                hedgeVenues.add(venue);
            });
        }
        kind.ifPresent(k -> {
            int needed = switch (k) {
                case CONCENTRATED_LIQUIDITY -> 0;
                case DELTA_NEUTRAL -> 1;
                case ARBITRAGE -> 2;
            };
            if (needed == 0 && !hedgeVenues.isEmpty()) {
                m.context().problem(m.raw("hedgeVenues").orElseThrow(), m.child("hedgeVenues"), k + " does not hedge");
            } else if (needed == 0 && (m.raw("hedgeRatio").isPresent() || maxNotional.isPresent())) {
                String field = m.raw("hedgeRatio").isPresent() ? "hedgeRatio" : "maxNotionalUsd";
                m.context().problem(m.raw(field).orElseThrow(), m.child(field), k + " does not hedge");
            } else if (needed > 0 && venues.isEmpty()) {
                m.context().problem(m.node(), m.path(), k + " hedges: the file needs a hedging section");
            } else if (hedgeVenues.size() < needed) {
                m.context()
                        .problem(
                                m.raw("hedgeVenues").orElse(m.node()),
                                m.child("hedgeVenues"),
                                k + " needs at least " + needed + " venue(s)");
            }
        });
        m.finish();
        if (name.isEmpty() || kind.isEmpty() || policy == null || guards == null || scorer.isEmpty()) {
            return Optional.empty();
        }
        scorers.put(name.get(), scorer.get());
        if (!hedgeVenues.isEmpty()) {
            venuesByVault.put(name.get(), List.copyOf(hedgeVenues));
        }
        return Optional.of(new Backtest.VaultSpec(name.get(), kind.get(), policy, guards, ratio, maxNotional));
    }

    /** Loose contract limits: the backtest measures the policy, not the guards. */
    private static final VaultGuards DEFAULT_GUARDS =
            new VaultGuards(Duration.ofMinutes(10), Duration.ofMinutes(10), 2000, 20_000, 20_000, 500);

    private VaultGuards guards(YamlMap m) {
        Duration cooldown = m.duration("cooldown").orElse(DEFAULT_GUARDS.cooldown());
        Duration twapWindow = m.duration("twapWindow").orElse(DEFAULT_GUARDS.twapWindow());
        int twap = m.integer("maxTwapDeviation", false, 0, 887_272)
                .orElse((long) DEFAULT_GUARDS.maxTwapDeviation())
                .intValue();
        int move = m.integer("maxTickMove", false, 0, 887_272)
                .orElse((long) DEFAULT_GUARDS.maxTickMove())
                .intValue();
        int width = m.integer("maxWidthChange", false, 0, 887_272)
                .orElse((long) DEFAULT_GUARDS.maxWidthChange())
                .intValue();
        int slippage = m.integer("maxSlippageBps", false, 0, 10_000)
                .orElse((long) DEFAULT_GUARDS.maxSlippageBps())
                .intValue();
        m.finish();
        return new VaultGuards(cooldown, twapWindow, twap, move, width, slippage);
    }
}
