package io.yielddelta.keeper.core.hedge;

import io.yielddelta.keeper.core.vault.VaultState;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.MarkPrice;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one vault hedged (live, in the sandbox and in backtests) through keeper-core's {@link HedgeExecutor}: the vault's holdings as last read from the chain,
 * revalued at every mark from the venue's stream (a mark trigger), and a rebalance trigger whenever a chain read shows
 * the vault's range or liquidity changed. The decisions are all the executor's; this class only feeds it.
 */
public final class VaultHedger implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VaultHedger.class);

    /**
     * @param market       the venue's market of the vault's base asset
     * @param baseIsToken0 whether the base asset is the pool's token0
     */
    public record Spec(String vault, String market, boolean baseIsToken0, int decimals0, int decimals1) {}

    /** Told of every hedge pass: the exposure it hedged and what it did (metrics, the dashboard). */
    @FunctionalInterface
    public interface Passes {
        void pass(VaultExposure exposure, HedgeResult result);
    }

    /** The hedge has not worked since {@code since}: every pass since then failed, the last one because of {@code why}. */
    public record Failing(Instant since, String why) {}

    private final Spec spec;
    private final HedgeExecutor executor;
    private final Clock clock;
    private final Passes passes;
    private final AtomicLong marks = new AtomicLong();
    private final HedgeVenue.Subscription subscription;
    private volatile VaultHoldings holdings;
    private volatile BigDecimal lastMark;
    private volatile Failing failing;

    /**
     * Subscribes to {@code markSource}'s marks of the spec's market at once.
     *
     * @param passes told of every hedge pass's result (metrics)
     */
    public VaultHedger(
            Spec spec, HedgeExecutor executor, HedgeVenue markSource, Clock clock, Consumer<HedgeResult> passes) {
        this(spec, executor, markSource, clock, (exposure, result) -> passes.accept(result));
    }

    /** As the other constructor; {@code passes} also sees the exposure each pass hedged. */
    public VaultHedger(Spec spec, HedgeExecutor executor, HedgeVenue markSource, Clock clock, Passes passes) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.passes = Objects.requireNonNull(passes, "passes");
        this.subscription = markSource.subscribeMarkPrices(spec.market(), this::onMark);
    }

    /**
     * Takes a fresh chain read of the vault; if its range or liquidity moved (a rebalance, a deposit, a withdrawal),
     * hedges at once with a rebalance trigger named {@code triggerId}.
     */
    public HedgeResult refresh(VaultState state, String triggerId) {
        VaultHoldings fresh =
                VaultHoldings.of(state, spec.market(), spec.baseIsToken0(), spec.decimals0(), spec.decimals1());
        VaultHoldings previous = holdings;
        holdings = fresh;
        if (lastMark == null || (previous != null && previous.position().equals(fresh.position()))) {
            return null;
        }
        return hedge(HedgeTrigger.rebalance(triggerId), lastMark);
    }

    private void onMark(MarkPrice mark) {
        lastMark = mark.mark();
        if (holdings != null) {
            // The mark's time keeps trigger ids, and so client ids, fresh across restarts; +1 keeps them unique.
            long sequence = marks.updateAndGet(
                    previous -> Math.max(previous + 1, mark.time().toEpochMilli()));
            hedge(HedgeTrigger.mark(sequence), mark.mark());
        }
    }

    private HedgeResult hedge(HedgeTrigger trigger, BigDecimal price) {
        HedgeResult result;
        VaultExposure exposure;
        try {
            exposure = holdings.exposureAt(price);
            result = executor.hedge(trigger, exposure, null);
        } catch (RuntimeException e) {
            // The next mark tries again; the executor has journaled whatever it knows.
            log.warn("hedge of vault {} on {} failed: {}", spec.vault(), trigger, e.toString());
            failed(e.toString());
            return null;
        }
        switch (result.status()) {
            case FAILED, UNKNOWN_OUTCOME -> failed(result.detail());
            // An order in flight is neither: it resolves, or its reconciliation fails the next pass.
            case WAITING_FOR_IN_FLIGHT -> {}
            // A risk refusal is the hedge working as configured; the trading state says the rest.
            case NOTHING_TO_DO, PLACED, ALREADY_DECIDED, BLOCKED -> failing = null;
        }
        passes.pass(exposure, result);
        return result;
    }

    private void failed(String why) {
        Failing current = failing;
        failing = new Failing(current == null ? clock.instant() : current.since(), why);
    }

    /** Present while every hedge pass since {@link Failing#since()} failed. */
    public Optional<Failing> failing() {
        return Optional.ofNullable(failing);
    }

    /** The vault's holdings as last read, or null before the first read. */
    public VaultHoldings holdings() {
        return holdings;
    }

    @Override
    public void close() throws Exception {
        subscription.close();
    }
}
