package io.yielddelta.keeper.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.yielddelta.keeper.core.chain.ChainGateway;
import io.yielddelta.keeper.core.chain.SubmittedTransaction;
import io.yielddelta.keeper.core.chain.TransactionStatus;
import io.yielddelta.keeper.core.clmm.TickMath;
import io.yielddelta.keeper.core.cycle.CycleId;
import io.yielddelta.keeper.core.cycle.CycleVault;
import io.yielddelta.keeper.core.cycle.JournalReconciler;
import io.yielddelta.keeper.core.cycle.JournalStatus;
import io.yielddelta.keeper.core.cycle.KeeperCycle;
import io.yielddelta.keeper.core.policy.PolicySettings;
import io.yielddelta.keeper.core.policy.RealizedVolatilityScorer;
import io.yielddelta.keeper.core.policy.RebalancePolicy;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.RebalanceOrder;
import io.yielddelta.keeper.core.vault.VaultGuards;
import io.yielddelta.keeper.core.vault.VaultKind;
import io.yielddelta.keeper.core.vault.VaultReading;
import io.yielddelta.keeper.core.vault.VaultState;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keeper "dies" right after its transaction was recorded and broadcast, before the outcome was journaled; a new
 * keeper process on the same H2 file reconciles it and, when the scheduler re-fires the same cycle, does not
 * rebalance again. The chain here is a stand-in that mines what it is sent (the anvil version waits for the vault
 * contract and the web3j gateway).
 */
class CrashBetweenSubmitAndRecordTest {

    private static final String VAULT = "0x1111111111111111111111111111111111111111";
    private static final Instant FIRE = Instant.parse("2026-01-08T13:00:00Z");
    private static final Clock CLOCK = Clock.fixed(FIRE.plusSeconds(4), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aRestartedKeeperReconcilesAndNeverRebalancesTheSameCycleTwice() {
        MinedChain chain = new MinedChain();
        List<CycleVault> vaults =
                List.of(new CycleVault("eth-usdc", VAULT, VaultKind.CONCENTRATED_LIQUIDITY, PolicySettings.DEFAULTS));

        chain.dieAfterBroadcast = true;
        try (HikariDataSource db = Databases.open(DatabaseSettings.h2(dir.resolve("keeper")))) {
            KeeperCycle first = cycle(chain, new JdbcKeeperStore(db, CLOCK));
            first.run(FIRE, vaults, KeeperCycle.Mode.LIVE);
        }
        assertThat(chain.broadcast).hasSize(1);

        chain.dieAfterBroadcast = false;
        try (HikariDataSource db = Databases.open(DatabaseSettings.h2(dir.resolve("keeper")))) {
            JdbcKeeperStore store = new JdbcKeeperStore(db, CLOCK);
            assertThat(store.openEntries())
                    .singleElement()
                    .satisfies(e -> assertThat(e.status()).isEqualTo(JournalStatus.SUBMITTED));

            assertThat(new JournalReconciler(chain, store, CLOCK).reconcile()).isEmpty();
            cycle(chain, store).run(FIRE, vaults, KeeperCycle.Mode.LIVE);

            assertThat(chain.broadcast).hasSize(1);
            assertThat(chain.rebalances).isEqualTo(1);
            assertThat(store.recent(5)).singleElement().satisfies(e -> {
                assertThat(e.cycleId()).isEqualTo(CycleId.of(VAULT, FIRE));
                assertThat(e.status()).isEqualTo(JournalStatus.CONFIRMED);
                assertThat(e.minedHash()).contains(e.transaction().orElseThrow().hash());
            });
        }
    }

    private static KeeperCycle cycle(ChainGateway chain, JdbcKeeperStore store) {
        return new KeeperCycle(chain, new RealizedVolatilityScorer(0.6, 0.94), new RebalancePolicy(), store, CLOCK);
    }

    /** An out-of-range vault; what is broadcast is mined, and the vault accepts each rebalance nonce once. */
    private static final class MinedChain implements ChainGateway {
        final List<RebalanceOrder> broadcast = new ArrayList<>();
        final Set<BigInteger> usedNonces = new HashSet<>();
        int rebalances;
        boolean dieAfterBroadcast;

        @Override
        public List<VaultReading> readVaults(List<String> addresses) {
            return addresses.stream()
                    .<VaultReading>map(a -> new VaultReading.Observed(new VaultState(
                            a,
                            Optional.of(new Range(199_020, 200_040)),
                            BigInteger.TEN.pow(18),
                            TickMath.getSqrtRatioAtTick(201_337),
                            201_337,
                            201_330,
                            60,
                            BigInteger.TEN.pow(17),
                            BigInteger.valueOf(300_000_000L),
                            BigInteger.ZERO,
                            BigInteger.ZERO,
                            Optional.of(FIRE.minus(Duration.ofHours(3))),
                            false,
                            new VaultGuards(Duration.ofMinutes(5), Duration.ofMinutes(30), 200, 20_000, 20_000, 100),
                            7,
                            FIRE)))
                    .toList();
        }

        @Override
        public SubmittedTransaction submitRebalance(RebalanceOrder order, BeforeBroadcast beforeBroadcast) {
            SubmittedTransaction tx = new SubmittedTransaction(
                    "0x00000000000000000000000000000000000000cc",
                    broadcast.size(),
                    "0x%064x".formatted(broadcast.size() + 1));
            beforeBroadcast.recorded(tx);
            broadcast.add(order);
            if (usedNonces.add(order.rebalanceNonce())) {
                rebalances++;
            }
            if (dieAfterBroadcast) {
                throw new IllegalStateException("process killed before the outcome was journaled");
            }
            return tx;
        }

        @Override
        public TransactionStatus status(SubmittedTransaction transaction) {
            return new TransactionStatus(TransactionStatus.State.CONFIRMED, transaction.hash(), 8);
        }

        @Override
        public TransactionStatus awaitOutcome(SubmittedTransaction transaction) {
            return status(transaction);
        }
    }
}
