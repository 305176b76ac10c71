package io.yielddelta.keeper.venues.paper;

import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.Margin;
import io.yielddelta.keeper.core.venue.MarkPrice;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.Side;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paper venue's account: collateral, the positions trades and funding move, fees and slippage paid, leverage,
 * and the margin rule. Account value = collateral + realised P&amp;L − fees ± funding + unrealised P&amp;L at the
 * marks. Not thread-safe: the venue holds its lock around every call.
 */
final class PaperAccount {

    static final MathContext PRICE_MATH = MathContext.DECIMAL64;
    static final BigDecimal BPS = new BigDecimal("0.0001");

    private final String venue;
    private final PaperConfig config;
    private final FundingRates fundingRates;
    private final Map<String, Instrument> instruments;
    private final Map<String, MarkPrice> marks;
    private final Map<String, PaperPosition> positions = new LinkedHashMap<>();
    private final Map<String, Integer> leverage = new LinkedHashMap<>();
    private BigDecimal cash;
    private BigDecimal feesPaid = BigDecimal.ZERO;
    private BigDecimal slippagePaid = BigDecimal.ZERO;

    /** @param marks the venue's current marks, read as they change */
    PaperAccount(
            String venue,
            PaperConfig config,
            FundingRates fundingRates,
            Map<String, Instrument> instruments,
            Map<String, MarkPrice> marks) {
        this.venue = venue;
        this.config = config;
        this.fundingRates = fundingRates;
        this.instruments = instruments;
        this.marks = marks;
        this.cash = config.collateral();
    }

    PaperPosition position(String market) {
        return positions.computeIfAbsent(market, m -> new PaperPosition());
    }

    /** A fill of {@code size} at {@code price}: the position moves, the P&amp;L it realises and the fee are booked. */
    BigDecimal trade(String market, Side side, BigDecimal size, BigDecimal price, BigDecimal feeBps) {
        BigDecimal fee = size.multiply(price).multiply(feeBps).multiply(BPS);
        feesPaid = feesPaid.add(fee);
        cash = cash.subtract(fee).add(position(market).trade(HedgeVenue.signed(side, size), price));
        return fee;
    }

    void paySlippage(BigDecimal amount) {
        slippagePaid = slippagePaid.add(amount);
    }

    /** At a whole hour each position pays size × mark × the hour's rate (positive: longs pay, shorts receive). */
    void chargeFunding(Instant hour) {
        for (Map.Entry<String, PaperPosition> entry : positions.entrySet()) {
            PaperPosition position = entry.getValue();
            MarkPrice mark = marks.get(entry.getKey());
            if (position.size.signum() == 0 || mark == null) {
                continue;
            }
            BigDecimal rate = fundingRates.hourlyRate(entry.getKey(), hour);
            if (rate == null || rate.signum() == 0) {
                continue;
            }
            BigDecimal payment = position.size.multiply(mark.mark()).multiply(rate);
            cash = cash.subtract(payment);
            position.fundingPaid = position.fundingPaid.add(payment);
        }
    }

    BigDecimal fundingPaid() {
        return positions.values().stream().map(p -> p.fundingPaid).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal feesPaid() {
        return feesPaid;
    }

    BigDecimal slippagePaid() {
        return slippagePaid;
    }

    /** Exposure after this order (positions and all working orders) must fit in account value × leverage. */
    void checkMargin(OrderRequest request, Collection<PaperOrder> working) {
        BigDecimal required = BigDecimal.ZERO;
        for (String market : instruments.keySet()) {
            MarkPrice m = marks.get(market);
            if (m == null) {
                continue;
            }
            BigDecimal exposure = position(market).size.abs();
            for (PaperOrder o : working) {
                if (o.request.market().equals(market) && !o.request.reduceOnly()) {
                    exposure = exposure.add(o.remaining());
                }
            }
            if (market.equals(request.market())) {
                exposure = exposure.add(request.size());
            }
            required =
                    required.add(exposure.multiply(m.mark()).divide(BigDecimal.valueOf(leverage(market)), PRICE_MATH));
        }
        BigDecimal available = accountValue();
        if (required.compareTo(available) > 0) {
            throw new OrderRejectedException(
                    venue,
                    "insufficient margin: " + request.size().toPlainString() + " "
                            + request.market() + " needs " + required.toPlainString() + " at leverage "
                            + leverage(request.market()) + ", account value is " + available.toPlainString());
        }
    }

    List<Position> positions() {
        List<Position> open = new ArrayList<>();
        positions.forEach((market, position) -> {
            if (position.size.signum() != 0) {
                BigDecimal mark = marks.get(market).mark();
                open.add(new Position(
                        market,
                        position.size,
                        position.entry,
                        liquidationPrice(market, position),
                        position.unrealised(mark),
                        leverage(market)));
            }
        });
        return open;
    }

    Margin margin() {
        BigDecimal value = accountValue();
        BigDecimal used = BigDecimal.ZERO;
        for (Map.Entry<String, PaperPosition> entry : positions.entrySet()) {
            MarkPrice mark = marks.get(entry.getKey());
            if (mark != null) {
                used = used.add(entry.getValue()
                        .size
                        .abs()
                        .multiply(mark.mark())
                        .divide(BigDecimal.valueOf(leverage(entry.getKey())), PRICE_MATH));
            }
        }
        return new Margin(value, used, value.subtract(used).max(BigDecimal.ZERO));
    }

    int leverage(String market) {
        return leverage.getOrDefault(
                market,
                Math.min(config.defaultLeverage(), instruments.get(market).maxLeverage()));
    }

    void setLeverage(String market, int newLeverage) {
        leverage.put(market, newLeverage);
    }

    /**
     * Where the account value would reach zero if only this market's mark moved: a simple, conservative estimate (no
     * maintenance margin), null when no price reaches it.
     */
    private BigDecimal liquidationPrice(String market, PaperPosition position) {
        BigDecimal mark = marks.get(market).mark();
        BigDecimal price = mark.subtract(accountValue().divide(position.size, PRICE_MATH));
        return price.signum() > 0 ? price : null;
    }

    private BigDecimal accountValue() {
        BigDecimal value = cash;
        for (Map.Entry<String, PaperPosition> entry : positions.entrySet()) {
            MarkPrice mark = marks.get(entry.getKey());
            if (mark != null) {
                value = value.add(entry.getValue().unrealised(mark.mark()));
            }
        }
        return value;
    }
}
