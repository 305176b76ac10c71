package io.yielddelta.keeper.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yielddelta.keeper.core.chain.SentTransaction;
import io.yielddelta.keeper.core.chain.SubmittedTransaction;
import io.yielddelta.keeper.core.cycle.CycleId;
import io.yielddelta.keeper.core.cycle.Decision;
import io.yielddelta.keeper.core.cycle.JournalEntry;
import io.yielddelta.keeper.core.cycle.JournalStatus;
import io.yielddelta.keeper.core.policy.Action;
import io.yielddelta.keeper.core.policy.Trigger;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.RebalanceOrder;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** What every journal database must do; run on H2 (unit test) and PostgreSQL (integration test). */
abstract class KeeperStoreContract {

    static final String VAULT = "0x00000000000000000000000000000000000000a1";
    static final Instant FIRE = Instant.parse("2026-01-08T13:00:00Z");
    static final Clock CLOCK = Clock.fixed(FIRE.plusSeconds(5), ZoneOffset.UTC);

    abstract DataSource dataSource();

    JdbcKeeperStore store() {
        return new JdbcKeeperStore(dataSource(), CLOCK);
    }

    static Decision rebalance(Instant fire) {
        String id = CycleId.of(VAULT, fire);
        Range target = new Range(200_700, 201_960);
        RebalanceOrder order = new RebalanceOrder(
                id,
                VAULT,
                target,
                true,
                BigInteger.TEN,
                BigInteger.ONE,
                BigInteger.ZERO,
                BigInteger.ZERO,
                fire.plusSeconds(600),
                CycleId.rebalanceNonce(id));
        return new Decision(
                id,
                "eth-usdc",
                VAULT,
                fire,
                fire.plusSeconds(2),
                Action.REBALANCE,
                Set.of(Trigger.OUT_OF_RANGE, Trigger.TICK_MOVE),
                "move to " + target,
                OptionalInt.of(201_337),
                OptionalInt.of(201_330),
                Optional.of(new Range(199_020, 200_040)),
                Optional.of(target),
                Optional.of(order));
    }

    static Decision hold(Instant fire) {
        return new Decision(
                CycleId.of(VAULT, fire),
                "eth-usdc",
                VAULT,
                fire,
                fire.plusSeconds(2),
                Action.HOLD,
                Set.of(),
                "well inside",
                OptionalInt.of(200_010),
                OptionalInt.of(200_012),
                Optional.of(new Range(199_020, 201_000)),
                Optional.empty(),
                Optional.empty());
    }

    @Test
    void aRebalanceGoesFromIntentThroughSubmittedToConfirmed() {
        JdbcKeeperStore store = store();
        Decision d = rebalance(FIRE);
        assertThat(store.recordDecision(d)).isTrue();
        assertThat(store.openEntries()).extracting(JournalEntry::status).containsExactly(JournalStatus.INTENT);

        SubmittedTransaction tx =
                new SubmittedTransaction("0x00000000000000000000000000000000000000cc", 12, "0x" + "ab".repeat(32));
        store.recordSubmitted(d.id(), tx);
        JournalEntry submitted = store.openEntries().getFirst();
        assertThat(submitted.status()).isEqualTo(JournalStatus.SUBMITTED);
        assertThat(submitted.transaction()).contains(tx);
        assertThat(submitted.deadline()).contains(FIRE.plusSeconds(600));
        assertThat(submitted.target()).contains(new Range(200_700, 201_960));
        assertThat(submitted.fireTime()).isEqualTo(FIRE);

        store.recordOutcome(d.id(), JournalStatus.CONFIRMED, Optional.of(tx.hash()), "confirmed in block 7");
        assertThat(store.openEntries()).isEmpty();
        JournalEntry done = store.recent(10).getFirst();
        assertThat(done.status()).isEqualTo(JournalStatus.CONFIRMED);
        assertThat(done.minedHash()).contains(tx.hash());
        assertThat(done.outcome()).isEqualTo("confirmed in block 7");
    }

    @Test
    void aCycleIdIsJournaledOnceAndAClosedRowCannotBeReopened() {
        JdbcKeeperStore store = store();
        Decision d = rebalance(FIRE);
        assertThat(store.recordDecision(d)).isTrue();
        assertThat(store.recordDecision(d)).isFalse();
        assertThat(store.hasCycle(d.id())).isTrue();
        assertThat(store.hasCycle(CycleId.of(VAULT, FIRE.plusSeconds(3600)))).isFalse();

        store.recordOutcome(d.id(), JournalStatus.ABANDONED, Optional.empty(), "nothing sent");
        assertThatThrownBy(() -> store.recordSubmitted(
                        d.id(),
                        new SubmittedTransaction(
                                "0x00000000000000000000000000000000000000cc", 1, "0x" + "cd".repeat(32))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.recordOutcome(d.id(), JournalStatus.CONFIRMED, Optional.empty(), "x"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aHoldIsFinalAtOnceAndRecentListsNewestFirst() {
        JdbcKeeperStore store = store();
        store.recordDecision(hold(FIRE));
        store.recordDecision(hold(FIRE.plusSeconds(3600)));
        assertThat(store.openEntries()).isEmpty();
        List<JournalEntry> recent = store.recent(1);
        assertThat(recent).hasSize(1);
        assertThat(recent.getFirst().fireTime()).isEqualTo(FIRE.plusSeconds(3600));
        assertThat(recent.getFirst().status()).isEqualTo(JournalStatus.DECIDED);
    }

    @Test
    void concurrentKeepersRacingForOneCycleGetExactlyOneWinner() throws Exception {
        JdbcKeeperStore a = store();
        JdbcKeeperStore b = store();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                JdbcKeeperStore s = i % 2 == 0 ? a : b;
                results.add(pool.submit((Callable<Boolean>) () -> s.recordDecision(rebalance(FIRE.plusSeconds(7200)))));
            }
            int winners = 0;
            for (Future<Boolean> r : results) {
                winners += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void signedTransactionsAreKeptPerSenderAndNonceInOrder() {
        JdbcKeeperStore store = store();
        String sender = "0x00000000000000000000000000000000000000DD";
        assertThat(store.highestNonce(sender, 1329)).isEmpty();
        SentTransaction first = sent(sender, 4, "01", 100);
        SentTransaction replacement = sent(sender, 4, "02", 111);
        store.record(first);
        store.record(replacement);
        store.record(first); // recorded twice: kept once
        store.record(sent(sender, 3, "03", 100));
        assertThat(store.highestNonce(sender.toLowerCase(), 1329)).hasValue(4);
        assertThat(store.highestNonce(sender, 1)).isEmpty();
        assertThat(store.atNonce(sender, 1329, 4)).containsExactly(first, replacement);
    }

    private static SentTransaction sent(String sender, long nonce, String hashByte, long fee) {
        return new SentTransaction(
                sender,
                1329,
                nonce,
                "0x" + hashByte.repeat(32),
                BigInteger.valueOf(fee).shiftLeft(70),
                BigInteger.TWO,
                "0x02f8" + hashByte,
                FIRE);
    }
}
