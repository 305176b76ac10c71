package io.yielddelta.keeper.app.reliability;

import static io.yielddelta.keeper.app.reliability.ReliabilityWorld.await;
import static io.yielddelta.keeper.app.reliability.ReliabilityWorld.probe;
import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.contracts.devchain.DevChain;
import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Two real keeper processes on one PostgreSQL database (a Quartz cluster) and one vault. Again and again the price
 * leaves the vault's range, and at a random moment of the rebalance that follows (its calls slowed at the fault proxy)
 * the keeper running the vault's cycle (or, when none is, either one) is killed with SIGKILL and restarted under its
 * name. Never do two keepers act on the vault:
 * every decision is one Rebalanced event and one confirmed row, and every transaction the keeper account sent is
 * journaled. Fail-over is timed from the kill to the pending rebalance confirmed.
 */
@ExtendWith(DevChainExtension.class)
class TwoKeepersIT {

    private static final String GROUP = "two-keepers";
    /** Three in `./mvnw verify`; `./keeper reliability` runs five. */
    private static final int KILLS = Integer.getInteger("reliability.kills", 3);

    private static final long SEED = Long.getLong("reliability.seed", 18L);

    @TempDir
    Path dir;

    private ReliabilityWorld world;
    private FaultProxy proxy;
    private final Map<String, KeeperProcess> keepers = new LinkedHashMap<>();

    @BeforeEach
    void world(DevChain chain, UniswapV3Stack uniswap) throws Exception {
        Figures.begin(GROUP);
        world = new ReliabilityWorld(chain, uniswap, dir);
        proxy = FaultProxy.to(chain.rpcUrl());
    }

    @AfterEach
    void stop() throws Exception {
        for (KeeperProcess keeper : keepers.values()) {
            keeper.close();
        }
        proxy.close();
    }

    @Test
    void killingTheActiveKeeperAgainAndAgainNeverLetsTwoActOnTheVault() throws Exception {
        Path deployment = world.deployment(List.of(proxy.url()), "0/2 * * * * ?");
        for (String instance : List.of("keeper-a", "keeper-b")) {
            keepers.put(instance, started(world.start(instance, deployment)));
        }
        await(
                "the first rebalance",
                Duration.ofSeconds(120),
                probe(() -> world.rows("REBALANCE", "CONFIRMED") == 1),
                world::journal);

        Random random = new Random(SEED);
        List<Duration> failOvers = new ArrayList<>();
        List<String> stages = new ArrayList<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            int confirmedSoFar = kill;
            // The node answers the rebalance's calls slowly, so the kill can land anywhere inside it.
            proxy.inject(
                    FaultProxy.Fault.DELAY,
                    Duration.ofMillis(500 + random.nextInt(1_500)),
                    "eth_estimateGas",
                    "eth_sendRawTransaction",
                    "eth_getTransactionReceipt");
            world.movePriceOutOfRange();
            await(
                    "kill " + kill + ": the rebalance under way",
                    Duration.ofSeconds(60),
                    probe(() -> world.openRows() == 1),
                    world::journal);
            Thread.sleep(random.nextInt(2_500));
            List<String> running =
                    world.strings("SELECT instance_name FROM qrtz_fired_triggers " + "WHERE state = 'EXECUTING'");
            String victim = running.isEmpty() ? (random.nextBoolean() ? "keeper-a" : "keeper-b") : running.getFirst();
            List<String> open =
                    world.strings("SELECT status FROM keeper_journal WHERE status IN ('INTENT', " + "'SUBMITTED')");
            keepers.get(victim).kill9();
            long killed = System.nanoTime();
            stages.add((running.isEmpty() ? "idle " : "running ") + victim + " at "
                    + (open.isEmpty() ? "after confirmation" : open.getFirst()));
            proxy.heal();
            await(
                    "kill " + kill + " (" + victim + "): the pending rebalance confirmed",
                    Duration.ofSeconds(120),
                    probe(() -> world.rows("REBALANCE", "CONFIRMED") == confirmedSoFar + 1 && world.openRows() == 0),
                    world::journal);
            failOvers.add(Figures.since(killed));
            keepers.put(victim, started(world.start(victim, deployment)));
        }
        long rows = world.count("SELECT COUNT(*) FROM keeper_journal");
        await(
                "three more cycles",
                Duration.ofSeconds(60),
                probe(() -> world.count("SELECT COUNT(*) FROM keeper_journal") >= rows + 3));
        List<String> resources = new ArrayList<>();
        for (KeeperProcess keeper : keepers.values()) {
            resources.add(keeper.instance() + " " + keeper.resources());
            keeper.kill9();
        }

        List<String> events = world.rebalancedEvents();
        List<String> confirmed = world.confirmedRebalanceHashes();
        long open = world.openRows();
        long failed = world.rows("REBALANCE", "FAILED");
        long sent = world.chain()
                .web3j()
                .ethGetTransactionCount(keeperAddress(), DefaultBlockParameterName.LATEST)
                .send()
                .getTransactionCount()
                .longValueExact();
        long journaledNonces = world.count("SELECT COUNT(DISTINCT nonce) FROM keeper_sent_transaction");
        Duration worst = failOvers.stream().max(Duration::compareTo).orElseThrow();
        Duration mean = failOvers.stream().reduce(Duration.ZERO, Duration::plus).dividedBy(failOvers.size());
        Figures.row(
                GROUP,
                KILLS + " × kill -9 of the keeper running the vault's cycle, at a random moment (seed " + SEED
                        + ") of a rebalance slowed by 0.5–2 s per call, then restarted: " + stages,
                "each decision one Rebalanced event and one CONFIRMED row; no FAILED or open row; every nonce the "
                        + "keeper account used is journaled",
                "Rebalanced " + events.size() + " for " + (KILLS + 1) + " decisions (duplicates "
                        + Math.max(0, events.size() - (KILLS + 1)) + "), lost rows "
                        + events.stream().filter(h -> !confirmed.contains(h)).count() + ", failed " + failed
                        + ", open " + open + ", nonces used " + sent + " / journaled " + journaledNonces
                        + "; fail-over (kill → pending rebalance confirmed) mean " + Figures.seconds(mean) + ", worst "
                        + Figures.seconds(worst) + " "
                        + failOvers.stream().map(Figures::seconds).toList()
                        + "; at end " + resources);

        assertThat(events).as(world.journal()).hasSize(KILLS + 1);
        assertThat(confirmed).containsExactlyElementsOf(events);
        assertThat(open).isZero();
        assertThat(failed).as(world.journal()).isZero();
        assertThat(journaledNonces).isEqualTo(sent);
    }

    /** Waits until the keeper schedules: the next kill finds both keepers up. */
    private static KeeperProcess started(KeeperProcess keeper) throws InterruptedException {
        await(
                keeper.instance() + " scheduling",
                Duration.ofSeconds(60),
                () -> keeper.log().contains("service schedule started"),
                () -> keeper.tail(30));
        return keeper;
    }

    private String keeperAddress() throws Exception {
        return world.strings("SELECT DISTINCT sender FROM keeper_sent_transaction")
                .getFirst();
    }
}
