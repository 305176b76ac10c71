package io.yielddelta.keeper.core.kernel;

import static io.yielddelta.keeper.core.policy.VaultStates.NOW;
import static io.yielddelta.keeper.core.policy.VaultStates.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.core.clmm.TickMath;
import io.yielddelta.keeper.core.cycle.Decision;
import io.yielddelta.keeper.core.cycle.KeeperCycle;
import io.yielddelta.keeper.core.hedge.FailoverSettings;
import io.yielddelta.keeper.core.kernel.DeploymentSettings.HedgeSpec;
import io.yielddelta.keeper.core.kernel.DeploymentSettings.VaultSettings;
import io.yielddelta.keeper.core.policy.Action;
import io.yielddelta.keeper.core.policy.PolicySettings;
import io.yielddelta.keeper.core.policy.RealizedVolatilityScorer;
import io.yielddelta.keeper.core.policy.VaultStates;
import io.yielddelta.keeper.core.risk.RiskAlert;
import io.yielddelta.keeper.core.risk.RiskLimits;
import io.yielddelta.keeper.core.testing.InMemoryKeeperStore;
import io.yielddelta.keeper.core.testing.InMemoryVenue;
import io.yielddelta.keeper.core.testing.MutableClock;
import io.yielddelta.keeper.core.testing.RecordingRiskEvents;
import io.yielddelta.keeper.core.testing.ScriptedChainGateway;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.VaultKind;
import io.yielddelta.keeper.core.vault.VaultState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel's rebalance gate for hedged vaults (issue 14, defect 2): a hedged vault whose hedge cannot start, keeps
 * failing past the fail-over, or — on a keeper that does not hedge — is not reported running by the hedging keeper,
 * does not rebalance, and on-call hears of it once; an unhedged vault is not held back by it.
 */
class KeeperTest {

    private static final String CONCENTRATED = "0x00000000000000000000000000000000000000a1";
    private static final String NEUTRAL = "0x00000000000000000000000000000000000000a2";
    /** Both vaults sit out of their ranges: the policy rebalances them. */
    private static final Range STALE = new Range(199_020, 200_040);

    private static final int TICK = 201_337;
    private static final Duration FAILOVER_AFTER = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(NOW.plusSeconds(3));
    private final ScriptedChainGateway chain = new ScriptedChainGateway();
    private final RecordingRiskEvents events = new RecordingRiskEvents();
    private final InMemoryVenue venue = new InMemoryVenue("paper", "ETH", new BigDecimal("2000"));
    private final InMemoryHedgeStatusStore reports = new InMemoryHedgeStatusStore(clock);
    private boolean venueOpens;
    private Instant fire = Instant.parse("2026-01-08T13:00:00Z");

    private final VaultSettings concentrated = new VaultSettings(
            "eth-concentrated",
            CONCENTRATED,
            VaultKind.CONCENTRATED_LIQUIDITY,
            PolicySettings.DEFAULTS,
            new BigDecimal("1000000"),
            Optional.empty());
    private final VaultSettings neutral = new VaultSettings(
            "eth-neutral",
            NEUTRAL,
            VaultKind.DELTA_NEUTRAL,
            PolicySettings.DEFAULTS,
            new BigDecimal("1000000"),
            Optional.of(new HedgeSpec(List.of("paper"), "ETH", BigDecimal.ONE, false, 6, 18)));
    private final DeploymentSettings settings = new DeploymentSettings(
            List.of(concentrated, neutral),
            RiskLimits.withDefaults(
                    new BigDecimal("1000000"),
                    new BigDecimal("1000000"),
                    new BigDecimal("1000000"),
                    new BigDecimal("100000")),
            new DeploymentSettings.HedgingSettings(
                    new BigDecimal("0.05"),
                    new FailoverSettings(FAILOVER_AFTER, 3, Duration.ofMinutes(1)),
                    Duration.ofMinutes(5),
                    Duration.ofHours(8),
                    BigDecimal.ZERO));

    @BeforeEach
    void vaults() {
        chain.vaults.put(CONCENTRATED, state(CONCENTRATED, STALE, TICK));
        chain.vaults.put(NEUTRAL, neutralIn(STALE));
    }

    /** The hedged vault: USDC (token0) / WETH (token1) liquidity worth about 3.6 M USD at tick 201,337, nothing idle. */
    private static VaultState neutralIn(Range range) {
        return new VaultState(
                NEUTRAL,
                Optional.of(range),
                BigInteger.valueOf(2).multiply(BigInteger.TEN.pow(17)),
                TickMath.getSqrtRatioAtTick(TICK),
                TICK,
                TICK,
                60,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                Optional.of(NOW.minus(Duration.ofHours(2))),
                false,
                VaultStates.LOOSE_GUARDS,
                1_000,
                NOW);
    }

    private Keeper keeper() {
        return Keeper.builder(settings)
                .chain(chain)
                .store(new InMemoryKeeperStore(clock))
                .clock(clock)
                .scorer(new RealizedVolatilityScorer(0.6, 0.94))
                .hedgeStatus(reports)
                .events(events)
                .venues((name, vault) -> {
                    if (!venueOpens) {
                        throw new IllegalArgumentException("venue " + name + ": wrong keystore password");
                    }
                    return venue;
                })
                .build();
    }

    private List<Decision> cycle(Keeper keeper) {
        fire = fire.plus(Duration.ofHours(1));
        return keeper.runCycle(fire, settings.vaults(), KeeperCycle.Mode.LIVE);
    }

    @Test
    void aHedgedVaultWhoseHedgeCannotStartDoesNotRebalanceUntilItStarts() {
        try (Keeper keeper = keeper()) {
            keeper.startHedging();

            List<Decision> decisions = cycle(keeper);

            assertThat(decisions).extracting(Decision::action).containsExactly(Action.REBALANCE, Action.SKIP);
            assertThat(decisions.get(1).reason()).contains("cannot start", "wrong keystore password");
            assertThat(chain.broadcast).extracting(o -> o.vault()).containsExactly(CONCENTRATED);
            assertThat(events.alerts)
                    .singleElement()
                    .isInstanceOfSatisfying(
                            RiskAlert.HedgeDown.class,
                            down -> assertThat(down.vault()).isEqualTo("eth-neutral"));
            assertThat(reports.read("eth-neutral").orElseThrow().downBecause()).isPresent();

            venueOpens = true;
            keeper.maintain();

            assertThat(keeper.hedgesDown()).isEmpty();
            assertThat(cycle(keeper))
                    .filteredOn(d -> d.vaultName().equals("eth-neutral"))
                    .extracting(Decision::action)
                    .containsExactly(Action.REBALANCE);
            assertThat(events.alerts).hasSize(1);
        }
    }

    @Test
    void aHedgeThatKeepsFailingPastTheFailoverStopsItsVaultFromRebalancing() {
        venueOpens = true;
        try (Keeper keeper = keeper()) {
            chain.vaults.put(NEUTRAL, neutralIn(new Range(200_040, 202_020)));
            keeper.startHedging();
            venue.setMark(new BigDecimal("2000"));
            keeper.refreshHedges("read-1");
            assertThat(venue.placed()).as("hedged on the first read").hasSize(1);

            venue.setDown(true);
            chain.vaults.put(NEUTRAL, neutralIn(new Range(200_400, 202_200)));
            keeper.refreshHedges("read-2");
            clock.advance(FAILOVER_AFTER.minusSeconds(1));
            assertThat(keeper.hedgesDown())
                    .as("failing, but the fail-over still has time")
                    .isEmpty();

            clock.advance(Duration.ofSeconds(2));
            chain.vaults.put(NEUTRAL, neutralIn(STALE));
            Decision skipped = cycle(keeper).get(1);
            assertThat(skipped.action()).isEqualTo(Action.SKIP);
            assertThat(skipped.reason()).contains("has failed since", "HTTP 503");
            assertThat(events.alerts).singleElement().isInstanceOf(RiskAlert.HedgeDown.class);

            venue.setDown(false);
            venue.setMark(new BigDecimal("2001"));
            assertThat(keeper.hedgesDown()).as("the next mark hedged again").isEmpty();
        }
    }

    @Test
    void aKeeperThatDoesNotHedgeRebalancesAHedgedVaultOnlyWhileTheHedgingKeeperReportsItRunning() {
        venueOpens = true;
        try (Keeper hedging = keeper();
                Keeper other = keeper()) {
            assertThat(cycle(other).get(1).reason()).contains("no keeper reports hedging eth-neutral");

            hedging.startHedging();
            assertThat(cycle(other)).extracting(Decision::action).containsExactly(Action.REBALANCE, Action.REBALANCE);

            clock.advance(settings.hedging().maintainEvery().multipliedBy(3).plusSeconds(1));
            assertThat(cycle(other).get(1).reason()).contains("the hedge of eth-neutral was last reported at");
        }
    }
}
