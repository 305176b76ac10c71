package io.yielddelta.keeper.app.config;

import io.yielddelta.keeper.app.chainlink.FeedSettings;
import io.yielddelta.keeper.app.oracle.OraclePolicy;
import io.yielddelta.keeper.app.oracle.PolicyCheckedOracle;
import io.yielddelta.keeper.app.venue.VenueSpec;
import io.yielddelta.keeper.app.venue.VenuesSection;
import io.yielddelta.keeper.core.kernel.DeploymentSettings.HedgingSettings;
import io.yielddelta.keeper.core.risk.RiskLimits;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one deployment's YAML file, section by section — chain, signers (keeper, aiOracle, guardian), venues (a plugin
 * per type), vaults (with their Chainlink feeds and aiOracle policies), database,
 * schedule, risk, hedging, admin, observability — substituting {@code ${ENV}} references, and either returns the
 * whole configuration or throws a {@link ConfigException} listing every problem with its line: nothing is
 * half-applied, and a field no section reads is refused as unknown.
 */
public final class ConfigLoader {

    public static final String HOURLY = OperationsSections.HOURLY;

    private final Map<String, String> env;
    private final boolean checkKeys;
    private final boolean simulatedVenues;

    public ConfigLoader(Map<String, String> env) {
        this(env, false, false);
    }

    private ConfigLoader(Map<String, String> env, boolean checkKeys, boolean simulatedVenues) {
        this.env = Map.copyOf(env);
        this.checkKeys = checkKeys;
        this.simulatedVenues = simulatedVenues;
    }

    public static ConfigLoader fromEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    /**
     * This loader, also loading every key and building every venue client while reading (without connecting), so
     * that what {@code run} could not start is a problem at its line: {@code validate-config}.
     */
    public ConfigLoader checkingKeys() {
        return new ConfigLoader(env, true, simulatedVenues);
    }

    /** This loader, accepting the simulated {@code paper} venue: the sandbox's own deployment file. */
    public ConfigLoader withSimulatedVenues() {
        return new ConfigLoader(env, checkKeys, true);
    }

    /** @throws ConfigException with every problem, if there is any */
    public KeeperConfig load(Path file) {
        return YamlFile.read(file, env, checkKeys, top -> read(top, file));
    }

    private KeeperConfig read(YamlMap top, Path file) {
        Optional<KeeperConfig.Chain> chain = top.map("chain", true).flatMap(ChainSection::read);
        Optional<SignerSection.Read> signersRead = top.map("signers", true).map(SignerSection::signers);
        Optional<KeeperConfig.Signers> signers = signersRead.flatMap(SignerSection.Read::signers);
        Optional<YamlMap> venuesSection = top.map("venues", false);
        // Vaults may name a venue whose own settings are wrong: that is one problem, reported under venues.
        Set<String> venueNames = venuesSection.map(m -> Set.copyOf(m.keys())).orElse(Set.of());
        Map<String, VenueSpec> venues =
                venuesSection.map(m -> VenuesSection.read(m, simulatedVenues)).orElse(Map.of());
        boolean remoteOracle = signersRead.map(SignerSection.Read::remoteOracle).orElse(false);
        List<KeeperConfig.Vault> vaults = VaultsSection.read(top, venueNames, remoteOracle);
        Optional<DatabaseSection.Database> database = DatabaseSection.read(top.map("database", false));
        KeeperConfig.Schedule schedule = OperationsSections.schedule(top.map("schedule", false));
        BigDecimal summedCaps = vaults.stream()
                .map(KeeperConfig.Vault::maxNotionalUsd)
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .max(BigDecimal.ONE);
        BigDecimal largestVault =
                vaults.stream().map(KeeperConfig.Vault::maxNotionalUsd).reduce(BigDecimal.ONE, BigDecimal::max);
        RiskLimits risk = RiskSection.read(top.map("risk", false), summedCaps, largestVault);
        HedgingSettings hedging = HedgingSection.read(top.map("hedging", false));
        Optional<KeeperConfig.Admin> admin = top.map("admin", false).flatMap(OperationsSections::admin);
        KeeperConfig.Observability observability = OperationsSections.observability(top.map("observability", false));
        top.finish();
        if (chain.isEmpty()
                || signers.isEmpty()
                || database.isEmpty()
                || !top.context().problems.isEmpty()) {
            return null;
        }
        return new KeeperConfig(
                file,
                chain.get(),
                signers.get(),
                vaults,
                venues,
                database.get().settings(),
                database.get().clustered(),
                schedule,
                risk,
                hedging,
                admin,
                observability);
    }

    /**
     * Reads the aiOracle process's own file ({@code keeper oracle serve}): {@code chain}, {@code signer} (its key),
     * {@code server} (bind, port, token) and {@code vaults} (address, {@code policy}, {@code chainlink}).
     *
     * @throws ConfigException with every problem, if there is any
     */
    public OracleConfig loadOracle(Path file) {
        return YamlFile.read(file, env, checkKeys, top -> readOracle(top, file));
    }

    private static OracleConfig readOracle(YamlMap top, Path file) {
        Optional<KeeperConfig.Chain> chain = top.map("chain", true).flatMap(ChainSection::read);
        Optional<KeeperConfig.SignerSpec> signer = top.map("signer", true).flatMap(SignerSection::read);
        Optional<OracleConfig.Server> server = top.map("server", true).flatMap(s -> {
            String bind = s.string("bind", false).orElse("127.0.0.1");
            Optional<Long> port = s.integer("port", true, 1, 65_535);
            Optional<Secret> token = OperationsSections.bearerToken(s);
            s.finish();
            return port.flatMap(p -> token.map(t -> new OracleConfig.Server(bind, p.intValue(), t)));
        });
        Map<String, PolicyCheckedOracle.Vault> vaults = new LinkedHashMap<>();
        for (YamlMap.Item item : top.list("vaults", true)) {
            YamlMap.of(top.context(), item.node(), item.path()).ifPresent(m -> {
                Optional<String> address = m.address("address", true);
                address.filter(vaults::containsKey)
                        .ifPresent(a -> m.problem("address", "another vault has this address"));
                Optional<OraclePolicy> policy = m.map("policy", false)
                        .map(ChainlinkSection::oraclePolicy)
                        .orElse(Optional.of(OraclePolicy.DEFAULTS));
                Optional<YamlMap> feedSection = m.map("chainlink", false);
                Optional<FeedSettings> feed = feedSection.flatMap(ChainlinkSection::feed);
                m.finish();
                if (address.isPresent() && policy.isPresent() && feed.isPresent() == feedSection.isPresent()) {
                    vaults.put(address.get(), new PolicyCheckedOracle.Vault(policy.get(), feed));
                }
            });
        }
        top.finish();
        if (chain.isEmpty()
                || signer.isEmpty()
                || server.isEmpty()
                || !top.context().problems.isEmpty()) {
            return null;
        }
        return new OracleConfig(file, chain.get(), signer.get(), server.get(), Map.copyOf(vaults));
    }
}
