package io.yielddelta.keeper.core.policy;

import io.yielddelta.keeper.core.vault.VaultState;
import java.time.Duration;

/**
 * Scores where a vault's pool is heading: the seam the ONNX models (keeper-ml) plug into. Called once per vault per
 * cycle, in fire-time order, so an implementation may learn from the states it is shown.
 */
public interface RangeScorer {

    /** @param horizon how far ahead the range should hold (the policy's maximum range age) */
    RangeScore score(VaultState state, Duration horizon);
}
