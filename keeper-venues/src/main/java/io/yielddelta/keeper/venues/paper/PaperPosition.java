package io.yielddelta.keeper.venues.paper;

import java.math.BigDecimal;

/** One market's position on the paper venue: signed size, average entry, funding paid. */
final class PaperPosition {

    BigDecimal size = BigDecimal.ZERO;
    BigDecimal entry = BigDecimal.ZERO;
    BigDecimal fundingPaid = BigDecimal.ZERO;

    /** Applies a trade of signed size at price; returns the P&amp;L it realises. */
    BigDecimal trade(BigDecimal signedSize, BigDecimal price) {
        BigDecimal after = size.add(signedSize);
        BigDecimal realised = BigDecimal.ZERO;
        if (size.signum() == 0 || size.signum() == signedSize.signum()) {
            entry = size.multiply(entry).add(signedSize.multiply(price)).divide(after, PaperAccount.PRICE_MATH);
        } else {
            BigDecimal closed = signedSize.abs().min(size.abs());
            realised = price.subtract(entry).multiply(closed).multiply(BigDecimal.valueOf(size.signum()));
            if (after.signum() == 0) {
                entry = BigDecimal.ZERO;
            } else if (after.signum() != size.signum()) {
                entry = price; // flipped: the remainder opened at this price
            }
        }
        size = after;
        return realised;
    }

    BigDecimal unrealised(BigDecimal mark) {
        return mark.subtract(entry).multiply(size);
    }
}
