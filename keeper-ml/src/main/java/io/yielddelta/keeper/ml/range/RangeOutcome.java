package io.yielddelta.keeper.ml.range;

import io.yielddelta.keeper.ml.model.Fallback;

/**
 * What holding a range over the horizon is expected to bring, each as a fraction of the position's starting value.
 *
 * @param lvr             loss versus rebalancing (not negative)
 * @param impermanentLoss value against holding the starting amounts (not positive)
 * @param fees            fee income (not negative)
 * @param source          the model (name and version) or "closed-form"
 * @param fallback        why the model was not used, or {@code null}
 */
public record RangeOutcome(double lvr, double impermanentLoss, double fees, String source, Fallback fallback) {

    static final String CLOSED_FORM = "closed-form";

    /**
     * The closed form: LVR = σ²/8 × concentration × horizon, as long as the price stays in the range; its expected
     * impermanent loss is −LVR (with no drift, holding and rebalancing have the same expected value); fees = the
     * full-range yield × concentration × horizon.
     */
    public static RangeOutcome closedForm(RangeQuery q, Fallback fallback) {
        double c = q.concentration();
        double lvr = q.variancePerHour() / 8 * c * q.horizonHours();
        return new RangeOutcome(lvr, -lvr, q.feeYieldPerHour() * c * q.horizonHours(), CLOSED_FORM, fallback);
    }

    /** Fees less LVR: the range's expected edge over the horizon. */
    public double edge() {
        return fees - lvr;
    }
}
