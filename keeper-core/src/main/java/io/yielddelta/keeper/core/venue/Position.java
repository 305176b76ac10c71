package io.yielddelta.keeper.core.venue;

import java.math.BigDecimal;

/**
 * An open perpetual position. {@code size} is signed (positive = long); {@code liquidationPrice} is null where the
 * venue reports none (for example no risk of liquidation at the current margin).
 */
public record Position(
        String market,
        BigDecimal size,
        BigDecimal entryPrice,
        BigDecimal liquidationPrice,
        BigDecimal unrealizedPnl,
        int leverage) {}
