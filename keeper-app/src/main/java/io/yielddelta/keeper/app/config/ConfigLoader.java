package io.yielddelta.keeper.app.config;

import io.yielddelta.keeper.app.config.KeeperConfig.SignerSpec;
import io.yielddelta.keeper.app.config.YamlMap.Context;
import io.yielddelta.keeper.app.config.YamlMap.Item;
import io.yielddelta.keeper.app.chainlink.FeedSettings;
import io.yielddelta.keeper.app.oracle.OraclePolicy;
import io.yielddelta.keeper.app.oracle.PolicyCheckedOracle;
import io.yielddelta.keeper.app.store.DatabaseSettings;
import io.yielddelta.keeper.core.hedge.HedgeSettings;
import io.yielddelta.keeper.core.policy.PolicySettings;
import io.yielddelta.keeper.core.risk.RiskLimits;
import io.yielddelta.keeper.core.risk.TradingState;
import io.yielddelta.keeper.core.vault.VaultKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.quartz.CronExpression;
import org.web3j.crypto.Keys;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one deployment's YAML file with snakeyaml's node API (so every problem has its line), substitutes
 * {@code ${ENV}} references, checks every field, and either returns the whole configuration or throws a
 * {@link ConfigException} listing every problem: nothing is half-applied.
 */
public final class ConfigLoader {

    public static final String HOURLY = "0 0 * * * ?";
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> VENUE_TYPES = Set.of("coinbase", "hyperliquid", "dydx", "paper");
    /** The vault's MAX_SIGNATURE_LIFETIME: no signed rebalance may stay valid longer. */
    private static final Duration MAX_SIGNATURE_LIFETIME = Duration.ofHours(1);
    /** L-3: the re-ratio swap tolerates the pool's fee plus this much. */
    static final int POOL_FEE_SLIPPAGE_MARGIN_BPS = 20;

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static ConfigLoader fromEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    /** @throws ConfigException with every problem, if there is any */
    public KeeperConfig load(Path file) {
        return parse(file, env, this::read);
    }

    /**
     * Reads a YAML file with {@code reader}, which reports problems to the file's context; every problem found is
     * thrown at once.
     */
    static <T> T parse(Path file, Map<String, String> env, BiFunction<YamlMap, Path, T> reader) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(name, 0, "", "cannot read the file (" + e.getClass().getSimpleName() + ")")));
        }
        Context ctx = new Context(name, env);
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ConfigException(List.of(new ConfigProblem(name, line, "", "not valid YAML: " + e.getProblem())));
        }
        if (root == null) {
            throw new ConfigException(List.of(new ConfigProblem(name, 1, "", "the file is empty")));
        }
        T config = YamlMap.of(ctx, root, "").map(top -> reader.apply(top, file)).orElse(null);
        if (!ctx.problems.isEmpty()) {
            throw new ConfigException(ctx.problems);
        }
        return config;
    }

    private KeeperConfig read(YamlMap top, Path file) {
        Optional<KeeperConfig.Chain> chain = top.map("chain", true).map(this::chain);
        Optional<KeeperConfig.Signers> signers = top.map("signers", true).map(this::signers);
        Map<String, KeeperConfig.Venue> venues = top.map("venues", false).map(this::venues).orElse(Map.of());
        List<KeeperConfig.Vault> vaults = vaults(top, venues, declaresRemoteOracle(top));
        Optional<YamlMap> db = top.map("database", false);
        DatabaseSettings database = db.map(this::database).orElse(DatabaseSettings.h2(Path.of("data", "keeper")));
        boolean clustered = db.flatMap(d -> d.bool("cluster")).orElse(database.kind() == DatabaseSettings.Kind.POSTGRESQL);
        if (clustered && database.kind() == DatabaseSettings.Kind.H2) {
            top.context().problem(db.get().node(), "database.cluster", "clustering needs type postgresql");
        }
        db.ifPresent(YamlMap::finish);
        KeeperConfig.Schedule schedule = top.map("schedule", false).map(s -> {
            String cron = s.string("defaultCron", false).filter(c -> validCron(s, "defaultCron", c)).orElse(HOURLY);
            s.finish();
            return new KeeperConfig.Schedule(cron);
        }).orElse(new KeeperConfig.Schedule(HOURLY));
        KeeperConfig.Risk risk = risk(top.map("risk", false), vaults.stream().map(v -> v.limits().maxNotionalUsd())
                .reduce(BigDecimal.ZERO, BigDecimal::add).max(BigDecimal.ONE));
        KeeperConfig.Hedging hedging = hedging(top.map("hedging", false));
        Optional<KeeperConfig.Admin> admin = top.map("admin", false).map(this::admin);
        KeeperConfig.Observability observability = top.map("observability", false).map(this::observability)
                .orElse(new KeeperConfig.Observability("json", Optional.empty(), Optional.empty(), Optional.empty(), "datadoghq.com"));
        top.finish();
        if (chain.isEmpty() || signers.isEmpty() || !top.context().problems.isEmpty()) {
            return null;
        }
        return new KeeperConfig(file, chain.get(), signers.get(), vaults, venues, database, clustered, schedule, risk,
                hedging, admin, observability);
    }

    /**
     * Defaults: 100,000 USD per order; per venue the sum of the vaults' notional caps; 5× leverage; liquidation at
     * least 15 % away; a daily loss of 5 % of the summed caps moves to REDUCING.
     */
    static KeeperConfig.Risk risk(Optional<YamlMap> section, BigDecimal summedCaps) {
        KeeperConfig.Risk defaults = new KeeperConfig.Risk(new BigDecimal("100000"), summedCaps,
                RiskLimits.DEFAULT_MAX_LEVERAGE, new BigDecimal("0.15"), summedCaps.multiply(new BigDecimal("0.05")),
                TradingState.REDUCING);
        if (section.isEmpty()) {
            return defaults;
        }
        YamlMap m = section.get();
        BigDecimal maxNotional = new BigDecimal("1e12");
        KeeperConfig.Risk risk = new KeeperConfig.Risk(
                m.decimal("maxOrderNotionalUsd", false, BigDecimal.ZERO, true, maxNotional).orElse(defaults.maxOrderNotionalUsd()),
                m.decimal("maxVenuePositionUsd", false, BigDecimal.ZERO, true, maxNotional).orElse(defaults.maxVenuePositionUsd()),
                m.decimal("maxLeverage", false, BigDecimal.ZERO, true, RiskLimits.HARD_MAX_LEVERAGE).orElse(defaults.maxLeverage()),
                m.decimal("liquidationDistanceFloor", false, BigDecimal.ZERO, true, new BigDecimal("0.99"))
                        .orElse(defaults.liquidationDistanceFloor()),
                m.decimal("dailyLossLimitUsd", false, BigDecimal.ZERO, true, maxNotional).orElse(defaults.dailyLossLimitUsd()),
                m.enumeration("onDailyLoss", false, TradingState.class).orElse(defaults.onDailyLoss()));
        if (risk.onDailyLoss() == TradingState.ACTIVE) {
            m.context().problem(m.raw("onDailyLoss").orElseThrow(), m.child("onDailyLoss"), "expected REDUCING or HALTED");
        }
        m.finish();
        return risk;
    }

    private static KeeperConfig.Hedging hedging(Optional<YamlMap> section) {
        Optional<YamlMap> failover = section.flatMap(m -> m.map("failover", false));
        FundingChoice funding = fundingChoice(section.flatMap(m -> m.map("funding", false)));
        KeeperConfig.Hedging hedging = new KeeperConfig.Hedging(
                hedgeBand(section),
                section.flatMap(m -> duration(m, "maintainEvery")).orElse(Duration.ofMinutes(5)),
                failover.flatMap(f -> duration(f, "after")).orElse(Duration.ofSeconds(30)),
                failover.flatMap(f -> f.integer("rejections", false, 1, 100)).orElse(3L).intValue(),
                failover.flatMap(f -> duration(f, "probeEvery")).orElse(Duration.ofMinutes(1)),
                funding.horizon(),
                funding.switchingCost());
        failover.ifPresent(YamlMap::finish);
        section.ifPresent(YamlMap::finish);
        return hedging;
    }

    /** A hedging section's {@code band}: re-hedge beyond this share of the vault's value (default 5 %). */
    static BigDecimal hedgeBand(Optional<YamlMap> section) {
        return section.flatMap(m -> m.decimal("band", false, BigDecimal.ZERO, true, new BigDecimal("0.5")))
                .orElse(HedgeSettings.DEFAULT_BAND);
    }

    /** The Arbitrage kind's venue choice: move the hedge only if the funding gain over the horizon pays the move. */
    record FundingChoice(Duration horizon, BigDecimal switchingCost) {}

    /** A hedging section's {@code funding} (defaults: 24 h, 0.1 % of notional). */
    static FundingChoice fundingChoice(Optional<YamlMap> funding) {
        FundingChoice choice = new FundingChoice(
                funding.flatMap(f -> duration(f, "horizon")).orElse(Duration.ofHours(24)),
                funding.flatMap(f -> f.decimal("switchingCost", false, BigDecimal.ZERO, false, new BigDecimal("0.1")))
                        .orElse(new BigDecimal("0.001")));
        funding.ifPresent(YamlMap::finish);
        return choice;
    }

    private KeeperConfig.Admin admin(YamlMap m) {
        String bind = m.string("bind", false).orElse("127.0.0.1");
        Optional<Long> port = m.integer("port", true, 1, 65_535);
        Optional<Secret> token = bearerToken(m);
        m.finish();
        return port.isPresent() && token.isPresent() ? new KeeperConfig.Admin(bind, port.get().intValue(), token.get()) : null;
    }

    /** A required {@code token} a client sends as its bearer token: 24 characters or more. */
    private static Optional<Secret> bearerToken(YamlMap m) {
        return m.secret("token", true).filter(t -> {
            if (t.reveal().length() >= 24) {
                return true;
            }
            m.context().problem(m.raw("token").orElseThrow(), m.child("token"), "must be at least 24 characters");
            return false;
        });
    }

    private KeeperConfig.Chain chain(YamlMap m) {
        Optional<Long> chainId = m.integer("chainId", true, 1, Long.MAX_VALUE);
        List<URI> urls = new ArrayList<>();
        for (Item item : m.list("rpcUrls", true)) {
            YamlMap.scalar(m.context(), item.node(), item.path()).flatMap(s -> uri(m.context(), item, s, Set.of("http", "https")))
                    .ifPresent(urls::add);
        }
        int confirmations = m.integer("confirmations", false, 1, 1_000).orElse(1L).intValue();
        BigDecimal maxFee = m.decimal("maxFeePerGasGwei", false, BigDecimal.ZERO, true, BigDecimal.valueOf(1_000_000))
                .orElse(BigDecimal.valueOf(100));
        m.finish();
        return chainId.map(id -> new KeeperConfig.Chain(id, List.copyOf(urls), confirmations, maxFee)).orElse(null);
    }

    private KeeperConfig.Signers signers(YamlMap m) {
        Optional<SignerSpec> keeper = m.map("keeper", true).flatMap(this::signer);
        Optional<KeeperConfig.OracleSpec> oracle = m.map("aiOracle", true).flatMap(this::oracle);
        Optional<YamlMap> guardianSection = m.map("guardian", false);
        Optional<SignerSpec> guardian = guardianSection.flatMap(this::signer);
        m.finish();
        boolean complete = keeper.isPresent() && oracle.isPresent() && guardian.isPresent() == guardianSection.isPresent();
        return complete ? new KeeperConfig.Signers(keeper.get(), oracle.get(), guardian) : null;
    }

    /** Whether signers.aiOracle says {@code type: remote} (valid or not): such an oracle keeps the vaults' policies. */
    private static boolean declaresRemoteOracle(YamlMap top) {
        return top.raw("signers").filter(MappingNode.class::isInstance)
                .flatMap(n -> YamlMap.of(top.context(), n, "signers"))
                .flatMap(s -> s.raw("aiOracle")).filter(MappingNode.class::isInstance)
                .flatMap(n -> YamlMap.of(top.context(), n, "signers.aiOracle"))
                .flatMap(o -> o.raw("type")).filter(ScalarNode.class::isInstance)
                .map(n -> ((ScalarNode) n).getValue()).filter("remote"::equals).isPresent();
    }

    /** The aiOracle: {@code type: remote} (its own process, asked over HTTP) or a key it signs with in this process. */
    private Optional<KeeperConfig.OracleSpec> oracle(YamlMap m) {
        if (!m.raw("type").flatMap(n -> YamlMap.scalar(m.context(), n, m.child("type"))).orElse("").equals("remote")) {
            return signer(m).map(KeeperConfig.OracleSpec.InProcess::new);
        }
        m.string("type", true);
        Optional<URI> url = m.required("url").flatMap(n -> url(m, "url", Set.of("http", "https")));
        Optional<Secret> token = bearerToken(m);
        m.finish();
        return url.isPresent() && token.isPresent()
                ? Optional.of(new KeeperConfig.OracleSpec.Remote(url.get(), token.get())) : Optional.empty();
    }

    private Optional<SignerSpec> signer(YamlMap m) {
        Optional<String> type = m.string("type", true);
        Optional<SignerSpec> spec = Optional.empty();
        if (type.isPresent()) {
            switch (type.get()) {
                case "kms" -> {
                    Optional<String> keyId = m.string("keyId", true);
                    Optional<String> region = m.string("region", true);
                    Optional<URI> endpoint = m.raw("endpoint").flatMap(n -> YamlMap.scalar(m.context(), n, m.child("endpoint"))
                            .flatMap(s -> uri(m.context(), new Item(n, m.child("endpoint")), s, Set.of("http", "https"))));
                    if (keyId.isPresent() && region.isPresent()) {
                        spec = Optional.of(new SignerSpec.Kms(keyId.get(), region.get(), endpoint));
                    }
                }
                case "keystore" -> {
                    Optional<Path> path = existingFile(m, "path");
                    Optional<Secret> password = passwordFromEnv(m, "passwordEnv");
                    if (path.isPresent() && password.isPresent()) {
                        spec = Optional.of(new SignerSpec.Keystore(path.get(), password.get()));
                    }
                }
                default -> m.context().problem(m.raw("type").orElseThrow(), m.child("type"), "expected kms or keystore");
            }
        }
        m.finish();
        return spec;
    }

    private Optional<Secret> passwordFromEnv(YamlMap m, String key) {
        return m.string(key, true).flatMap(name -> {
            Node node = m.raw(key).orElseThrow();
            if (!ENV_NAME.matcher(name).matches()) {
                m.context().problem(node, m.child(key), "expected the name of an environment variable");
                return Optional.empty();
            }
            String value = env.get(name);
            if (value == null || value.isEmpty()) {
                m.context().problem(node, m.child(key), "environment variable " + name + " is not set");
                return Optional.empty();
            }
            return Optional.of(new Secret(value));
        });
    }

    private Optional<Path> existingFile(YamlMap m, String key) {
        return m.string(key, true).flatMap(s -> {
            Path path = Path.of(s);
            if (!Files.isRegularFile(path)) {
                m.context().problem(m.raw(key).orElseThrow(), m.child(key), "no such file");
                return Optional.empty();
            }
            return Optional.of(path);
        });
    }

    private List<KeeperConfig.Vault> vaults(YamlMap top, Map<String, KeeperConfig.Venue> venues, boolean remoteOracle) {
        List<KeeperConfig.Vault> vaults = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        Set<String> hedgedMarkets = new HashSet<>();
        for (Item item : top.list("vaults", true)) {
            YamlMap.of(top.context(), item.node(), item.path()).ifPresent(m -> {
                Optional<String> name = m.string("name", true).filter(n -> matches(m, "name", n, NAME,
                        "expected lower-case letters, digits and dashes"));
                name.filter(n -> !names.add(n)).ifPresent(n -> m.context().problem(m.raw("name").orElseThrow(), m.child("name"), "another vault has this name"));
                Optional<String> address = address(m, "address", true);
                address.filter(a -> !addresses.add(a)).ifPresent(a -> m.context().problem(m.raw("address").orElseThrow(), m.child("address"), "another vault has this address"));
                Optional<String> pool = address(m, "pool", true);
                Optional<VaultKind> kind = m.enumeration("kind", true, VaultKind.class);
                Optional<String> cron = m.string("schedule", false).filter(c -> validCron(m, "schedule", c));
                Optional<KeeperConfig.Hedge> hedge = m.map("hedge", false).map(h -> hedge(h, venues));
                hedge.ifPresent(h -> h.venues().stream().map(v -> v + " " + h.market())
                        .filter(venueMarket -> !hedgedMarkets.add(venueMarket)).findFirst()
                        .ifPresent(venueMarket -> m.context().problem(m.raw("hedge").orElseThrow(), m.child("hedge"),
                                "another vault already hedges on " + venueMarket
                                        + ": a venue account holds one position per market")));
                if (kind.isPresent() && kind.get() != VaultKind.CONCENTRATED_LIQUIDITY && !m.has("hedge")) {
                    m.context().problem(m.node(), m.child("hedge"), "is required for a " + kind.get() + " vault");
                }
                Optional<KeeperConfig.Limits> limits = m.map("limits", true).map(this::limits);
                // L-3: the re-ratio swap's slippage tolerance defaults to the pool's fee plus 20 bps
                Optional<Long> poolFee = m.integer("poolFee", true, 1, 1_000_000);
                int slippage = poolFee.map(fee -> (int) Math.ceilDiv(fee, 100) + POOL_FEE_SLIPPAGE_MARGIN_BPS)
                        .orElse(PolicySettings.DEFAULTS.slippageBps());
                PolicySettings policy = m.map("policy", false).map(p -> policy(p, slippage))
                        .orElse(defaultPolicy(slippage));
                Optional<FeedSettings> chainlink = m.map("chainlink", false).flatMap(ConfigLoader::chainlink);
                Optional<YamlMap> oracleSection = m.map("oracle", false);
                if (remoteOracle && oracleSection.isPresent()) {
                    m.context().problem(oracleSection.get().node(), m.child("oracle"),
                            "the remote aiOracle applies its own policy (its configuration file); remove it here");
                }
                OraclePolicy oracle = oracleSection.map(ConfigLoader::oraclePolicy).orElse(OraclePolicy.DEFAULTS);
                m.finish();
                if (name.isPresent() && address.isPresent() && pool.isPresent() && kind.isPresent() && limits.isPresent()
                        && poolFee.isPresent() && policy != null && oracle != null
                        && (chainlink.isPresent() || !m.has("chainlink"))) {
                    vaults.add(new KeeperConfig.Vault(name.get(), address.get(), pool.get(), kind.get(), cron, hedge,
                            limits.get(), policy, chainlink, oracle));
                }
            });
        }
        return vaults;
    }

    private KeeperConfig.Hedge hedge(YamlMap m, Map<String, KeeperConfig.Venue> venues) {
        List<String> names = new ArrayList<>();
        for (Item item : m.list("venues", true)) {
            YamlMap.scalar(m.context(), item.node(), item.path()).ifPresent(v -> {
                if (!venues.containsKey(v)) {
                    m.context().problem(item.node(), item.path(), "no venue of this name under venues");
                } else {
                    names.add(v);
                }
            });
        }
        if (names.size() > 2) {
            m.context().problem(m.raw("venues").orElseThrow(), m.child("venues"), "expected a primary and at most one secondary");
        }
        Optional<String> market = m.string("market", true);
        BigDecimal ratio = m.decimal("ratio", false, BigDecimal.ZERO, true, BigDecimal.valueOf(2)).orElse(BigDecimal.ONE);
        Optional<String> base = m.string("baseToken", true).filter(b -> {
            if (b.equals("token0") || b.equals("token1")) {
                return true;
            }
            m.context().problem(m.raw("baseToken").orElseThrow(), m.child("baseToken"), "expected token0 or token1");
            return false;
        });
        Optional<Long> decimals0 = m.integer("token0Decimals", true, 0, 36);
        Optional<Long> decimals1 = m.integer("token1Decimals", true, 0, 36);
        m.finish();
        if (market.isEmpty() || base.isEmpty() || decimals0.isEmpty() || decimals1.isEmpty()) {
            return null;
        }
        return new KeeperConfig.Hedge(List.copyOf(names), market.get(), ratio, base.get().equals("token0"),
                decimals0.get().intValue(), decimals1.get().intValue());
    }

    private KeeperConfig.Limits limits(YamlMap m) {
        Optional<BigDecimal> notional = m.decimal("maxNotionalUsd", true, BigDecimal.ZERO, true, new BigDecimal("1e12"));
        Optional<BigDecimal> leverage = m.decimal("maxLeverage", false, BigDecimal.ZERO, true, BigDecimal.valueOf(20));
        m.finish();
        return notional.map(n -> new KeeperConfig.Limits(n, leverage.orElse(BigDecimal.valueOf(3)))).orElse(null);
    }

    /** PolicySettings.DEFAULTS with the vault's own slippage default (its pool's fee plus a margin). */
    private static PolicySettings defaultPolicy(int slippageBps) {
        PolicySettings d = PolicySettings.DEFAULTS;
        return new PolicySettings(d.widthSigmas(), d.minHalfWidthTicks(), d.maxHalfWidthTicks(), d.nearEdgeFraction(),
                d.minTickMove(), d.maxAge(), d.maxTwapDeviation(), slippageBps, d.deadline());
    }

    /** A policy section with the core defaults (the backtest file's, whose simulated pool has no fee tier to read). */
    static PolicySettings policy(YamlMap m) {
        return policy(m, PolicySettings.DEFAULTS.slippageBps());
    }

    static PolicySettings policy(YamlMap m, int defaultSlippageBps) {
        PolicySettings d = defaultPolicy(defaultSlippageBps);
        double widthSigmas = m.decimal("widthSigmas", false, BigDecimal.ZERO, true, BigDecimal.valueOf(100))
                .map(BigDecimal::doubleValue).orElse(d.widthSigmas());
        int minHalf = m.integer("minHalfWidthTicks", false, 1, 887_272).orElse((long) d.minHalfWidthTicks()).intValue();
        int maxHalf = m.integer("maxHalfWidthTicks", false, 1, 887_272).orElse((long) d.maxHalfWidthTicks()).intValue();
        double nearEdge = m.decimal("nearEdgeFraction", false, BigDecimal.ZERO, false, new BigDecimal("0.49"))
                .map(BigDecimal::doubleValue).orElse(d.nearEdgeFraction());
        int minTickMove = m.integer("minTickMove", false, 1, 887_272).orElse((long) d.minTickMove()).intValue();
        Duration maxAge = duration(m, "maxAge").orElse(d.maxAge());
        int maxTwap = m.integer("maxTwapDeviationTicks", false, 0, 887_272).orElse((long) d.maxTwapDeviation()).intValue();
        int slippage = m.integer("slippageBps", false, 0, 9_999).orElse((long) d.slippageBps()).intValue();
        Duration deadline = duration(m, "deadline").orElse(d.deadline());
        if (deadline.compareTo(MAX_SIGNATURE_LIFETIME) > 0) {
            m.context().problem(m.raw("deadline").orElseThrow(), m.child("deadline"),
                    "at most 1h: the vault refuses rebalances signed to stay valid longer");
        }
        if (minHalf > maxHalf) {
            m.context().problem(m.node(), m.child("minHalfWidthTicks"), "must not exceed maxHalfWidthTicks");
        }
        m.finish();
        try {
            return new PolicySettings(widthSigmas, minHalf, maxHalf, nearEdge, minTickMove, maxAge, maxTwap, slippage, deadline);
        } catch (IllegalArgumentException e) {
            return null; // each cause was reported above with its line
        }
    }

    /**
     * A vault's Chainlink feed: {@code feed} (its AggregatorV3Interface address), {@code baseToken} (token0 or token1,
     * the token the feed prices), both tokens' decimals, {@code maxAge} (older answers are stale; the feed's heartbeat
     * plus a margin) and {@code maxDeviationBps} (default 200).
     */
    static Optional<FeedSettings> chainlink(YamlMap m) {
        Optional<String> feed = address(m, "feed", true);
        Optional<Boolean> baseIsToken0 = baseToken(m);
        Optional<Long> decimals0 = m.integer("token0Decimals", true, 0, 36);
        Optional<Long> decimals1 = m.integer("token1Decimals", true, 0, 36);
        Optional<Duration> maxAge = m.required("maxAge").flatMap(n -> duration(m, "maxAge"));
        int maxDeviation = m.integer("maxDeviationBps", false, 1, 5_000).orElse(200L).intValue();
        m.finish();
        if (feed.isEmpty() || baseIsToken0.isEmpty() || decimals0.isEmpty() || decimals1.isEmpty() || maxAge.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FeedSettings(feed.get(), baseIsToken0.get(), decimals0.get().intValue(),
                decimals1.get().intValue(), maxAge.get(), maxDeviation));
    }

    private static Optional<Boolean> baseToken(YamlMap m) {
        return m.string("baseToken", true).filter(b -> {
            if (b.equals("token0") || b.equals("token1")) {
                return true;
            }
            m.context().problem(m.raw("baseToken").orElseThrow(), m.child("baseToken"), "expected token0 or token1");
            return false;
        }).map(b -> b.equals("token0"));
    }

    /** The aiOracle's policy for a vault (defaults: OraclePolicy.DEFAULTS); null if a field is invalid. */
    static OraclePolicy oraclePolicy(YamlMap m) {
        OraclePolicy d = OraclePolicy.DEFAULTS;
        int minWidth = m.integer("minWidthTicks", false, 1, 1_774_544).orElse((long) d.minWidthTicks()).intValue();
        int maxMove = m.integer("maxMoveTicks", false, 1, 887_272).orElse((long) d.maxMoveTicks()).intValue();
        Duration lifetime = duration(m, "maxSignatureLifetime").orElse(d.maxSignatureLifetime());
        boolean valid = true;
        if (lifetime.compareTo(MAX_SIGNATURE_LIFETIME) > 0) {
            m.context().problem(m.raw("maxSignatureLifetime").orElseThrow(), m.child("maxSignatureLifetime"),
                    "at most 1h: the vault refuses rebalances signed to stay valid longer");
            valid = false;
        }
        m.finish();
        return valid ? new OraclePolicy(minWidth, maxMove, lifetime) : null;
    }

    /**
     * Reads the aiOracle process's own file ({@code keeper oracle serve}): {@code chain}, {@code signer} (its key),
     * {@code server} (bind, port, token) and {@code vaults} (address, {@code policy}, {@code chainlink}).
     *
     * @throws ConfigException with every problem, if there is any
     */
    public OracleConfig loadOracle(Path file) {
        return parse(file, env, this::readOracle);
    }

    private OracleConfig readOracle(YamlMap top, Path file) {
        Optional<KeeperConfig.Chain> chain = top.map("chain", true).map(this::chain);
        Optional<SignerSpec> signer = top.map("signer", true).flatMap(this::signer);
        Optional<OracleConfig.Server> server = top.map("server", true).map(s -> {
            String bind = s.string("bind", false).orElse("127.0.0.1");
            Optional<Long> port = s.integer("port", true, 1, 65_535);
            Optional<Secret> token = bearerToken(s);
            s.finish();
            return port.isPresent() && token.isPresent() ? new OracleConfig.Server(bind, port.get().intValue(), token.get())
                    : null;
        });
        Map<String, PolicyCheckedOracle.Vault> vaults = new LinkedHashMap<>();
        for (Item item : top.list("vaults", true)) {
            YamlMap.of(top.context(), item.node(), item.path()).ifPresent(m -> {
                Optional<String> address = address(m, "address", true);
                address.filter(vaults::containsKey).ifPresent(a -> m.context().problem(m.raw("address").orElseThrow(),
                        m.child("address"), "another vault has this address"));
                OraclePolicy policy = m.map("policy", false).map(ConfigLoader::oraclePolicy).orElse(OraclePolicy.DEFAULTS);
                Optional<FeedSettings> feed = m.map("chainlink", false).flatMap(ConfigLoader::chainlink);
                m.finish();
                if (address.isPresent() && policy != null && (feed.isPresent() || !m.has("chainlink"))) {
                    vaults.put(address.get(), new PolicyCheckedOracle.Vault(policy, feed));
                }
            });
        }
        top.finish();
        if (chain.isEmpty() || signer.isEmpty() || server.isEmpty() || !top.context().problems.isEmpty()) {
            return null;
        }
        return new OracleConfig(file, chain.get(), signer.get(), server.get(), Map.copyOf(vaults));
    }

    static Optional<Duration> duration(YamlMap m, String key) {
        return m.string(key, false).flatMap(s -> {
            Optional<Duration> d = parseDuration(s);
            if (d.isEmpty() || !d.get().isPositive()) {
                m.context().problem(m.raw(key).orElseThrow(), m.child(key), "expected a positive duration such as 90s, 10m, 1h, 7d or PT1H");
                return Optional.empty();
            }
            return d;
        });
    }

    static Optional<Duration> parseDuration(String s) {
        try {
            if (s.startsWith("P") || s.startsWith("p")) {
                return Optional.of(Duration.parse(s));
            }
            long amount = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (s.charAt(s.length() - 1)) {
                case 's' -> Optional.of(Duration.ofSeconds(amount));
                case 'm' -> Optional.of(Duration.ofMinutes(amount));
                case 'h' -> Optional.of(Duration.ofHours(amount));
                case 'd' -> Optional.of(Duration.ofDays(amount));
                default -> Optional.empty();
            };
        } catch (DateTimeParseException | NumberFormatException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private Map<String, KeeperConfig.Venue> venues(YamlMap m) {
        Map<String, KeeperConfig.Venue> venues = new LinkedHashMap<>();
        for (String name : m.keys()) {
            m.map(name, true).ifPresent(v -> venue(name, v).ifPresent(venue -> venues.put(name, venue)));
        }
        m.finish();
        return venues;
    }

    private Optional<KeeperConfig.Venue> venue(String name, YamlMap m) {
        Optional<String> type = m.string("type", true);
        Map<String, Object> settings = new HashMap<>();
        if (type.isPresent() && !VENUE_TYPES.contains(type.get())) {
            m.context().problem(m.raw("type").orElseThrow(), m.child("type"), "expected one of " + VENUE_TYPES.stream().sorted().toList());
        }
        url(m, "baseUrl", Set.of("http", "https")).ifPresent(u -> settings.put("baseUrl", u));
        url(m, "wsUrl", Set.of("ws", "wss")).ifPresent(u -> settings.put("wsUrl", u));
        switch (type.orElse("")) {
            case "coinbase" -> {
                m.secret("apiKeyName", true).ifPresent(s -> settings.put("apiKeyName", s));
                existingFile(m, "privateKeyPath").ifPresent(p -> settings.put("privateKeyPath", p));
                String derivatives = m.string("derivatives", false).orElse("CFM");
                if (!Set.of("CFM", "INTX").contains(derivatives)) {
                    m.context().problem(m.raw("derivatives").orElseThrow(), m.child("derivatives"),
                            "expected CFM (US futures) or INTX (international perpetuals)");
                }
                settings.put("derivatives", derivatives);
                Optional<String> portfolio = m.string("portfolioUuid", derivatives.equals("INTX"));
                portfolio.ifPresent(u -> settings.put("portfolioUuid", u));
                m.map("products", true).ifPresent(products -> {
                    Map<String, String> byMarket = new LinkedHashMap<>();
                    for (String market : products.keys()) {
                        products.string(market, true).ifPresent(id -> byMarket.put(market, id));
                    }
                    products.finish();
                    settings.put("products", Map.copyOf(byMarket));
                });
            }
            case "hyperliquid" -> {
                m.map("signer", true).flatMap(this::signer).ifPresent(s -> {
                    if (s instanceof SignerSpec.Kms) {
                        // Hyperliquid's EIP-712 agent signatures are made in-process from the raw key.
                        m.context().problem(m.raw("signer").orElseThrow(), m.child("signer"),
                                "hyperliquid signs with a local key: use a keystore signer (an API wallet's key)");
                    }
                    settings.put("signer", s);
                });
                address(m, "accountAddress", false).ifPresent(a -> settings.put("accountAddress", a));
                address(m, "vaultAddress", false).ifPresent(a -> settings.put("vaultAddress", a));
                settings.put("mainnet", m.bool("mainnet").orElse(true));
            }
            case "dydx" -> {
                m.secret("mnemonic", true).ifPresent(s -> settings.put("mnemonic", s));
                m.string("address", true).filter(a -> matches(m, "address", a, Pattern.compile("dydx1[0-9a-z]{38}"),
                        "expected a dydx1… bech32 address")).ifPresent(a -> settings.put("address", a));
                settings.put("subaccount", m.integer("subaccount", false, 0, 127).orElse(0L));
                url(m, "indexerUrl", Set.of("http", "https")).ifPresent(u -> settings.put("indexerUrl", u));
                url(m, "indexerWsUrl", Set.of("ws", "wss")).ifPresent(u -> settings.put("indexerWsUrl", u));
                // The node's REST gateway: account number and sequence, and broadcasting orders.
                m.required("nodeUrl").flatMap(n -> url(m, "nodeUrl", Set.of("http", "https")))
                        .ifPresent(u -> settings.put("nodeUrl", u));
                settings.put("chainId", m.string("chainId", false).orElse("dydx-mainnet-1"));
            }
            case "paper" -> m.decimal("startingBalanceUsd", false, BigDecimal.ZERO, true, new BigDecimal("1e12"))
                    .ifPresent(b -> settings.put("startingBalanceUsd", b));
            default -> { }
        }
        m.finish();
        return type.filter(VENUE_TYPES::contains).map(t -> new KeeperConfig.Venue(name, t, Map.copyOf(settings)));
    }

    private static Optional<URI> url(YamlMap m, String key, Set<String> schemes) {
        return m.raw(key).flatMap(n -> YamlMap.scalar(m.context(), n, m.child(key))
                .flatMap(s -> uri(m.context(), new Item(n, m.child(key)), s, schemes)));
    }

    private DatabaseSettings database(YamlMap m) {
        String type = m.string("type", false).orElse("h2");
        int pool = m.integer("poolSize", false, 2, 100).orElse(5L).intValue();
        switch (type) {
            case "h2" -> {
                Path path = m.string("path", false).map(Path::of).orElse(Path.of("data", "keeper"));
                return new DatabaseSettings(DatabaseSettings.Kind.H2, path, null, null, null, pool);
            }
            case "postgresql" -> {
                Optional<String> url = m.string("url", true).filter(u -> matches(m, "url", u,
                        Pattern.compile("jdbc:postgresql://[^@\\s]+"), "expected jdbc:postgresql://host:port/database, without credentials"));
                Optional<String> user = m.string("user", true);
                Optional<Secret> password = m.secret("password", true);
                if (url.isEmpty() || user.isEmpty() || password.isEmpty()) {
                    return DatabaseSettings.h2(Path.of("unused"));
                }
                return new DatabaseSettings(DatabaseSettings.Kind.POSTGRESQL, null, url.get(), user.get(),
                        password.get().reveal(), pool);
            }
            default -> {
                m.context().problem(m.raw("type").orElseThrow(), m.child("type"), "expected h2 or postgresql");
                return DatabaseSettings.h2(Path.of("unused"));
            }
        }
    }

    private KeeperConfig.Observability observability(YamlMap m) {
        String format = m.string("logFormat", false).orElse("json");
        if (!format.equals("json") && !format.equals("text")) {
            m.context().problem(m.raw("logFormat").orElseThrow(), m.child("logFormat"), "expected json or text");
        }
        Optional<Secret> sentry = m.secret("sentryDsn", false).filter(s -> !s.reveal().isEmpty());
        Optional<Integer> port = m.integer("prometheusPort", false, 1, 65_535).map(Long::intValue);
        Optional<YamlMap> datadog = m.map("datadog", false);
        Optional<Secret> ddKey = datadog.flatMap(d -> d.secret("apiKey", true));
        String site = datadog.flatMap(d -> d.string("site", false)).orElse("datadoghq.com");
        datadog.ifPresent(YamlMap::finish);
        m.finish();
        return new KeeperConfig.Observability(format, sentry, port, ddKey, site);
    }

    private static Optional<String> address(YamlMap m, String key, boolean required) {
        return m.string(key, required).filter(a -> {
            if (!ADDRESS.matcher(a).matches()) {
                m.context().problem(m.raw(key).orElseThrow(), m.child(key), "expected 0x and 40 hex digits");
                return false;
            }
            String digits = a.substring(2);
            boolean mixedCase = !digits.equals(digits.toLowerCase(Locale.ROOT)) && !digits.equals(digits.toUpperCase(Locale.ROOT));
            if (mixedCase && !Keys.toChecksumAddress(a).equals(a)) {
                m.context().problem(m.raw(key).orElseThrow(), m.child(key), "mixed-case address with a wrong EIP-55 checksum");
                return false;
            }
            return true;
        }).map(a -> a.toLowerCase(Locale.ROOT));
    }

    private static boolean matches(YamlMap m, String key, String value, Pattern pattern, String expected) {
        if (pattern.matcher(value).matches()) {
            return true;
        }
        m.context().problem(m.raw(key).orElseThrow(), m.child(key), expected);
        return false;
    }

    private static boolean validCron(YamlMap m, String key, String cron) {
        if (CronExpression.isValidExpression(cron)) {
            return true;
        }
        m.context().problem(m.raw(key).orElseThrow(), m.child(key),
                "expected a Quartz cron expression (seconds minutes hours day-of-month month day-of-week), e.g. \"0 0 * * * ?\"");
        return false;
    }

    private static Optional<URI> uri(Context ctx, Item item, String value, Set<String> schemes) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() != null && schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT)) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException ignored) {
            // reported below, without the value: URLs may carry API keys
        }
        ctx.problem(item.node(), item.path(), "expected an absolute URL with scheme " + schemes.stream().sorted().toList());
        return Optional.empty();
    }
}
