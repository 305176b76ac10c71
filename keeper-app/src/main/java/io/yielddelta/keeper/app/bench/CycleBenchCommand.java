package io.yielddelta.keeper.app.bench;

import ch.qos.logback.classic.Level;
import io.yielddelta.keeper.app.chain.FailoverRpc;
import io.yielddelta.keeper.app.chain.MulticallReader;
import io.yielddelta.keeper.app.chain.RpcCallCounter;
import io.yielddelta.keeper.app.chain.Web3jChainGateway;
import io.yielddelta.keeper.app.chain.Web3jChainGatewayFactory;
import io.yielddelta.keeper.app.cli.DryRun;
import io.yielddelta.keeper.contracts.devchain.DevChain;
import io.yielddelta.keeper.contracts.devchain.DevVaults;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.contracts.generated.UniswapV3Pool;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault;
import io.yielddelta.keeper.core.cycle.Decision;
import io.yielddelta.keeper.core.cycle.KeeperCycle;
import io.yielddelta.keeper.core.kernel.DeploymentSettings;
import io.yielddelta.keeper.core.kernel.Keeper;
import io.yielddelta.keeper.core.policy.Action;
import io.yielddelta.keeper.core.policy.PolicySettings;
import io.yielddelta.keeper.core.policy.RealizedVolatilityScorer;
import io.yielddelta.keeper.core.vault.VaultKind;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keeper bench cycle --vaults N}: deploys N funded YieldDeltaVaults on a local anvil, then times the keeper's
 * observe + decide over all of them — the production gateway (Multicall3 batches through the RPC client) and the
 * production policy — and counts JSON-RPC round trips and heap.
 */
@Command(
        name = "cycle",
        mixinStandardHelpOptions = true,
        description = "Time one keeper cycle (observe + decide) over N vaults on a local anvil.")
public final class CycleBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--vaults",
            split = ",",
            defaultValue = "1,100,1000",
            description = "vault counts to measure, comma-separated (default: ${DEFAULT-VALUE})")
    int[] vaultCounts;

    @Option(names = "--cycles", defaultValue = "5", description = "measured cycles per count, after one warm-up")
    int cycles;

    private static final BigInteger DEPOSIT = BigInteger.TEN.pow(18);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // One INFO line per decision would time the console, not the keeper.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.yielddelta.keeper")).setLevel(Level.WARN);
        int most = Arrays.stream(vaultCounts).max().orElseThrow();
        out.printf("deploying %d vaults on anvil ...%n", most);
        out.flush();
        try (DevChain chain = DevChain.start()) {
            long started = System.nanoTime();
            List<String> vaults = deployVaults(chain, most);
            out.printf("deployed and funded %d vaults in %.1f s%n%n", most, (System.nanoTime() - started) / 1e9);
            out.println("vaults  cycle ms (median / max)  round trips  heap MB after  decisions");
            for (int count : vaultCounts) {
                out.println(measure(chain, vaults.subList(0, count)));
                out.flush();
            }
        }
        return 0;
    }

    /** One pool and {@code count} funded vaults on it (keeper: account 3, aiOracle: account 5); every tenth out of range. */
    static List<String> deployVaults(DevChain chain, int count) throws Exception {
        UniswapV3Stack uniswap = UniswapV3Stack.deploy(chain, chain.account(0));
        String tokenA = uniswap.deployToken("Wrapped SEI", "WSEI", 18).getContractAddress();
        String tokenB = uniswap.deployToken("USD Coin", "USDC", 18).getContractAddress();
        UniswapV3Pool pool =
                uniswap.createPool(tokenA, tokenB, 3000, UniswapV3Stack.sqrtPriceX96(BigDecimal.ONE, 18, 18));
        DevVaults.growOracle(pool, 100);
        Credentials depositor = chain.account(4);
        BigInteger supply = DEPOSIT.multiply(BigInteger.valueOf(count));
        List<String> vaults = new ArrayList<>(count);
        var parameters = DevVaults.parameters(900, 60, 100, 3000, 3000, 100, 300);
        for (int i = 0; i < count; i++) {
            // Every tenth vault sits out of range, so the policy also plans rebalances.
            int centre = i % 10 == 0 ? 2400 : 0;
            YieldDeltaVault vault = DevVaults.deploy(
                    chain,
                    chain.account(0),
                    pool,
                    chain.account(3).getAddress(),
                    chain.account(5).getAddress(),
                    parameters,
                    centre - 1200,
                    centre + 1200);
            DevVaults.deposit(uniswap, vault, depositor, DEPOSIT, DEPOSIT);
            vaults.add(vault.getContractAddress());
        }
        chain.increaseTime(120);
        chain.mine();
        return vaults;
    }

    private String measure(DevChain chain, List<String> addresses) {
        RpcCallCounter counter = new RpcCallCounter();
        Web3j web3j = Web3j.build(FailoverRpc.connect(List.of(chain.rpcUrl()), counter, Duration.ofSeconds(60)));
        try (Web3jChainGateway gateway = Web3jChainGateway.readOnly(
                new MulticallReader(
                        web3j, Web3jChainGatewayFactory.MULTICALL3, Web3jChainGatewayFactory.CALL_GAS_LIMIT),
                Web3jChainGatewayFactory.MULTICALL3,
                web3j::shutdown)) {
            List<DeploymentSettings.VaultSettings> vaults = new ArrayList<>();
            for (int i = 0; i < addresses.size(); i++) {
                vaults.add(new DeploymentSettings.VaultSettings(
                        "vault-" + i,
                        addresses.get(i),
                        VaultKind.CONCENTRATED_LIQUIDITY,
                        PolicySettings.DEFAULTS,
                        BigDecimal.ONE,
                        Optional.empty()));
            }
            Keeper cycle = Keeper.builder(DeploymentSettings.unhedged(vaults))
                    .chain(gateway)
                    .store(DryRun.NO_JOURNAL)
                    .clock(Clock.systemUTC())
                    .scorer(RealizedVolatilityScorer.baseline())
                    .build();
            cycle.runCycle(Instant.now(), vaults, KeeperCycle.Mode.DRY_RUN); // warm-up: learns each vault's pool
            long[] nanos = new long[cycles];
            long trips = 0;
            List<Decision> decisions = List.of();
            for (int c = 0; c < cycles; c++) {
                long before = counter.roundTrips();
                long start = System.nanoTime();
                decisions = cycle.runCycle(Instant.now(), vaults, KeeperCycle.Mode.DRY_RUN);
                nanos[c] = System.nanoTime() - start;
                trips = counter.roundTrips() - before;
            }
            Runtime runtime = Runtime.getRuntime();
            long heapAfter = runtime.totalMemory() - runtime.freeMemory();
            Arrays.sort(nanos);
            Map<Action, Long> byAction =
                    decisions.stream().collect(Collectors.groupingBy(Decision::action, Collectors.counting()));
            return String.format(
                    "%6d  %10.1f / %-10.1f  %11d  %13.1f  %s",
                    addresses.size(),
                    nanos[cycles / 2] / 1e6,
                    nanos[cycles - 1] / 1e6,
                    trips,
                    heapAfter / 1e6,
                    byAction);
        } catch (Exception e) {
            throw new IllegalStateException("cycle over " + addresses.size() + " vaults failed: " + e.getMessage(), e);
        }
    }
}
