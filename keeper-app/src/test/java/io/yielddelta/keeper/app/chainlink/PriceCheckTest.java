package io.yielddelta.keeper.app.chainlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PriceCheckTest {
    private static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");
    /** WETH (18 decimals) is token0, USDC (6) token1; the feed is ETH/USD with 8 decimals. */
    private static final FeedSettings WETH_USDC =
            new FeedSettings("0xFEED000000000000000000000000000000000001", true, 18, 6, Duration.ofHours(1), 200);
    /** Tick -198080 is 2,499.91 USDC per WETH (raw 2.5e-9 token1 per token0, to 0.01 %). */
    private static final int TICK_2500 = -198_080;

    @Test
    void thePoolsRawPriceIsTheBaseTokensPriceInWholeTokensEitherWayRound() {
        assertThat(PriceCheck.basePrice(TICK_2500, WETH_USDC).doubleValue()).isCloseTo(2500.0, offsetOf(0.0002));
        // the same pool with the tokens the other way round: USDC token0 (6), WETH token1 (18), feed on token1
        FeedSettings usdcFirst = new FeedSettings("0xfeed", false, 6, 18, Duration.ofHours(1), 200);
        assertThat(PriceCheck.basePrice(-TICK_2500, usdcFirst).doubleValue()).isCloseTo(2500.0, offsetOf(0.0002));
    }

    @Test
    void agreeingPricesPassAndTheVerdictNamesAllThree() {
        PriceCheck.Verdict verdict = PriceCheck.check(
                WETH_USDC, TICK_2500, round("2510", NOW.minusSeconds(30)), Optional.of(new BigDecimal("2505.5")));
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.summary())
                .contains(
                        "pool TWAP 2499.91",
                        "Chainlink 2510.00",
                        "updated 30 s ago",
                        "venue mark 2505.50",
                        "bound 200 bps");
    }

    @Test
    void aFeedOffThePoolBeyondTheBoundRefuses() {
        PriceCheck.Verdict verdict =
                PriceCheck.check(WETH_USDC, TICK_2500, round("2300", NOW.minusSeconds(30)), Optional.empty());
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.summary()).contains("Chainlink 2300.00", "venue mark none", "they disagree", "spread 8");
    }

    @Test
    void aVenueMarkOffBothRefusesEvenWhenPoolAndFeedAgree() {
        PriceCheck.Verdict verdict = PriceCheck.check(
                WETH_USDC, TICK_2500, round("2500", NOW.minusSeconds(30)), Optional.of(new BigDecimal("2600")));
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.summary()).contains("venue mark 2600.00", "they disagree");
    }

    @Test
    void aStaleFeedRefusesWhateverItSays() {
        PriceCheck.Verdict verdict = PriceCheck.check(
                WETH_USDC, TICK_2500, round("2500", NOW.minus(Duration.ofMinutes(61))), Optional.empty());
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.summary()).contains("updated 3660 s ago", "stale (bound 3600 s)");
        assertThat(PriceCheck.check(
                                WETH_USDC,
                                TICK_2500,
                                round("2500", NOW.minus(Duration.ofMinutes(60))),
                                Optional.empty())
                        .passed())
                .isTrue();
    }

    @Test
    void aNonPositiveOrIncompleteAnswerIsNoPrice() {
        assertThat(PriceCheck.check(WETH_USDC, TICK_2500, round("0", NOW), Optional.empty())
                        .summary())
                .endsWith("the feed's answer is not a price");
        assertThat(PriceCheck.check(WETH_USDC, TICK_2500, round("2500", Instant.EPOCH), Optional.empty())
                        .passed())
                .isFalse();
    }

    private static FeedRound round(String price, Instant updatedAt) {
        BigInteger answer = new BigDecimal(price).movePointRight(8).toBigIntegerExact();
        return new FeedRound("0xfeed", BigInteger.valueOf(7), answer, updatedAt, 8, NOW);
    }

    private static org.assertj.core.data.Offset<Double> offsetOf(double relative) {
        return org.assertj.core.data.Offset.offset(2500.0 * relative);
    }
}
