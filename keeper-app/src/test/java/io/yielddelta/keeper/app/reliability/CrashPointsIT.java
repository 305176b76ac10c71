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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * `kill -9` of the real keeper process at each step of a rebalance, then a restart: the vault is rebalanced exactly
 * once for the decision, and the journal ends complete (no row left open, every Rebalanced event is a confirmed row).
 * Each step is reached without hooks in the keeper: the fault proxy holds the JSON-RPC call that follows it, and the
 * keeper is killed while it waits for the answer.
 */
@ExtendWith(DevChainExtension.class)
class CrashPointsIT {

    private static final String GROUP = "crash-points";

    /** Where the keeper dies: the call it is waiting on, and what the journal and the chain hold at that moment. */
    enum CrashPoint {
        /** The rebalance's intent is journaled; the transaction is being estimated, nothing is signed. */
        AFTER_INTENT_JOURNALED(Fault.HOLD_REQUEST, "eth_estimateGas", "INTENT", 0),
        /** The signed transaction is recorded; its broadcast never reaches the node. */
        AFTER_RECORD_BEFORE_BROADCAST(Fault.HOLD_REQUEST, "eth_sendRawTransaction", "SUBMITTED", 0),
        /** The node accepted (and mined) the transaction; the keeper never heard back. */
        AFTER_BROADCAST_BEFORE_ANSWER(Fault.HOLD_RESPONSE, "eth_sendRawTransaction", "SUBMITTED", 1),
        /** The transaction is mined; the keeper is asking for its receipt. */
        AFTER_MINED_BEFORE_RECEIPT(Fault.HOLD_REQUEST, "eth_getTransactionReceipt", "SUBMITTED", 1);

        final Fault fault;
        final String method;
        final String journaledAs;
        final int onChainAtKill;

        CrashPoint(Fault fault, String method, String journaledAs, int onChainAtKill) {
            this.fault = fault;
            this.method = method;
            this.journaledAs = journaledAs;
            this.onChainAtKill = onChainAtKill;
        }
    }

    @TempDir
    Path dir;

    private ReliabilityWorld world;
    private FaultProxy proxy;
    private KeeperProcess keeper;

    @BeforeAll
    static void figures() {
        Figures.begin(GROUP);
    }

    @BeforeEach
    void world(DevChain chain, UniswapV3Stack uniswap) throws Exception {
        world = new ReliabilityWorld(chain, uniswap, dir);
        proxy = FaultProxy.to(chain.rpcUrl());
    }

    @AfterEach
    void stop() throws Exception {
        if (keeper != null) {
            keeper.close();
        }
        proxy.close();
    }

    @ParameterizedTest
    @EnumSource(CrashPoint.class)
    void aKeeperKilledAtEachStepOfARebalanceRebalancesExactlyOnceAfterItsRestart(CrashPoint point) throws Exception {
        Path deployment = world.deployment(List.of(proxy.url()), "0/2 * * * * ?");
        proxy.inject(point.fault, point.method);
        keeper = world.start("keeper-a", deployment);
        assertThat(proxy.awaitHolding(Duration.ofSeconds(90)))
                .as(() -> "the keeper never called " + point.method + "\n" + keeper.tail(40))
                .isTrue();
        await(
                "the journal at " + point,
                Duration.ofSeconds(10),
                probe(() -> world.rows("REBALANCE", point.journaledAs) == 1),
                world::journal);

        keeper.kill9();
        long killed = System.nanoTime();
        proxy.healDiscardingHeld();
        assertThat(world.rebalancedEvents()).hasSize(point.onChainAtKill);
        assertThat(world.openRows()).isEqualTo(1);

        // Restarted as the same cluster member, as systemd restarts it (`--instance-id %H`).
        keeper = world.start("keeper-a", deployment);
        await(
                "the restarted keeper's confirmed rebalance",
                Duration.ofSeconds(120),
                probe(() -> world.openRows() == 0 && world.rows("REBALANCE", "CONFIRMED") == 1),
                world::journal);
        long recovered = System.nanoTime();
        // Later cycles see the rebalanced vault and hold: nothing is sent twice. After a start-up reconciliation longer
        // than Quartz's misfire threshold (60 s) the vault's trigger has misfired and waits for the misfire handler.
        long rows = world.count("SELECT COUNT(*) FROM keeper_journal");
        await(
                "three more cycles",
                Duration.ofSeconds(120),
                probe(() -> world.count("SELECT COUNT(*) FROM keeper_journal") >= rows + 3));
        KeeperProcess.Resources resources = keeper.resources();
        keeper.kill9();

        List<String> events = world.rebalancedEvents();
        List<String> confirmed = world.confirmedRebalanceHashes();
        long open = world.openRows();
        Figures.row(
                GROUP,
                "kill -9 " + point.name().toLowerCase().replace('_', ' ') + " (held: " + point.method + ", journal "
                        + point.journaledAs + ", " + point.onChainAtKill + " on chain)",
                "1 Rebalanced event; it is the journal's one CONFIRMED row; no INTENT/SUBMITTED left",
                "duplicates " + Math.max(0, events.size() - 1) + ", lost rows "
                        + events.stream()
                                .filter(hash -> !confirmed.contains(hash))
                                .count() + ", open rows " + open
                        + "; kill → rebalance confirmed " + Figures.seconds(Duration.ofNanos(recovered - killed))
                        + "; restarted keeper " + resources);
        assertThat(events).as(world.journal()).hasSize(1);
        assertThat(confirmed).as(world.journal()).containsExactlyElementsOf(events);
        assertThat(open).isZero();
    }
}
