/**
 * The rebalance policy and the seam the range scorers plug into ({@link io.yielddelta.keeper.core.policy.RangeScorer});
 * the realised-volatility baseline scorer.
 */
package io.yielddelta.keeper.core.policy;
