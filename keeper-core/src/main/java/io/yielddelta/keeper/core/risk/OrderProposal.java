package io.yielddelta.keeper.core.risk;

import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.OrderRequest;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order with what the risk engine needs to judge it.
 *
 * @param vaultPosition      the vault's hedge in this market before the order, signed base units, all venues
 * @param venuePosition      the position in this market on this venue before the order, signed base units
 * @param venueGrossNotional |size| × mark summed over every position on this venue before the order
 * @param venueAccountValue  the venue account's collateral plus unrealised P&amp;L
 */
public record OrderProposal(
        String vault,
        String venue,
        OrderRequest order,
        BigDecimal markPrice,
        BigDecimal vaultPosition,
        BigDecimal venuePosition,
        BigDecimal venueGrossNotional,
        BigDecimal venueAccountValue) {

    public OrderProposal {
        Objects.requireNonNull(vault, "vault");
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(order, "order");
        if (markPrice == null || markPrice.signum() <= 0) {
            throw new IllegalArgumentException("markPrice must be positive, was " + markPrice);
        }
        Objects.requireNonNull(vaultPosition, "vaultPosition");
        Objects.requireNonNull(venuePosition, "venuePosition");
        Objects.requireNonNull(venueGrossNotional, "venueGrossNotional");
        Objects.requireNonNull(venueAccountValue, "venueAccountValue");
    }

    public BigDecimal signedSize() {
        return HedgeVenue.signed(order.side(), order.size());
    }

    /** The order's value at the worse of mark and limit, so a protective limit cannot hide a larger order. */
    public BigDecimal notional() {
        BigDecimal price =
                order.limitPrice() == null ? markPrice : order.limitPrice().max(markPrice);
        return order.size().multiply(price);
    }

    /** True when the order shrinks this venue's position in the market without flipping it. */
    public boolean reducesExposure() {
        BigDecimal after = venuePosition.add(signedSize());
        return venuePosition.signum() != 0
                && after.abs().compareTo(venuePosition.abs()) < 0
                && (after.signum() == 0 || after.signum() == venuePosition.signum());
    }
}
