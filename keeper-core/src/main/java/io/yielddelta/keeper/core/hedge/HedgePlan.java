package io.yielddelta.keeper.core.hedge;

import java.math.BigDecimal;
import java.util.List;

/**
 * A hedge decision: the figures it was taken on (base units) and the orders, in the order they must be sent; empty
 * when the hedge is within its band or what is missing is below the venue's minimum.
 */
public record HedgePlan(
        HedgeTrigger trigger,
        BigDecimal target,
        BigDecimal position,
        BigDecimal band,
        List<HedgeOrder> orders,
        String reason) {

    public HedgePlan {
        orders = List.copyOf(orders);
    }

    /** position − target: positive when the hedge is too long (too little short). */
    public BigDecimal deviation() {
        return position.subtract(target);
    }

    public boolean trades() {
        return !orders.isEmpty();
    }
}
