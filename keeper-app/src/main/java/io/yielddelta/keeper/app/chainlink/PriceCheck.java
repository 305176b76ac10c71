package io.yielddelta.keeper.app.chainlink;

import io.yielddelta.keeper.core.clmm.TickMath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a pool's TWAP price, its Chainlink feed and (for a hedged vault) the hedge venue's mark agree: the feed must
 * be a positive, complete answer no older than the feed's {@code maxAge}, and the highest of the prices at most
 * {@code maxDeviationBps} above the lowest. Every verdict names all three prices, so a refusal in the log says why.
 */
public final class PriceCheck {

    private static final MathContext MC = new MathContext(34, RoundingMode.HALF_EVEN);
    private static final BigDecimal Q192 = new BigDecimal(BigInteger.ONE.shiftLeft(192));
    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    private PriceCheck() {}

    /** @param passed false when the feed is unusable or the prices spread beyond the bound */
    public record Verdict(boolean passed, String summary) {}

    /**
     * @param twapTick  the vault's TWAP tick (as the contract computes it)
     * @param venueMark the hedge venue's mark of the base asset, if the vault is hedged and a mark is known
     */
    public static Verdict check(FeedSettings settings, int twapTick, FeedRound round, Optional<BigDecimal> venueMark) {
        BigDecimal pool = basePrice(twapTick, settings);
        String prices = "pool TWAP " + format(pool) + ", Chainlink " + describe(round) + ", venue mark "
                + venueMark.map(PriceCheck::format).orElse("none");
        if (round.answer().signum() <= 0 || round.updatedAt().getEpochSecond() == 0) {
            return new Verdict(false, prices + ": the feed's answer is not a price");
        }
        Duration age = Duration.between(round.updatedAt(), round.blockTime());
        if (age.compareTo(settings.maxAge()) > 0) {
            return new Verdict(
                    false,
                    prices + ": the feed is stale (bound " + settings.maxAge().toSeconds() + " s)");
        }
        List<BigDecimal> all = new ArrayList<>(List.of(pool, round.price()));
        venueMark.ifPresent(all::add);
        BigDecimal low = all.stream().min(BigDecimal::compareTo).orElseThrow();
        BigDecimal high = all.stream().max(BigDecimal::compareTo).orElseThrow();
        BigDecimal spreadBps = high.subtract(low).multiply(BPS).divide(low, MC);
        String spread = "spread " + spreadBps.setScale(1, RoundingMode.HALF_UP).toPlainString() + " bps, bound "
                + settings.maxDeviationBps() + " bps";
        return spreadBps.compareTo(BigDecimal.valueOf(settings.maxDeviationBps())) > 0
                ? new Verdict(false, prices + ": they disagree (" + spread + ")")
                : new Verdict(true, prices + ": " + spread);
    }

    /**
     * The pool's price at {@code tick} as the feed quotes it: the base token in the other, whole tokens. The pool's
     * raw price is token1 per token0 in their smallest units, 1.0001^tick (from the exact sqrt ratio).
     */
    static BigDecimal basePrice(int tick, FeedSettings settings) {
        BigDecimal sqrt = new BigDecimal(TickMath.getSqrtRatioAtTick(tick));
        BigDecimal token1PerToken0 = sqrt.multiply(sqrt)
                .divide(Q192, MC)
                .movePointRight(settings.token0Decimals() - settings.token1Decimals());
        return settings.baseIsToken0() ? token1PerToken0 : BigDecimal.ONE.divide(token1PerToken0, MC);
    }

    private static String describe(FeedRound round) {
        long age = Duration.between(round.updatedAt(), round.blockTime()).toSeconds();
        return format(round.price()) + " (round " + round.roundId() + ", updated " + age + " s ago)";
    }

    private static String format(BigDecimal price) {
        return price.compareTo(BigDecimal.ONE) >= 0
                ? price.setScale(2, RoundingMode.HALF_EVEN).toPlainString()
                : price.round(new MathContext(6, RoundingMode.HALF_EVEN)).toPlainString();
    }
}
