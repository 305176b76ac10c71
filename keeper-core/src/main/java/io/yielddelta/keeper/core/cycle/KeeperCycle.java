package io.yielddelta.keeper.core.cycle;

import io.yielddelta.keeper.core.chain.ChainGateway;
import io.yielddelta.keeper.core.chain.ChainUnavailableException;
import io.yielddelta.keeper.core.chain.RebalanceRejectedException;
import io.yielddelta.keeper.core.chain.SubmittedTransaction;
import io.yielddelta.keeper.core.chain.TransactionStatus;
import io.yielddelta.keeper.core.policy.Action;
import io.yielddelta.keeper.core.policy.RangeScore;
import io.yielddelta.keeper.core.policy.RangeScorer;
import io.yielddelta.keeper.core.policy.RebalancePolicy;
import io.yielddelta.keeper.core.policy.SwapPlan;
import io.yielddelta.keeper.core.policy.Verdict;
import io.yielddelta.keeper.core.vault.RebalanceOrder;
import io.yielddelta.keeper.core.vault.VaultReading;
import io.yielddelta.keeper.core.vault.VaultState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One keeper cycle for a set of vaults: observe (one batched read) → score → decide → act → record. The same code
 * runs live, in the sandbox and in backtests; only the {@link ChainGateway}, {@link RangeScorer} and
 * {@link KeeperStore} differ.
 *
 * <p>Each decision is journaled before anything is attempted; a cycle id the journal already holds is not decided
 * again, so a re-fired trigger or a second keeper on the same database never acts twice for one cycle.
 */
public final class KeeperCycle {

    /** LIVE journals and sends; DRY_RUN only decides and logs (nothing signed, sent or journaled). */
    public enum Mode {
        LIVE,
        DRY_RUN
    }

    private static final Logger log = LoggerFactory.getLogger(KeeperCycle.class);
    private static final int MAX_REASON = 300;

    private final ChainGateway chain;
    private final RangeScorer scorer;
    private final RebalancePolicy policy;
    private final KeeperStore store;
    private final Clock clock;
    private final RebalanceGate gate;
    private final CycleMetrics metrics;

    public KeeperCycle(ChainGateway chain, RangeScorer scorer, RebalancePolicy policy, KeeperStore store, Clock clock) {
        this(chain, scorer, policy, store, clock, RebalanceGate.OPEN, CycleMetrics.NONE);
    }

    /** @param gate consulted for every rebalance decided: a closed gate turns it into a SKIP with the gate's reason */
    public KeeperCycle(
            ChainGateway chain,
            RangeScorer scorer,
            RebalancePolicy policy,
            KeeperStore store,
            Clock clock,
            RebalanceGate gate) {
        this(chain, scorer, policy, store, clock, gate, CycleMetrics.NONE);
    }

    /** @param metrics told of every scoring and of what becomes of every rebalance */
    public KeeperCycle(
            ChainGateway chain,
            RangeScorer scorer,
            RebalancePolicy policy,
            KeeperStore store,
            Clock clock,
            RebalanceGate gate,
            CycleMetrics metrics) {
        this.chain = chain;
        this.scorer = scorer;
        this.policy = policy;
        this.store = store;
        this.clock = clock;
        this.gate = gate;
        this.metrics = metrics;
    }

    /** Runs the cycle scheduled at {@code fireTime} for {@code vaults}; returns the decisions taken now. */
    public List<Decision> run(Instant fireTime, List<CycleVault> vaults, Mode mode) {
        List<CycleVault> due = mode == Mode.DRY_RUN
                ? vaults
                : vaults.stream().filter(v -> !alreadyDecided(v, fireTime)).toList();
        if (due.isEmpty()) {
            return List.of();
        }
        List<VaultReading> readings;
        try {
            readings = chain.readVaults(due.stream().map(CycleVault::address).toList());
        } catch (ChainUnavailableException e) {
            readings = due.stream()
                    .<VaultReading>map(v -> new VaultReading.Unreadable(v.address(), e.getMessage()))
                    .toList();
        }
        if (readings.size() != due.size()) {
            throw new IllegalStateException(
                    "chain gateway returned " + readings.size() + " readings for " + due.size() + " vaults");
        }
        List<Decision> decisions = new ArrayList<>(due.size());
        for (int i = 0; i < due.size(); i++) {
            CycleVault vault = due.get(i);
            Decision decision = decide(vault, readings.get(i), fireTime);
            logDecision(decision, mode);
            decisions.add(decision);
            if (mode == Mode.LIVE) {
                if (!store.recordDecision(decision)) {
                    log.atInfo()
                            .addKeyValue("decision_id", decision.id())
                            .log("cycle already journaled by another run; not acting");
                    continue;
                }
                decision.order().ifPresent(order -> act(decision, order));
            }
        }
        return decisions;
    }

    private boolean alreadyDecided(CycleVault vault, Instant fireTime) {
        String id = CycleId.of(vault.address(), fireTime);
        if (store.hasCycle(id)) {
            log.atDebug().addKeyValue("decision_id", id).log("cycle already journaled");
            return true;
        }
        return false;
    }

    private Decision decide(CycleVault vault, VaultReading reading, Instant fireTime) {
        String id = CycleId.of(vault.address(), fireTime);
        Instant now = clock.instant();
        if (reading instanceof VaultReading.Unreadable unreadable) {
            return new Decision(
                    id,
                    vault.name(),
                    vault.address(),
                    fireTime,
                    now,
                    Action.SKIP,
                    Set.of(),
                    shorten("vault unreadable: " + unreadable.reason()),
                    OptionalInt.empty(),
                    OptionalInt.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());
        }
        VaultState state = ((VaultReading.Observed) reading).state();
        metrics.vaultRead(vault.name(), state);
        Verdict verdict = verdict(vault, state, id);
        if (verdict.action() == Action.REFUSE) {
            metrics.rebalance(vault.name(), id, RebalanceOutcome.REFUSED_BY_POLICY);
        }
        Optional<RebalanceOrder> order = verdict.swap().map(swap -> order(id, state, verdict, swap, vault));
        return new Decision(
                id,
                vault.name(),
                vault.address(),
                fireTime,
                now,
                verdict.action(),
                verdict.triggers(),
                verdict.reason(),
                OptionalInt.of(state.tick()),
                OptionalInt.of(state.twapTick()),
                state.position(),
                verdict.target(),
                order);
    }

    private Verdict verdict(CycleVault vault, VaultState state, String id) {
        long scoring = System.nanoTime();
        RangeScore score;
        try {
            score = scorer.score(state, vault.policy().maxAge());
        } catch (RuntimeException e) {
            metrics.scoringFailed(vault.name(), Duration.ofNanos(System.nanoTime() - scoring));
            log.atWarn().addKeyValue("vault", vault.name()).setCause(e).log("scoring failed; the vault is skipped");
            return Verdict.of(Action.SKIP, Set.of(), shorten("scorer failed: " + e));
        }
        metrics.scored(vault.name(), score.model(), Duration.ofNanos(System.nanoTime() - scoring));
        try {
            Verdict verdict = policy.decide(state, score, vault.policy());
            if (verdict.swap().isEmpty()) {
                return verdict;
            }
            Optional<String> closed = gate.closedBecause(vault);
            closed.ifPresent(why -> metrics.rebalance(vault.name(), id, RebalanceOutcome.REFUSED_BY_GATE));
            return closed.map(why -> Verdict.of(
                            Action.SKIP,
                            verdict.triggers(),
                            shorten("rebalance due (" + verdict.reason() + ") but rebalancing is stopped: " + why)))
                    .orElse(verdict);
        } catch (RuntimeException e) {
            log.atWarn().addKeyValue("vault", vault.name()).setCause(e).log("deciding failed; the vault is skipped");
            return Verdict.of(Action.SKIP, Set.of(), shorten("policy failed: " + e));
        }
    }

    private static RebalanceOrder order(String id, VaultState state, Verdict verdict, SwapPlan swap, CycleVault vault) {
        return new RebalanceOrder(
                id,
                vault.address(),
                verdict.rebalanceTarget().orElseThrow(),
                swap.zeroForOne(),
                swap.amountIn(),
                swap.amountOutMin(),
                swap.amount0Min(),
                swap.amount1Min(),
                state.blockTime().plus(vault.policy().deadline()),
                CycleId.rebalanceNonce(id));
    }

    private void act(Decision decision, RebalanceOrder order) {
        AtomicBoolean recorded = new AtomicBoolean();
        SubmittedTransaction transaction;
        try {
            transaction = chain.submitRebalance(order, tx -> {
                store.recordSubmitted(decision.id(), tx);
                recorded.set(true);
            });
        } catch (RebalanceRejectedException e) {
            metrics.rebalance(decision.vaultName(), decision.id(), RebalanceOutcome.REFUSED_BEFORE_BROADCAST);
            close(decision.id(), JournalStatus.FAILED, Optional.empty(), "refused before broadcast: " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            if (recorded.get()) {
                metrics.rebalance(decision.vaultName(), decision.id(), RebalanceOutcome.LEFT_OPEN);
                log.atWarn()
                        .addKeyValue("decision_id", decision.id())
                        .setCause(e)
                        .log("rebalance outcome unknown; left open for reconciliation");
            } else {
                metrics.rebalance(decision.vaultName(), decision.id(), RebalanceOutcome.NOT_SENT);
                close(decision.id(), JournalStatus.FAILED, Optional.empty(), "not sent: " + e.getMessage());
            }
            return;
        }
        metrics.rebalance(decision.vaultName(), decision.id(), RebalanceOutcome.SUBMITTED);
        TransactionStatus status = chain.awaitOutcome(transaction);
        metrics.rebalance(decision.vaultName(), decision.id(), outcome(status));
        applyStatus(store, decision.id(), status)
                .ifPresentOrElse(
                        outcome -> logOutcome(decision.id(), outcome, status),
                        () -> log.atWarn()
                                .addKeyValue("decision_id", decision.id())
                                .addKeyValue("chain_status", status.state())
                                .log("rebalance not final after waiting; left open for reconciliation"));
    }

    private static RebalanceOutcome outcome(TransactionStatus status) {
        return switch (status.state()) {
            case CONFIRMED -> RebalanceOutcome.CONFIRMED;
            case REVERTED -> RebalanceOutcome.REVERTED;
            case DROPPED -> RebalanceOutcome.DROPPED;
            case PENDING, NOT_FOUND -> RebalanceOutcome.LEFT_OPEN;
        };
    }

    private void close(String id, JournalStatus status, Optional<String> minedHash, String outcome) {
        store.recordOutcome(id, status, minedHash, shorten(outcome));
        log.atWarn()
                .addKeyValue("decision_id", id)
                .addKeyValue("journal_status", status)
                .log("rebalance closed: {}", shorten(outcome));
    }

    /** Closes the row if the status is final; returns the journal status written, if any. */
    static Optional<JournalStatus> applyStatus(KeeperStore store, String id, TransactionStatus status) {
        switch (status.state()) {
            case CONFIRMED -> {
                store.recordOutcome(
                        id,
                        JournalStatus.CONFIRMED,
                        Optional.of(status.minedHash()),
                        "confirmed in block " + status.blockNumber());
                return Optional.of(JournalStatus.CONFIRMED);
            }
            case REVERTED -> {
                store.recordOutcome(
                        id,
                        JournalStatus.FAILED,
                        Optional.of(status.minedHash()),
                        "reverted in block " + status.blockNumber());
                return Optional.of(JournalStatus.FAILED);
            }
            case DROPPED -> {
                store.recordOutcome(
                        id,
                        JournalStatus.FAILED,
                        Optional.empty(),
                        "its nonce was used by another transaction; never mined");
                return Optional.of(JournalStatus.FAILED);
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static void logOutcome(String id, JournalStatus status, TransactionStatus chainStatus) {
        log.atInfo()
                .addKeyValue("decision_id", id)
                .addKeyValue("journal_status", status)
                .addKeyValue("block", chainStatus == null ? null : chainStatus.blockNumber())
                .log("rebalance closed");
    }

    private static void logDecision(Decision d, Mode mode) {
        log.atInfo()
                .addKeyValue("decision_id", d.id())
                .addKeyValue("vault", d.vaultName())
                .addKeyValue("vault_address", d.vault())
                .addKeyValue("fire_time", d.fireTime())
                .addKeyValue("action", d.action())
                .addKeyValue("triggers", d.triggers())
                .addKeyValue("tick", d.tick().isPresent() ? d.tick().getAsInt() : null)
                .addKeyValue(
                        "twap_tick", d.twapTick().isPresent() ? d.twapTick().getAsInt() : null)
                .addKeyValue("current_range", d.current().map(Object::toString).orElse(null))
                .addKeyValue("target_range", d.target().map(Object::toString).orElse(null))
                .addKeyValue("dry_run", mode == Mode.DRY_RUN)
                .log(d.reason());
    }

    private static String shorten(String text) {
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
    }
}
