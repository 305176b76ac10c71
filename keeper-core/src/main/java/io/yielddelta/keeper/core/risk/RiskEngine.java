package io.yielddelta.keeper.core.risk;

import io.yielddelta.keeper.core.venue.Margin;
import io.yielddelta.keeper.core.venue.Position;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pre-trade checks and the trading state. Every order passes {@link #check} just before it is sent, so a
 * {@link #halt} takes effect for the very next order, from any thread. Continuous checks (margin, liquidation distance,
 * daily loss) raise {@link RiskAlert}s and may move the state; only an operator's {@link #resume} brings it back to
 * ACTIVE.
 */
public final class RiskEngine {
    private static final Logger log = LoggerFactory.getLogger(RiskEngine.class);
    private static final MathContext RATIO = new MathContext(12, RoundingMode.HALF_EVEN);

    private final RiskLimits limits;
    private final Clock clock;
    private final RiskEvents events;
    private final Map<String, BigDecimal> vaultPositionCaps;
    private final AtomicReference<TradingState> state = new AtomicReference<>(TradingState.ACTIVE);
    private volatile boolean rebalancingStopped;

    private LocalDate lossDay;
    private BigDecimal dayOpeningEquity;

    public RiskEngine(RiskLimits limits, Clock clock, RiskEvents events) {
        this(limits, Map.of(), clock, events);
    }

    /**
     * @param vaultPositionCaps a vault's own hedge notional cap, where it is below the limits' per-vault maximum
     */
    public RiskEngine(RiskLimits limits, Map<String, BigDecimal> vaultPositionCaps, Clock clock, RiskEvents events) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.vaultPositionCaps = Map.copyOf(vaultPositionCaps);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
    }

    public RiskLimits limits() {
        return limits;
    }

    public TradingState state() {
        return state.get();
    }

    /** Kill switch: no order passes from now on; cancels stay allowed. */
    public void halt(String reason) {
        moveTo(TradingState.HALTED, reason);
    }

    /** Only exposure-reducing orders from now on. */
    public void reduceOnly(String reason) {
        moveTo(TradingState.REDUCING, reason);
    }

    /** Back to normal trading and rebalancing, after an operator decided so. */
    public void resume(String reason) {
        rebalancingStopped = false;
        moveTo(TradingState.ACTIVE, reason);
    }

    /**
     * Emergency exit: rebalancing stops and only closing orders pass; the caller then closes every hedge (see
     * {@code core.hedge.EmergencyExit}).
     */
    public void emergencyExit(String reason) {
        rebalancingStopped = true;
        moveTo(TradingState.REDUCING, "emergency exit: " + reason);
    }

    /**
     * Takes over a state decided elsewhere (the shared database, another keeper, an operator's command): the stricter
     * part is applied first, so no order slips through in between.
     */
    public void restore(TradingState next, boolean emergencyExit, String reason) {
        if (emergencyExit) {
            rebalancingStopped = true;
        }
        moveTo(next, reason);
        rebalancingStopped = emergencyExit;
    }

    /** Whether the keeper may rebalance vaults: only while ACTIVE and no emergency exit is in force. */
    public boolean rebalancingAllowed() {
        return state.get() == TradingState.ACTIVE && !rebalancingStopped;
    }

    /** Whether an emergency exit is in force (until {@link #resume}). */
    public boolean emergencyExitInForce() {
        return rebalancingStopped;
    }

    /** The largest hedge notional allowed for one vault. */
    public BigDecimal vaultPositionCap(String vault) {
        BigDecimal own = vaultPositionCaps.get(vault);
        return own == null ? limits.maxVaultPositionNotional() : own.min(limits.maxVaultPositionNotional());
    }

    public RiskVerdict check(OrderProposal proposal) {
        TradingState now = state.get();
        boolean reducing = proposal.reducesExposure();
        if (now == TradingState.HALTED) {
            return RiskVerdict.rejected(RiskCheck.HALTED, "trading is halted");
        }
        if (now == TradingState.REDUCING && !reducing) {
            return RiskVerdict.rejected(RiskCheck.REDUCING_ONLY, "only exposure-reducing orders while REDUCING");
        }
        BigDecimal mark = proposal.markPrice();
        BigDecimal notional = proposal.notional();
        if (notional.compareTo(limits.maxOrderNotional()) > 0) {
            return RiskVerdict.rejected(
                    RiskCheck.ORDER_NOTIONAL, "order notional " + notional + " above " + limits.maxOrderNotional());
        }
        if (reducing) {
            // Shrinking a position lowers every position and leverage figure: never block it on them.
            return RiskVerdict.approved();
        }
        BigDecimal vaultAfter =
                proposal.vaultPosition().add(proposal.signedSize()).abs().multiply(mark);
        BigDecimal vaultCap = vaultPositionCap(proposal.vault());
        if (vaultAfter.compareTo(vaultCap) > 0
                && vaultAfter.compareTo(proposal.vaultPosition().abs().multiply(mark)) > 0) {
            return RiskVerdict.rejected(
                    RiskCheck.VAULT_POSITION, "vault position notional " + vaultAfter + " above " + vaultCap);
        }
        BigDecimal marketBefore = proposal.venuePosition().abs().multiply(mark);
        BigDecimal marketAfter =
                proposal.venuePosition().add(proposal.signedSize()).abs().multiply(mark);
        BigDecimal grossAfter =
                proposal.venueGrossNotional().subtract(marketBefore).add(marketAfter);
        if (grossAfter.compareTo(limits.maxVenuePositionNotional()) > 0) {
            return RiskVerdict.rejected(
                    RiskCheck.VENUE_POSITION,
                    "venue gross notional " + grossAfter + " above " + limits.maxVenuePositionNotional());
        }
        BigDecimal accountValue = proposal.venueAccountValue();
        if (accountValue.signum() <= 0 || grossAfter.compareTo(accountValue.multiply(limits.maxLeverage())) > 0) {
            return RiskVerdict.rejected(
                    RiskCheck.LEVERAGE,
                    "leverage would exceed " + limits.maxLeverage() + "x (gross " + grossAfter + ", account "
                            + accountValue + ")");
        }
        return RiskVerdict.approved();
    }

    /**
     * Feeds the equity (vault value plus hedge account value) for the daily loss limit; the first reading of each UTC
     * day is that day's reference.
     */
    public synchronized void observeEquity(BigDecimal equity) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!today.equals(lossDay)) {
            lossDay = today;
            dayOpeningEquity = equity;
            return;
        }
        BigDecimal loss = dayOpeningEquity.subtract(equity);
        if (loss.compareTo(limits.dailyLossLimit()) > 0 && stricter(limits.dailyLossState(), state.get())) {
            events.alert(new RiskAlert.DailyLossLimit(loss, limits.dailyLossLimit(), limits.dailyLossState()));
            moveTo(limits.dailyLossState(), "daily loss " + loss + " above limit " + limits.dailyLossLimit());
        }
    }

    /**
     * Checks a venue's collateral and every position's distance to liquidation; alerts are also sent to the listener.
     *
     * @param marks mark price per market
     */
    public List<RiskAlert> watchVenue(
            String venue, Margin margin, List<Position> positions, Map<String, BigDecimal> marks) {
        List<RiskAlert> alerts = new ArrayList<>();
        BigDecimal gross = BigDecimal.ZERO;
        for (Position position : positions) {
            BigDecimal mark = marks.get(position.market());
            if (mark == null || position.size().signum() == 0) {
                continue;
            }
            BigDecimal notional = position.size().abs().multiply(mark);
            gross = gross.add(notional);
            BigDecimal liquidation = position.liquidationPrice();
            if (liquidation == null) {
                continue;
            }
            BigDecimal distance = liquidation.subtract(mark).abs().divide(mark, RATIO);
            if (distance.compareTo(limits.liquidationDistanceFloor()) < 0) {
                // Liquidation distance grows about one for one with collateral per unit of notional.
                BigDecimal shortfall = limits.liquidationDistanceFloor().subtract(distance);
                BigDecimal transfer = shortfall.multiply(notional).setScale(2, RoundingMode.UP);
                BigDecimal keep =
                        position.size().abs().multiply(distance).divide(limits.liquidationDistanceFloor(), RATIO);
                BigDecimal reduce = position.size().abs().subtract(keep).max(BigDecimal.ZERO);
                alerts.add(new RiskAlert.LiquidationNear(
                        venue, position.market(), mark, liquidation, distance, transfer, reduce));
            }
        }
        if (gross.signum() > 0) {
            BigDecimal account = margin.accountValue();
            BigDecimal leverage = account.signum() <= 0 ? null : gross.divide(account, RATIO);
            if (leverage == null || leverage.compareTo(limits.collateralAlertLeverage()) > 0) {
                BigDecimal needed = gross.divide(limits.collateralTargetLeverage(), RATIO);
                BigDecimal transfer = needed.subtract(account).setScale(2, RoundingMode.UP);
                alerts.add(new RiskAlert.CollateralLow(venue, account, gross, leverage, transfer));
            }
        }
        alerts.forEach(events::alert);
        return alerts;
    }

    private void moveTo(TradingState next, String reason) {
        TradingState previous = state.getAndSet(next);
        if (previous != next) {
            log.debug("trading state {} -> {}: {}", previous, next, reason);
            events.stateChanged(previous, next, reason);
        }
    }

    private static boolean stricter(TradingState candidate, TradingState current) {
        return candidate.ordinal() > current.ordinal();
    }
}
