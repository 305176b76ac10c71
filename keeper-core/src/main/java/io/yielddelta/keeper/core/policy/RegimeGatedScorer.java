package io.yielddelta.keeper.core.policy;

import io.yielddelta.keeper.core.observation.FeeLvr;
import io.yielddelta.keeper.core.observation.ObservationHistory;
import io.yielddelta.keeper.core.vault.VaultState;
import java.time.Duration;
import java.util.Locale;

/**
 * Provide liquidity only while it pays: the regime-gated rule. From the pool's last {@code trailingHours} hours it
 * takes fees over LVR ({@link FeeLvr}); a vault out of the pool enters when that ratio exceeds {@code enterAbove}, a
 * vault in it leaves when the ratio falls below {@code leaveBelow} (the gap between them keeps it from paying a
 * rebalance each way on noise). The range, when it provides, is the width scorer's. With less history than the window
 * (a fresh start, a daemon with no hourly reads yet) it does not act on no evidence: a vault keeps providing or keeps
 * idle, and the score's model says why.
 */
public final class RegimeGatedScorer implements RangeScorer {

    /** Chosen on 2022-01 → 2023-12 ETH only (docs/models.md, "policy"); 2024 was not looked at to choose them. */
    public static final Thresholds TRAINED = new Thresholds(3.0, 1.5, 3);

    /**
     * @param enterAbove    fees/LVR above which an idle vault enters the pool
     * @param leaveBelow    fees/LVR below which an invested vault leaves it; at most {@code enterAbove}
     * @param trailingHours the window of hours the ratio is taken over
     */
    public record Thresholds(double enterAbove, double leaveBelow, int trailingHours) {
        public Thresholds {
            if (!(leaveBelow >= 0) || !(enterAbove >= leaveBelow) || Double.isInfinite(enterAbove)) {
                throw new IllegalArgumentException("need 0 <= leaveBelow <= enterAbove (finite), was enter "
                        + enterAbove + ", leave " + leaveBelow);
            }
            if (trailingHours < 1) {
                throw new IllegalArgumentException("trailingHours must be at least 1, was " + trailingHours);
            }
        }
    }

    static final String MODEL = "regime-gated";

    private final ObservationHistory history;
    private final RangeScorer width;
    private final Thresholds thresholds;

    /** @param width the scorer that chooses the range while the vault provides; shown every state either way */
    public RegimeGatedScorer(ObservationHistory history, RangeScorer width, Thresholds thresholds) {
        this.history = history;
        this.width = width;
        this.thresholds = thresholds;
    }

    @Override
    public RangeScore score(VaultState state, Duration horizon) {
        RangeScore range = width.score(state, horizon);
        var rows = history.recent(state.address(), thresholds.trailingHours());
        double ratio = FeeLvr.ratio(rows);
        if (rows.size() < thresholds.trailingHours() || Double.isNaN(ratio)) {
            return new RangeScore(
                    range.centreTick(),
                    range.sigmaTicks(),
                    MODEL + " (" + rows.size() + " h of history: keeps " + (state.invested() ? "providing" : "idle")
                            + ")",
                    state.invested());
        }
        boolean provide = state.invested() ? ratio >= thresholds.leaveBelow() : ratio > thresholds.enterAbove();
        return new RangeScore(
                range.centreTick(),
                range.sigmaTicks(),
                String.format(Locale.ROOT, "%s fees/LVR %.2f over %d h", MODEL, ratio, thresholds.trailingHours()),
                provide);
    }
}
