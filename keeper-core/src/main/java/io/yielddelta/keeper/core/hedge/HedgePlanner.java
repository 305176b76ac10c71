package io.yielddelta.keeper.core.hedge;

import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.Side;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides the hedge orders of one vault: target = −hedgeRatio × delta, traded back to the target (not to the band
 * edge) once |position − target| leaves the band, so one move of the price does not bring a stream of small orders.
 * A mark update uses the band; a rebalance, reconciliation or manual trigger uses the narrower inner band, so the
 * hedge follows a new position at once without sending dust.
 *
 * <p>Orders are IOC with a protective limit, rounded down to the lot size and capped at the order notional limit, so
 * each one moves the hedge toward the target without crossing it; a remainder below the venue's minimum notional is
 * left alone.
 */
public final class HedgePlanner {
    private static final MathContext MC = new MathContext(20, RoundingMode.HALF_EVEN);
    private static final int BASE_SCALE = 12;

    private final HedgeSettings settings;
    private final BigDecimal maxOrderNotional;

    /** @param maxOrderNotional the risk limit for one order: orders are split so none is refused for its size */
    public HedgePlanner(HedgeSettings settings, BigDecimal maxOrderNotional) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (maxOrderNotional == null || maxOrderNotional.signum() <= 0) {
            throw new IllegalArgumentException("maxOrderNotional must be positive");
        }
        this.maxOrderNotional = maxOrderNotional;
    }

    public HedgeSettings settings() {
        return settings;
    }

    /** Target perp position for an exposure: −hedgeRatio × delta, pre-hedged along the forecast drift in gamma mode. */
    public BigDecimal target(VaultExposure exposure, VolatilityForecast forecast) {
        BigDecimal delta = exposure.delta();
        if (settings.gammaAware() && forecast != null) {
            // Expected change of delta over the horizon: gamma × expected price move.
            double expectedMove = exposure.price().doubleValue() * forecast.driftPerHour() * forecast.hours();
            delta = delta.add(
                    BigDecimal.valueOf(exposure.gamma() * expectedMove).setScale(BASE_SCALE, RoundingMode.HALF_EVEN));
        }
        return settings.hedgeRatio().multiply(delta).negate();
    }

    /** The band in base units for this trigger. */
    public BigDecimal band(HedgeTrigger trigger, VaultExposure exposure, VolatilityForecast forecast) {
        BigDecimal price = exposure.price();
        BigDecimal outer = settings.band().multiply(exposure.vaultValue()).divide(price, MC);
        BigDecimal inner = settings.innerBand().multiply(exposure.vaultValue()).divide(price, MC);
        if (trigger.usesInnerBand()) {
            return inner;
        }
        if (settings.gammaAware() && forecast != null) {
            // Delta drifts by about |gamma| × P × sigma × sqrt(h) over the horizon: no need to trade tighter than
            // that drift, never wider than the configured band.
            double drift = Math.abs(exposure.gamma())
                    * price.doubleValue()
                    * forecast.sigmaPerSqrtHour()
                    * Math.sqrt(forecast.hours())
                    * settings.hedgeRatio().doubleValue();
            BigDecimal gammaBand = BigDecimal.valueOf(drift).setScale(BASE_SCALE, RoundingMode.HALF_EVEN);
            return gammaBand.max(inner).min(outer);
        }
        return outer;
    }

    public HedgePlan plan(HedgeTrigger trigger, HedgeSituation situation) {
        VaultExposure exposure = situation.exposure();
        VolatilityForecast forecast = situation.forecast();
        BigDecimal target = target(exposure, forecast);
        BigDecimal position = situation.totalPosition();
        BigDecimal band = band(trigger, exposure, forecast);
        BigDecimal deviation = position.subtract(target);
        boolean othersHeld = situation.consolidate()
                && situation.positions().entrySet().stream()
                        .anyMatch(e -> !e.getKey().equals(situation.activeVenue())
                                && e.getValue().signum() != 0);
        if (deviation.abs().compareTo(band) <= 0 && !othersHeld) {
            return new HedgePlan(trigger, target, position, band, List.of(), "within band");
        }

        String vault = exposure.vault();
        String market = exposure.market();
        BigDecimal price = exposure.price();
        List<HedgeOrder> orders = new ArrayList<>();
        BigDecimal othersRemaining = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> held : situation.positions().entrySet()) {
            String venue = held.getKey();
            if (venue.equals(situation.activeVenue())) {
                continue;
            }
            BigDecimal size = held.getValue();
            Instrument instrument = situation.instruments().get(venue);
            if (situation.consolidate() && size.signum() != 0 && instrument != null) {
                BigDecimal closeSize = cappedSize(size.abs(), instrument, price);
                if (closeSize.signum() > 0) {
                    Side side = size.signum() > 0 ? Side.SELL : Side.BUY;
                    orders.add(new HedgeOrder(
                            venue,
                            order(trigger, vault, "close-" + venue, market, side, closeSize, true, instrument, price)));
                    size = size.add(HedgeVenue.signed(side, closeSize));
                }
            }
            othersRemaining = othersRemaining.add(size);
        }

        BigDecimal activePosition = situation.positionOn(situation.activeVenue());
        BigDecimal trade = target.subtract(othersRemaining).subtract(activePosition);
        Instrument instrument = situation.instruments().get(situation.activeVenue());
        BigDecimal size = cappedSize(trade.abs(), instrument, price);
        String reason;
        if (size.signum() > 0 && size.multiply(price).compareTo(instrument.minNotional()) >= 0) {
            Side side = trade.signum() > 0 ? Side.BUY : Side.SELL;
            BigDecimal after = activePosition.add(HedgeVenue.signed(side, size));
            boolean reduceOnly = activePosition.signum() != 0
                    && after.abs().compareTo(activePosition.abs()) < 0
                    && after.signum() * activePosition.signum() >= 0;
            orders.add(new HedgeOrder(
                    situation.activeVenue(),
                    order(trigger, vault, "hedge", market, side, size, reduceOnly, instrument, price)));
            reason = "deviation " + deviation.stripTrailingZeros().toPlainString() + " beyond band "
                    + band.round(new MathContext(6)).toPlainString();
        } else {
            reason = "remaining trade below lot size or minimum notional";
        }
        return new HedgePlan(trigger, target, position, band, orders, reason);
    }

    /** The size to trade: at most what is wanted and what the order notional limit allows, in whole lots. */
    private BigDecimal cappedSize(BigDecimal wanted, Instrument instrument, BigDecimal price) {
        BigDecimal worstPrice = price.multiply(BigDecimal.ONE.add(settings.maxSlippage()));
        BigDecimal cap = maxOrderNotional.divide(worstPrice, MC);
        return instrument.roundSizeDown(wanted.min(cap));
    }

    private OrderRequest order(
            HedgeTrigger trigger,
            String vault,
            String leg,
            String market,
            Side side,
            BigDecimal size,
            boolean reduceOnly,
            Instrument instrument,
            BigDecimal price) {
        BigDecimal limit = side == Side.BUY
                ? instrument.roundPrice(price.multiply(BigDecimal.ONE.add(settings.maxSlippage())), RoundingMode.DOWN)
                : instrument.roundPrice(
                        price.multiply(BigDecimal.ONE.subtract(settings.maxSlippage())), RoundingMode.UP);
        return new OrderRequest(
                market,
                side,
                size,
                limit,
                OrderType.MARKET_IOC,
                reduceOnly,
                ClientOrderId.of(trigger.decisionId(vault, leg)));
    }
}
