package io.yielddelta.keeper.core.backtest;

import io.yielddelta.keeper.core.clmm.LiquidityAmounts;
import io.yielddelta.keeper.core.clmm.TickMath;
import io.yielddelta.keeper.core.clmm.TokenAmounts;
import io.yielddelta.keeper.core.vault.Range;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one {@code keeper backtest} produced: every vault with its side-by-side runs, the models and parameters the
 * simulation assumed (fee income, path, costs), the data gaps it carried across, and the hours whose funding came from
 * a configured rate, so the report can state them.
 *
 * @param feeCarriedHours hours whose fee model calibration was carried from nearby days (the pool history does not
 *                        cover them)
 */
public record BacktestResult(
        Instant from,
        Instant to,
        Map<String, String> assumptions,
        List<VaultResult> vaults,
        List<Gap> gaps,
        List<FundingFallback> fundingFallbacks,
        long feeCarriedHours) {

    /** One vault: its kind (CONCENTRATED_LIQUIDITY, DELTA_NEUTRAL, ARBITRAGE) and one run per {@link Variant}. */
    public record VaultResult(String name, String kind, Map<Variant, Run> runs) {
        public Run strategy() {
            return runs.get(Variant.STRATEGY);
        }
    }

    /**
     * @param metrics     the whole run
     * @param years       the same metrics per calendar year (UTC), each of its own period and starting capital
     * @param attribution the whole run's P&amp;L by source, quote units
     * @param end         what the run held at the end, for checking the attribution against
     * @param daily       each UTC day's P&amp;L, for bootstraps
     */
    public record Run(
            VaultMetrics metrics,
            Map<Integer, VaultMetrics> years,
            Attribution attribution,
            EndState end,
            Daily daily,
            List<HourSample> samples) {}

    /** Each UTC day's net P&amp;L and edge (fees less LVR and rebalance costs), quote units, in day order. */
    public record Daily(List<Double> net, List<Double> edge) {}

    /**
     * A run's P&amp;L by source, cumulative, in quote units; costs negative. The lines add up to {@link #net}.
     *
     * @param hodl           what the starting tokens, held, made from the price
     * @param direction      price P&amp;L of the pool side holding another delta than HODL
     * @param fees           pool fees, valued when they accrued
     * @param lvr            loss-versus-rebalancing of the position along the price path
     * @param rebalanceSwaps what rebalances lost at the market price: swap fee, price impact, arbitrage back
     * @param hedgePnl       the hedge's price P&amp;L at the marks
     * @param funding        funding received (negative: paid)
     */
    public record Attribution(
            double hodl,
            double direction,
            double fees,
            double lvr,
            double rebalanceSwaps,
            double gas,
            double hedgePnl,
            double hedgeSlippage,
            double hedgeTradingFees,
            double funding) {
        public double net() {
            return hodl
                    + direction
                    + fees
                    + lvr
                    + rebalanceSwaps
                    + gas
                    + hedgePnl
                    + hedgeSlippage
                    + hedgeTradingFees
                    + funding;
        }

        /** Fees less LVR and rebalance costs (swaps and gas). */
        public double edge() {
            return fees + lvr + rebalanceSwaps + gas;
        }
    }

    /**
     * What a run holds at its end, read from its state (not from its P&amp;L lines): the position, the idle and owed
     * token amounts in token units, the venue accounts' values. Its value at {@code price}, less the gas spent, less
     * the starting capital, is what the attribution must add up to.
     *
     * @param price       the market price at the end
     * @param range       the position's range; empty when nothing is placed
     * @param venueValues each hedge venue account's value, collateral included
     */
    public record EndState(
            BigDecimal price,
            BigInteger liquidity,
            Optional<Range> range,
            BigInteger idle0,
            BigInteger idle1,
            BigInteger owed0,
            BigInteger owed1,
            List<BigDecimal> venueValues,
            double capital,
            double gas) {

        /**
         * Everything held, valued at {@link #price} in quote units: the position's token amounts by the exact pool
         * math (as a burn at that price would return them), idle tokens, fees owed and the venue accounts.
         */
        public BigDecimal value(int baseDecimals, int quoteDecimals) {
            BigInteger sqrtPrice = price.movePointRight(quoteDecimals - baseDecimals)
                    .sqrt(new MathContext(60))
                    .multiply(new BigDecimal(BigInteger.TWO.pow(96)))
                    .toBigInteger();
            TokenAmounts position = range.map(r -> LiquidityAmounts.getAmountsForLiquidity(
                            sqrtPrice,
                            TickMath.getSqrtRatioAtTick(r.tickLower()),
                            TickMath.getSqrtRatioAtTick(r.tickUpper()),
                            liquidity))
                    .orElse(TokenAmounts.ZERO);
            BigDecimal base = new BigDecimal(position.amount0().add(idle0).add(owed0)).movePointLeft(baseDecimals);
            BigDecimal quote = new BigDecimal(position.amount1().add(idle1).add(owed1)).movePointLeft(quoteDecimals);
            return base.multiply(price).add(quote).add(venueValues.stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        }
    }

    /** Hours missing from the market history: no trading and no fees; the price jumped at {@code to}. */
    public record Gap(Instant from, Instant to, long hours) {}

    /** Hours for which no funding history covers a venue: it charged its configured rate. */
    public record FundingFallback(String venue, Instant from, Instant to, long hours) {}
}
