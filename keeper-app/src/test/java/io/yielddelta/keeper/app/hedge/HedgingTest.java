package io.yielddelta.keeper.app.hedge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.zaxxer.hikari.HikariDataSource;
import io.yielddelta.keeper.app.config.ConfigLoader;
import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.app.store.Databases;
import io.yielddelta.keeper.app.store.JdbcHedgeJournal;
import io.yielddelta.keeper.app.store.JdbcHedgeStatusStore;
import io.yielddelta.keeper.app.store.JdbcKeeperStore;
import io.yielddelta.keeper.app.store.JdbcTradingStateStore;
import io.yielddelta.keeper.core.chain.ChainGateway;
import io.yielddelta.keeper.core.chain.SubmittedTransaction;
import io.yielddelta.keeper.core.chain.TransactionStatus;
import io.yielddelta.keeper.core.clmm.TickMath;
import io.yielddelta.keeper.core.hedge.Discrepancy;
import io.yielddelta.keeper.core.hedge.ReconcileReport;
import io.yielddelta.keeper.core.hedge.VaultHoldings;
import io.yielddelta.keeper.core.kernel.Keeper;
import io.yielddelta.keeper.core.policy.RealizedVolatilityScorer;
import io.yielddelta.keeper.core.risk.TradingControl;
import io.yielddelta.keeper.core.risk.TradingState;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.RebalanceOrder;
import io.yielddelta.keeper.core.vault.VaultGuards;
import io.yielddelta.keeper.core.vault.VaultReading;
import io.yielddelta.keeper.core.vault.VaultState;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.venues.paper.FundingRates;
import io.yielddelta.keeper.venues.paper.PaperConfig;
import io.yielddelta.keeper.venues.paper.PaperVenue;
import io.yielddelta.keeper.venues.testing.MutableClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel's hedge side built from a deployment file as the daemon builds it, on a paper venue and the H2 journal: a
 * chain read hedges the vault to target, a position opened outside the keeper is adopted by the maintenance pass and
 * traded back, the kill switch stops the next order, and the emergency exit closes everything.
 */
class HedgingTest {

    private static final String VAULT = "0x5555555555555555555555555555555555555555";
    /** USDC (token0, 6 decimals) / WETH (token1, 18): tick 200,000 is ETH at about 2,061 USD. */
    private static final int TICK = 200_000;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private PaperVenue paper;
    private HikariDataSource db;
    private TradingControl control;
    private Keeper kernel;
    private BigDecimal mark;

    @BeforeEach
    void open() throws IOException {
        KeeperConfig config = new ConfigLoader(Map.of())
                .withSimulatedVenues()
                .load(Files.writeString(dir.resolve("keeper.yaml"), """
                chain: {chainId: 1329, rpcUrls: ["http://127.0.0.1:9"]}
                signers:
                  keeper: {type: kms, keyId: alias/keeper, region: us-east-1}
                  aiOracle: {type: kms, keyId: alias/oracle, region: us-east-1}
                vaults:
                  - name: eth-delta-neutral
                    address: "%s"
                    pool: "0x6666666666666666666666666666666666666666"
                    poolFee: 3000
                    kind: DELTA_NEUTRAL
                    hedge: {venues: [paper], market: ETH, ratio: 1, baseToken: token1, token0Decimals: 6, token1Decimals: 18}
                    limits: {maxNotionalUsd: 2000000}
                venues:
                  paper: {type: paper}
                database: {path: "%s"}
                risk: {maxOrderNotionalUsd: 1000000, dailyLossLimitUsd: 100000}
                """.formatted(VAULT, dir.resolve("db/keeper"))));
        paper = new PaperVenue(
                new PaperConfig(
                        List.of(new Instrument(
                                "ETH", new BigDecimal("0.01"), new BigDecimal("0.0001"), BigDecimal.TEN, 20)),
                        new BigDecimal("4.5"),
                        new BigDecimal("1.5"),
                        BigDecimal.ONE,
                        new BigDecimal("1000000"),
                        5),
                FundingRates.constant(BigDecimal.ZERO),
                clock);
        db = Databases.open(config.database());
        kernel = Keeper.builder(config.deployment())
                .chain(new OneVaultChain())
                .store(new JdbcKeeperStore(db, clock))
                .clock(clock)
                .scorer(RealizedVolatilityScorer.baseline())
                .tradingStates(new JdbcTradingStateStore(db, clock))
                .hedgeJournal(new JdbcHedgeJournal(db, clock))
                .hedgeStatus(new JdbcHedgeStatusStore(db, clock))
                .venues((name, vault) -> paper)
                .events(new LoggedRiskEvents())
                .build();
        control = kernel.trading();
        kernel.startHedging();
        mark = new BigDecimal("2061.00");
        paper.setMark("ETH", mark);
        kernel.refreshHedges("cycle-1");
    }

    @AfterEach
    void close() {
        kernel.close();
        db.close();
    }

    @Test
    void aChainReadHedgesTheVaultToTargetAndTheJournalExpectsThePosition() {
        assertThat(target()).isLessThan(BigDecimal.valueOf(-100));
        assertThat(position()).isCloseTo(target(), within(new BigDecimal("0.0001")));
        assertThat(new JdbcHedgeJournal(db, clock).expectedPosition("paper", "ETH"))
                .isEqualByComparingTo(position());
        assertThat(new JdbcHedgeJournal(db, clock).inFlight()).isEmpty();

        // The same read again (same range, same liquidity): nothing to do.
        BigDecimal before = position();
        kernel.refreshHedges("cycle-2");
        assertThat(position()).isEqualByComparingTo(before);
    }

    @Test
    void aPositionOpenedOutsideTheKeeperIsAdoptedAndTradedBackToTarget() {
        outsideOrder(Side.BUY, "30");

        List<ReconcileReport> reports = kernel.maintain();

        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.corrected()).isTrue();
            assertThat(r.discrepancies()).extracting(Discrepancy::kind).containsExactly(Discrepancy.Kind.POSITION);
        });
        setMark("2061.50");
        assertThat(position()).isCloseTo(target(), within(new BigDecimal("0.0001")));
    }

    @Test
    void theKillSwitchStopsTheNextOrderAndResumeLetsTheHedgeCatchUp() {
        BigDecimal hedged = position();
        control.halt("operator: test");
        outsideOrder(Side.BUY, "30");

        assertThat(kernel.maintain())
                .singleElement()
                .satisfies(r -> assertThat(r.corrected()).isFalse());
        setMark("2062.00");
        assertThat(position()).isEqualByComparingTo(hedged.add(new BigDecimal("30")));

        control.resume("operator: resumed");
        kernel.maintain();
        setMark("2062.50");
        assertThat(position()).isCloseTo(target(), within(new BigDecimal("0.0001")));
    }

    @Test
    void theEmergencyExitClosesEveryHedgeAndStopsRebalancing() {
        control.exit("operator: test");
        kernel.closeAllHedges("operator: test");

        assertThat(position()).isZero();
        assertThat(control.engine().state()).isEqualTo(TradingState.REDUCING);
        assertThat(control.engine().rebalancingAllowed()).isFalse();
        // The exit holds: the next mark does not hedge again.
        setMark("2063.00");
        assertThat(position()).isZero();
    }

    private void setMark(String price) {
        clock.advance(Duration.ofSeconds(5));
        mark = new BigDecimal(price);
        paper.setMark("ETH", mark);
    }

    private void outsideOrder(Side side, String size) {
        paper.place(new OrderRequest(
                "ETH",
                side,
                new BigDecimal(size),
                null,
                OrderType.MARKET_IOC,
                false,
                ClientOrderId.of("someone-else/" + size)));
    }

    /** The delta-neutral target at the current mark: minus the vault's delta (its pool ETH, nothing idle). */
    private BigDecimal target() {
        return holdings().exposureAt(mark).delta().negate();
    }

    private BigDecimal position() {
        return paper.positions().stream()
                .filter(p -> p.market().equals("ETH"))
                .map(Position::size)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static VaultHoldings holdings() {
        return VaultHoldings.of(vault(), "ETH", false, 6, 18);
    }

    private static VaultState vault() {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        return new VaultState(
                VAULT,
                Optional.of(new Range(199_400, 200_600)),
                BigInteger.valueOf(2).multiply(BigInteger.TEN.pow(17)),
                TickMath.getSqrtRatioAtTick(TICK),
                TICK,
                TICK,
                60,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                Optional.of(now.minusSeconds(3600)),
                false,
                new VaultGuards(Duration.ofMinutes(5), Duration.ofMinutes(30), 200, 20_000, 20_000, 100),
                1_000,
                now);
    }

    /** The chain as the kernel reads it here: the one hedged vault, always in the same state; nothing is sent. */
    private static final class OneVaultChain implements ChainGateway {
        @Override
        public List<VaultReading> readVaults(List<String> vaultAddresses) {
            return vaultAddresses.stream()
                    .<VaultReading>map(a -> new VaultReading.Observed(vault()))
                    .toList();
        }

        @Override
        public SubmittedTransaction submitRebalance(RebalanceOrder order, BeforeBroadcast beforeBroadcast) {
            throw new UnsupportedOperationException("this test decides no rebalance");
        }

        @Override
        public TransactionStatus status(SubmittedTransaction transaction) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TransactionStatus awaitOutcome(SubmittedTransaction transaction) {
            throw new UnsupportedOperationException();
        }
    }
}
