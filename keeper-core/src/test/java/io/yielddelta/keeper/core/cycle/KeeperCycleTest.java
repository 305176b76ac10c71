package io.yielddelta.keeper.core.cycle;

import static io.yielddelta.keeper.core.policy.VaultStates.NOW;
import static io.yielddelta.keeper.core.policy.VaultStates.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.core.chain.TransactionStatus;
import io.yielddelta.keeper.core.policy.Action;
import io.yielddelta.keeper.core.policy.PolicySettings;
import io.yielddelta.keeper.core.policy.RealizedVolatilityScorer;
import io.yielddelta.keeper.core.policy.RebalancePolicy;
import io.yielddelta.keeper.core.testing.InMemoryKeeperStore;
import io.yielddelta.keeper.core.testing.ScriptedChainGateway;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.VaultKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeeperCycleTest {

    private static final String OUT = "0x00000000000000000000000000000000000000a1";
    private static final String IN = "0x00000000000000000000000000000000000000a2";
    private static final Instant FIRE = Instant.parse("2026-01-08T13:00:00Z");

    private final Clock clock = Clock.fixed(NOW.plusSeconds(3), ZoneOffset.UTC);
    private final ScriptedChainGateway chain = new ScriptedChainGateway();
    private final InMemoryKeeperStore store = new InMemoryKeeperStore(clock);
    private KeeperCycle cycle;
    private List<CycleVault> vaults;

    @BeforeEach
    void setUp() {
        chain.vaults.put(OUT, state(OUT, new Range(199_020, 200_040), 201_337));
        chain.vaults.put(IN, state(IN, new Range(199_020, 201_000), 200_010));
        cycle = new KeeperCycle(chain, new RealizedVolatilityScorer(0.6, 0.94), new RebalancePolicy(), store, clock);
        vaults = List.of(
                new CycleVault("eth-usdc", OUT, VaultKind.CONCENTRATED_LIQUIDITY, PolicySettings.DEFAULTS),
                new CycleVault("btc-usdc", IN, VaultKind.DELTA_NEUTRAL, PolicySettings.DEFAULTS));
    }

    @Test
    void rebalancesTheOutOfRangeVaultAndJournalsEveryDecisionUnderItsId() {
        List<Decision> decisions = cycle.run(FIRE, vaults, KeeperCycle.Mode.LIVE);

        assertThat(chain.readCalls).isEqualTo(1);
        assertThat(decisions).extracting(Decision::action).containsExactly(Action.REBALANCE, Action.HOLD);
        assertThat(chain.broadcast).hasSize(1);
        String id = CycleId.of(OUT, FIRE);
        assertThat(decisions.get(0).id()).isEqualTo(id);
        JournalEntry row = store.get(id);
        assertThat(row.status()).isEqualTo(JournalStatus.CONFIRMED);
        assertThat(row.transaction()).isPresent();
        assertThat(row.minedHash()).contains(row.transaction().get().hash());
        assertThat(store.get(CycleId.of(IN, FIRE)).status()).isEqualTo(JournalStatus.DECIDED);
        assertThat(chain.broadcast.get(0).rebalanceNonce()).isEqualTo(CycleId.rebalanceNonce(id));
        assertThat(chain.broadcast.get(0).deadline()).isEqualTo(NOW.plus(PolicySettings.DEFAULTS.deadline()));
    }

    @Test
    void aClosedGateTurnsADueRebalanceIntoASkipWithItsReasonAndSendsNothing() {
        AtomicReference<String> stopped = new AtomicReference<>("trading HALTED: operator");
        KeeperCycle gated = new KeeperCycle(
                chain,
                new RealizedVolatilityScorer(0.6, 0.94),
                new RebalancePolicy(),
                store,
                clock,
                vault -> Optional.ofNullable(stopped.get()));

        List<Decision> decisions = gated.run(FIRE, vaults, KeeperCycle.Mode.LIVE);

        assertThat(decisions).extracting(Decision::action).containsExactly(Action.SKIP, Action.HOLD);
        assertThat(decisions.get(0).reason()).contains("rebalancing is stopped: trading HALTED: operator");
        assertThat(decisions.get(0).order()).isEmpty();
        assertThat(chain.broadcast).isEmpty();

        stopped.set(null);
        assertThat(gated.run(FIRE.plusSeconds(3600), vaults, KeeperCycle.Mode.LIVE))
                .extracting(Decision::action)
                .containsExactly(Action.REBALANCE, Action.HOLD);
        assertThat(chain.broadcast).hasSize(1);
    }

    @Test
    void theMetricsHearEveryScoringAndEachStageOfEachRebalance() {
        List<String> heard = new java.util.ArrayList<>();
        CycleMetrics metrics = new CycleMetrics() {
            @Override
            public void scored(String vault, String model, Duration took) {
                heard.add("scored " + vault + " " + model);
            }

            @Override
            public void rebalance(String vault, String decisionId, RebalanceOutcome outcome) {
                heard.add(outcome + " " + vault + " " + decisionId);
            }
        };
        AtomicReference<String> stopped = new AtomicReference<>();
        KeeperCycle metered = new KeeperCycle(
                chain,
                new RealizedVolatilityScorer(0.6, 0.94),
                new RebalancePolicy(),
                store,
                clock,
                vault -> Optional.ofNullable(stopped.get()),
                metrics);

        metered.run(FIRE, vaults, KeeperCycle.Mode.LIVE);
        stopped.set("trading HALTED");
        metered.run(FIRE.plusSeconds(3600), vaults, KeeperCycle.Mode.LIVE);

        String first = CycleId.of(OUT, FIRE);
        assertThat(heard)
                .containsExactly(
                        "scored eth-usdc realized-volatility-ewma",
                        "SUBMITTED eth-usdc " + first,
                        "CONFIRMED eth-usdc " + first,
                        "scored btc-usdc realized-volatility-ewma",
                        "scored eth-usdc realized-volatility-ewma",
                        "REFUSED_BY_GATE eth-usdc " + CycleId.of(OUT, FIRE.plusSeconds(3600)),
                        "scored btc-usdc realized-volatility-ewma");
    }

    @Test
    void aSecondRunForTheSameFireTimeNeitherReadsNorActs() {
        cycle.run(FIRE, vaults, KeeperCycle.Mode.LIVE);
        List<Decision> again = cycle.run(FIRE, vaults, KeeperCycle.Mode.LIVE);

        assertThat(again).isEmpty();
        assertThat(chain.readCalls).isEqualTo(1);
        assertThat(chain.broadcast).hasSize(1);
    }

    @Test
    void dryRunDecidesButSendsAndJournalsNothing() {
        List<Decision> decisions = cycle.run(FIRE, vaults, KeeperCycle.Mode.DRY_RUN);

        assertThat(decisions.get(0).action()).isEqualTo(Action.REBALANCE);
        assertThat(decisions.get(0).order()).isPresent();
        assertThat(chain.broadcast).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void anUnreadableVaultIsSkippedAndTheOthersStillRun() {
        chain.unreadable.add(IN);
        List<Decision> decisions = cycle.run(FIRE, vaults, KeeperCycle.Mode.LIVE);

        assertThat(decisions).extracting(Decision::action).containsExactly(Action.REBALANCE, Action.SKIP);
        assertThat(decisions.get(1).reason()).contains("execution reverted");
        assertThat(store.get(CycleId.of(IN, FIRE)).status()).isEqualTo(JournalStatus.DECIDED);
        assertThat(chain.broadcast).hasSize(1);
    }

    @Test
    void aRevertedRebalanceIsJournaledAsFailed() {
        chain.outcome = TransactionStatus.State.REVERTED;
        cycle.run(FIRE, vaults, KeeperCycle.Mode.LIVE);
        assertThat(store.get(CycleId.of(OUT, FIRE)).status()).isEqualTo(JournalStatus.FAILED);
    }

    @Test
    void aCrashBetweenSubmitAndRecordIsReconciledAndNeverRebalancesTwice() {
        chain.crashAfterRecord = true;
        cycle.run(FIRE, vaults, KeeperCycle.Mode.LIVE);
        String id = CycleId.of(OUT, FIRE);
        JournalEntry open = store.get(id);
        assertThat(open.status()).isEqualTo(JournalStatus.SUBMITTED);

        // The transaction did go out before the crash; a restarted keeper finds it mined.
        chain.crashAfterRecord = false;
        chain.statuses.put(
                open.transaction().get().hash(),
                new TransactionStatus(
                        TransactionStatus.State.CONFIRMED,
                        open.transaction().get().hash(),
                        41));
        List<JournalEntry> stillOpen = new JournalReconciler(chain, store, clock).reconcile();
        assertThat(stillOpen).isEmpty();
        assertThat(store.get(id).status()).isEqualTo(JournalStatus.CONFIRMED);

        // The scheduler re-fires the same cycle after the restart: nothing is sent again.
        cycle.run(FIRE, vaults, KeeperCycle.Mode.LIVE);
        assertThat(chain.broadcast).isEmpty();
    }

    @Test
    void reconcilingAbandonsAnIntentWithoutTransactionAndKeepsAnUnknownOneOpenUntilItsDeadline() {
        Decision intent = cycle.run(FIRE, vaults, KeeperCycle.Mode.DRY_RUN).get(0);
        store.recordDecision(intent);
        Decision other = cycle.run(FIRE.plus(Duration.ofHours(1)), List.of(vaults.get(0)), KeeperCycle.Mode.DRY_RUN)
                .get(0);
        store.recordDecision(other);
        store.recordSubmitted(
                other.id(),
                new io.yielddelta.keeper.core.chain.SubmittedTransaction(
                        "0x00000000000000000000000000000000000000cc", 7, "0x" + "ab".repeat(32)));

        List<JournalEntry> stillOpen = new JournalReconciler(chain, store, clock).reconcile();
        assertThat(store.get(intent.id()).status()).isEqualTo(JournalStatus.ABANDONED);
        assertThat(stillOpen).extracting(JournalEntry::cycleId).containsExactly(other.id());

        Clock afterDeadline = Clock.offset(clock, Duration.ofHours(1));
        assertThat(new JournalReconciler(chain, store, afterDeadline).reconcile())
                .isEmpty();
        assertThat(store.get(other.id()).status()).isEqualTo(JournalStatus.FAILED);
        assertThat(store.get(other.id()).outcome()).contains("deadline");
    }

    @Test
    void reconcilingOneVaultSettlesOnlyThatVaultsOpenRows() {
        // Two keepers of a cluster killed after journaling intents, one for each vault (issue 18's TwoKeepersIT).
        Decision out = cycle.run(FIRE, List.of(vaults.get(0)), KeeperCycle.Mode.DRY_RUN)
                .get(0);
        store.recordDecision(out);
        Decision in = cycle.run(FIRE, List.of(vaults.get(1)), KeeperCycle.Mode.DRY_RUN)
                .get(0);
        store.recordDecision(new Decision(
                in.id(),
                in.vaultName(),
                in.vault(),
                in.fireTime(),
                in.decidedAt(),
                Action.REBALANCE,
                in.triggers(),
                in.reason(),
                in.tick(),
                in.twapTick(),
                in.current(),
                in.target(),
                out.order()));
        assertThat(store.openEntries()).hasSize(2);

        List<JournalEntry> stillOpen = new JournalReconciler(chain, store, clock)
                .reconcile(OUT.toUpperCase().replace("0X", "0x"));

        assertThat(stillOpen).isEmpty();
        assertThat(store.get(out.id()).status()).isEqualTo(JournalStatus.ABANDONED);
        assertThat(store.get(in.id()).status()).isEqualTo(JournalStatus.INTENT);
    }

    @Test
    void theRebalanceNonceIsTheSameForTheSameCycleAndDiffersBetweenCycles() {
        String a = CycleId.of(OUT, FIRE);
        assertThat(CycleId.rebalanceNonce(a))
                .isEqualTo(CycleId.rebalanceNonce(
                        CycleId.of(OUT.toUpperCase().replace("0X", "0x"), FIRE.plusMillis(400))));
        assertThat(CycleId.rebalanceNonce(a))
                .isNotEqualTo(CycleId.rebalanceNonce(CycleId.of(OUT, FIRE.plusSeconds(3600))));
        assertThat(Optional.of(a)).contains("0x00000000000000000000000000000000000000a1@2026-01-08T13:00:00Z");
    }
}
