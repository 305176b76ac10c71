package io.yielddelta.keeper.app.reliability;

import static io.yielddelta.keeper.app.reliability.ReliabilityWorld.await;
import static io.yielddelta.keeper.app.reliability.ReliabilityWorld.probe;
import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.app.reliability.FaultProxy.Fault;
import io.yielddelta.keeper.contracts.devchain.DevChain;
import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real keeper process on two RPC URLs, each behind a fault proxy in front of the same anvil node: HTTP 500s,
 * connection resets, a node that stops answering, a slow node and both nodes down for a while. The keeper moves to the
 * other node and back, keeps running, rebalances exactly once per decision through the faults, and its journal ends
 * complete. Recovery is timed from the fault to the first answer the keeper gets through the other node.
 */
@ExtendWith(DevChainExtension.class)
class RpcFaultsIT {

    private static final String GROUP = "rpc-faults";
    /** The keeper's JSON-RPC timeout (connect, read, write) plus slack. */
    private static final Duration RPC_TIMEOUT_AND_SLACK = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    private ReliabilityWorld world;
    private FaultProxy nodeA;
    private FaultProxy nodeB;
    private KeeperProcess keeper;

    @BeforeEach
    void world(DevChain chain, UniswapV3Stack uniswap) throws Exception {
        Figures.begin(GROUP);
        world = new ReliabilityWorld(chain, uniswap, dir);
        nodeA = FaultProxy.to(chain.rpcUrl());
        nodeB = FaultProxy.to(chain.rpcUrl());
    }

    @AfterEach
    void stop() throws Exception {
        if (keeper != null) {
            keeper.close();
        }
        nodeA.close();
        nodeB.close();
    }

    @Test
    void theKeeperFailsOverBetweenItsRpcNodesAndBackAndRebalancesExactlyOnceThroughTheFaults() throws Exception {
        keeper = world.start("keeper-a", world.deployment(List.of(nodeA.url(), nodeB.url()), "0/2 * * * * ?"));
        await(
                "the first rebalance",
                Duration.ofSeconds(90),
                probe(() -> world.rows("REBALANCE", "CONFIRMED") == 1),
                world::journal);
        KeeperProcess.Resources atStart = keeper.resources();
        assertThat(nodeB.answeredTotal())
                .as("node #1 is idle while node #0 answers")
                .isZero();

        Duration http500 = failOver("HTTP 500 on node #0", nodeA, Fault.HTTP_500, nodeB);
        Duration reset = failOver("connection reset on node #1, node #0 healed", nodeB, Fault.RESET, nodeA);
        Duration silent =
                failOver("node #0 stops answering (request read, no answer), node #1 healed", nodeA, Fault.DROP, nodeB);

        // Node #0 still silent, node #1 slow (1 s per call) while the price leaves the range: one rebalance, sent once.
        nodeB.inject(Fault.DELAY, Duration.ofSeconds(1));
        long moved = System.nanoTime();
        world.movePriceOutOfRange();
        await(
                "the rebalance through a slow node",
                Duration.ofSeconds(120),
                probe(() -> world.rows("REBALANCE", "CONFIRMED") == 2 && world.openRows() == 0),
                world::journal);
        Duration slowRebalance = Figures.since(moved);

        // Both nodes down for 10 s, then back.
        nodeA.inject(Fault.HTTP_500);
        nodeB.inject(Fault.HTTP_500);
        Thread.sleep(10_000);
        long healed = System.nanoTime();
        long answeredBefore = nodeA.answeredTotal() + nodeB.answeredTotal();
        nodeA.heal();
        nodeB.heal();
        await(
                "an answer after both nodes came back",
                Duration.ofSeconds(30),
                () -> nodeA.answeredTotal() + nodeB.answeredTotal() > answeredBefore);
        Duration bothBack = Figures.since(healed);
        long rows = world.count("SELECT COUNT(*) FROM keeper_journal");
        await(
                "two more cycles after the outage",
                Duration.ofSeconds(30),
                probe(() -> world.count("SELECT COUNT(*) FROM keeper_journal") >= rows + 2));
        KeeperProcess.Resources atEnd = keeper.resources();
        boolean alive = keeper.isAlive();
        keeper.kill9();

        List<String> events = world.rebalancedEvents();
        List<String> confirmed = world.confirmedRebalanceHashes();
        long open = world.openRows();
        String checks = "keeper alive; 2 Rebalanced events = the journal's 2 CONFIRMED rows; no open rows";
        String outcome = "duplicates " + Math.max(0, events.size() - 2) + ", lost rows "
                + events.stream().filter(h -> !confirmed.contains(h)).count() + ", open rows " + open;
        Figures.row(
                GROUP,
                "HTTP 500 on node #0",
                "the keeper moves to node #1",
                "fault → first answer through node #1: " + Figures.seconds(http500));
        Figures.row(
                GROUP,
                "connection reset (RST) on node #1, node #0 healed",
                "the keeper moves back to node #0",
                "fault → first answer through node #0: " + Figures.seconds(reset));
        Figures.row(
                GROUP,
                "node #0 reads requests and never answers, node #1 healed",
                "the keeper times out (20 s) and moves to node #1",
                "fault → first answer through node #1: " + Figures.seconds(silent));
        Figures.row(
                GROUP,
                "node #0 still silent, node #1 answers every call 1 s late; the price leaves the range",
                "one more rebalance, confirmed once",
                "price move → rebalance confirmed: " + Figures.seconds(slowRebalance));
        Figures.row(
                GROUP,
                "both nodes answer HTTP 500 for 10 s, then heal",
                "the keeper stays up and resumes",
                "heal → first answer: " + Figures.seconds(bothBack));
        Figures.row(
                GROUP, "whole run", checks, outcome + "; keeper at first rebalance " + atStart + ", at end " + atEnd);

        assertThat(alive).as(keeper.tail(40)).isTrue();
        assertThat(events).as(world.journal()).hasSize(2);
        assertThat(confirmed).containsExactlyElementsOf(events);
        assertThat(open).isZero();
    }

    /** Injects {@code fault} on {@code failing} and times until the keeper's next answer comes through {@code other}. */
    private Duration failOver(String what, FaultProxy failing, Fault fault, FaultProxy other) throws Exception {
        other.heal();
        long answeredBefore = other.answeredTotal();
        long faultedBefore = failing.faulted();
        long injected = System.nanoTime();
        failing.inject(fault);
        await(
                what + ": an answer through the other node",
                RPC_TIMEOUT_AND_SLACK,
                () -> other.answeredTotal() > answeredBefore,
                () -> keeper.tail(30));
        Duration took = Figures.since(injected);
        assertThat(failing.faulted()).as(what + ": the fault was met").isGreaterThan(faultedBefore);
        return took;
    }
}
