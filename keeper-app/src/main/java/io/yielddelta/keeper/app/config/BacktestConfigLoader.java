package io.yielddelta.keeper.app.config;

import io.yielddelta.keeper.core.backtest.Backtest;
import io.yielddelta.keeper.core.backtest.FeeModel;
import io.yielddelta.keeper.core.policy.PolicySettings;
import io.yielddelta.keeper.core.vault.VaultGuards;
import io.yielddelta.keeper.core.vault.VaultKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a backtest file ({@code config/backtest-eth.yaml}) the way {@link ConfigLoader} reads a deployment: every
 * problem at once, each with file, line and field path. Vault policies are the deployment file's {@code policy}
 * section, so a vault's backtest and live settings read the same.
 */
public final class BacktestConfigLoader {

    /** @throws ConfigException with every problem, if there is any */
    public BacktestConfig load(Path file) {
        return ConfigLoader.parse(file, Map.of(), this::read);
    }

    private BacktestConfig read(YamlMap top, Path file) {
        Optional<String> market = top.string("marketFile", true);
        Optional<BigDecimal> initial = top.decimal("initialValueUsd", true, BigDecimal.ZERO, true, new BigDecimal("1e12"));
        Optional<YamlMap> pool = top.map("pool", true);
        int baseDecimals = pool.flatMap(p -> p.integer("baseDecimals", true, 0, 36)).orElse(18L).intValue();
        int quoteDecimals = pool.flatMap(p -> p.integer("quoteDecimals", true, 0, 36)).orElse(6L).intValue();
        int feePips = pool.flatMap(p -> p.integer("feePips", true, 1, 999_999)).orElse(500L).intValue();
        int tickSpacing = pool.flatMap(p -> p.integer("tickSpacing", true, 1, 16_384)).orElse(10L).intValue();
        pool.ifPresent(YamlMap::finish);
        FeeModel feeModel = top.map("feeModel", false).map(f -> {
            double ratio = f.decimal("dexVolumeRatio", true, BigDecimal.ZERO, true, BigDecimal.valueOf(100))
                    .map(BigDecimal::doubleValue).orElse(FeeModel.ETH_USDC_2024_01_05.dexVolumeRatio());
            BigInteger background = f.decimal("backgroundLiquidity", true, BigDecimal.ZERO, false, new BigDecimal("1e38"))
                    .map(BigDecimal::toBigInteger).orElse(FeeModel.ETH_USDC_2024_01_05.backgroundLiquidity());
            f.finish();
            return new FeeModel(ratio, background);
        }).orElse(FeeModel.ETH_USDC_2024_01_05);
        BigDecimal gas = top.decimal("gasPerRebalanceUsd", false, BigDecimal.ZERO, false, BigDecimal.valueOf(1_000_000))
                .orElse(new BigDecimal("0.01"));
        double band = top.decimal("hedgeBandPct", false, BigDecimal.ZERO, true, BigDecimal.valueOf(100))
                .map(BigDecimal::doubleValue).orElse(5.0);
        List<Backtest.VaultSpec> vaults = new ArrayList<>();
        for (YamlMap.Item item : top.list("vaults", true)) {
            YamlMap.of(top.context(), item.node(), item.path()).flatMap(this::vault).ifPresent(vaults::add);
        }
        top.finish();
        if (market.isEmpty() || initial.isEmpty() || !top.context().problems.isEmpty()) {
            return null;
        }
        Backtest.Settings settings = new Backtest.Settings(initial.get(), baseDecimals, quoteDecimals, feePips,
                tickSpacing, feeModel, gas, band, Duration.ofHours(1));
        return new BacktestConfig(file, market.get(), settings, List.copyOf(vaults));
    }

    private Optional<Backtest.VaultSpec> vault(YamlMap m) {
        Optional<String> name = m.string("name", true);
        Optional<VaultKind> kind = m.enumeration("kind", true, VaultKind.class);
        PolicySettings policy = m.map("policy", false).map(ConfigLoader::policy).orElse(PolicySettings.DEFAULTS);
        VaultGuards guards = m.map("guards", false).map(this::guards).orElse(DEFAULT_GUARDS);
        m.finish();
        if (name.isEmpty() || kind.isEmpty() || policy == null || guards == null) {
            return Optional.empty();
        }
        return Optional.of(new Backtest.VaultSpec(name.get(), kind.get(), policy, guards));
    }

    /** Loose contract limits: the backtest measures the policy, not the guards. */
    private static final VaultGuards DEFAULT_GUARDS =
            new VaultGuards(Duration.ofMinutes(10), Duration.ofMinutes(10), 2000, 20_000, 20_000, 500);

    private VaultGuards guards(YamlMap m) {
        Duration cooldown = ConfigLoader.duration(m, "cooldown").orElse(DEFAULT_GUARDS.cooldown());
        Duration twapWindow = ConfigLoader.duration(m, "twapWindow").orElse(DEFAULT_GUARDS.twapWindow());
        int twap = m.integer("maxTwapDeviation", false, 0, 887_272).orElse((long) DEFAULT_GUARDS.maxTwapDeviation()).intValue();
        int move = m.integer("maxTickMove", false, 0, 887_272).orElse((long) DEFAULT_GUARDS.maxTickMove()).intValue();
        int width = m.integer("maxWidthChange", false, 0, 887_272).orElse((long) DEFAULT_GUARDS.maxWidthChange()).intValue();
        int slippage = m.integer("maxSlippageBps", false, 0, 10_000).orElse((long) DEFAULT_GUARDS.maxSlippageBps()).intValue();
        m.finish();
        return new VaultGuards(cooldown, twapWindow, twap, move, width, slippage);
    }
}
