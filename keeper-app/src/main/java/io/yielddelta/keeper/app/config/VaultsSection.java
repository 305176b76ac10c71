package io.yielddelta.keeper.app.config;

import io.yielddelta.keeper.app.chainlink.FeedSettings;
import io.yielddelta.keeper.app.oracle.OraclePolicy;
import io.yielddelta.keeper.core.kernel.DeploymentSettings.HedgeSpec;
import io.yielddelta.keeper.core.policy.PolicySettings;
import io.yielddelta.keeper.core.vault.VaultKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code vaults}: each vault's name, address, pool and its fee tier, kind, schedule, hedge (on venues named in the
 * {@code venues} section), hedge cap, policy, Chainlink feed and aiOracle policy. Names and addresses are unique, and a venue account holds one vault's hedge per market.
 */
final class VaultsSection {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** L-3: the re-ratio swap tolerates the pool's fee plus this much. */
    static final int POOL_FEE_SLIPPAGE_MARGIN_BPS = 20;

    private VaultsSection() {}

    /** @param remoteOracle whether the aiOracle runs in its own process, with the vaults' policies in its own file */
    static List<KeeperConfig.Vault> read(YamlMap top, Set<String> venues, boolean remoteOracle) {
        List<KeeperConfig.Vault> vaults = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        Set<String> hedgedMarkets = new HashSet<>();
        for (YamlMap.Item item : top.list("vaults", true)) {
            YamlMap.of(top.context(), item.node(), item.path()).ifPresent(m -> {
                Optional<String> name =
                        m.matching("name", true, NAME, "expected lower-case letters, digits and dashes");
                name.filter(n -> !names.add(n)).ifPresent(n -> m.problem("name", "another vault has this name"));
                Optional<String> address = m.address("address", true);
                address.filter(a -> !addresses.add(a))
                        .ifPresent(a -> m.problem("address", "another vault has this address"));
                Optional<String> pool = m.address("pool", true);
                Optional<VaultKind> kind = m.enumeration("kind", true, VaultKind.class);
                Optional<String> cron = OperationsSections.cron(m, "schedule");
                Optional<HedgeSpec> hedge = m.map("hedge", false).flatMap(h -> hedge(h, venues));
                hedge.flatMap(h -> h.venues().stream()
                                .map(v -> v + " " + h.market())
                                .filter(venueMarket -> !hedgedMarkets.add(venueMarket))
                                .findFirst())
                        .ifPresent(venueMarket -> m.problem(
                                "hedge",
                                "another vault already hedges on " + venueMarket
                                        + ": a venue account holds one position per market"));
                if (kind.isPresent() && kind.get() != VaultKind.CONCENTRATED_LIQUIDITY && !m.has("hedge")) {
                    m.problem("hedge", "is required for a " + kind.get() + " vault");
                }
                Optional<BigDecimal> cap = m.map("limits", true).flatMap(VaultsSection::maxNotional);
                // L-3: the re-ratio swap's slippage tolerance defaults to the pool's fee plus a margin.
                Optional<Long> poolFee = m.integer("poolFee", true, 1, 1_000_000);
                int slippage = poolFee.map(fee -> (int) Math.ceilDiv(fee, 100) + POOL_FEE_SLIPPAGE_MARGIN_BPS)
                        .orElse(PolicySettings.DEFAULTS.slippageBps());
                Optional<YamlMap> policySection = m.map("policy", false);
                Optional<ScorerChoice> scorer =
                        policySection.map(PolicySection::scorer).orElse(Optional.of(ScorerChoice.EWMA));
                Optional<PolicySettings> policy = policySection
                        .map(p -> PolicySection.read(p, slippage))
                        .orElse(Optional.of(PolicySection.defaults(slippage)));
                Optional<YamlMap> feedSection = m.map("chainlink", false);
                Optional<FeedSettings> feed = feedSection.flatMap(ChainlinkSection::feed);
                Optional<YamlMap> oracleSection = m.map("oracle", false);
                if (remoteOracle && oracleSection.isPresent()) {
                    m.problem(
                            "oracle",
                            "the remote aiOracle applies its own policy (its configuration file); remove it here");
                }
                Optional<OraclePolicy> oracle =
                        oracleSection.map(ChainlinkSection::oraclePolicy).orElse(Optional.of(OraclePolicy.DEFAULTS));
                m.finish();
                if (name.isPresent()
                        && address.isPresent()
                        && pool.isPresent()
                        && kind.isPresent()
                        && cap.isPresent()
                        && poolFee.isPresent()
                        && policy.isPresent()
                        && oracle.isPresent()
                        && scorer.isPresent()
                        && feed.isPresent() == feedSection.isPresent()) {
                    vaults.add(new KeeperConfig.Vault(
                            name.get(),
                            address.get(),
                            pool.get(),
                            kind.get(),
                            cron,
                            hedge,
                            cap.get(),
                            policy.get(),
                            feed,
                            oracle.get(),
                            scorer.get()));
                }
            });
        }
        return vaults;
    }

    private static Optional<HedgeSpec> hedge(YamlMap m, Set<String> venues) {
        List<String> names = new ArrayList<>();
        for (YamlMap.Item item : m.list("venues", true)) {
            YamlMap.scalar(m.context(), item.node(), item.path()).ifPresent(v -> {
                if (!venues.contains(v)) {
                    m.context().problem(item.node(), item.path(), "no venue of this name under venues");
                } else {
                    names.add(v);
                }
            });
        }
        if (names.size() > 2) {
            m.problem("venues", "expected a primary and at most one secondary");
        }
        Optional<String> market = m.string("market", true);
        BigDecimal ratio = m.decimal("ratio", false, BigDecimal.ZERO, true, BigDecimal.valueOf(2))
                .orElse(BigDecimal.ONE);
        Optional<Boolean> baseIsToken0 = ChainlinkSection.baseToken(m);
        Optional<Long> decimals0 = m.integer("token0Decimals", true, 0, 36);
        Optional<Long> decimals1 = m.integer("token1Decimals", true, 0, 36);
        m.finish();
        if (names.isEmpty()
                || market.isEmpty()
                || baseIsToken0.isEmpty()
                || decimals0.isEmpty()
                || decimals1.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new HedgeSpec(
                names,
                market.get(),
                ratio,
                baseIsToken0.get(),
                decimals0.get().intValue(),
                decimals1.get().intValue()));
    }

    /** {@code limits.maxNotionalUsd}: the most the vault's hedge may hold (leverage is the risk section's). */
    private static Optional<BigDecimal> maxNotional(YamlMap m) {
        Optional<BigDecimal> notional =
                m.decimal("maxNotionalUsd", true, BigDecimal.ZERO, true, new BigDecimal("1e12"));
        m.finish();
        return notional;
    }
}
