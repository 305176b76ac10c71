package io.yielddelta.keeper.core.backtest;

import java.math.BigInteger;

/**
 * Fee income the simulated pool cannot produce by itself: the pool trades far more than the swaps that move its price
 * from one hour to the next. Each hour the pool is taken to trade {@code dexVolumeRatio} × the market's quote volume;
 * the vault earns the pool fee on that volume in proportion to its share of the active liquidity, against
 * {@code backgroundLiquidity} from other LPs (a real full-range position in the simulated pool, so the hourly price
 * moves trade against it too).
 *
 * <p>The defaults come from the one day of real pool data in {@code shared/data/uniswap-v3} (Ethereum ETH/USDC 0.05 %,
 * 2024-01-05): the pool traded 0.271 × Binance's ETHUSDT quote volume that day, with a median active liquidity of
 * 1.165e19.
 */
public record FeeModel(double dexVolumeRatio, BigInteger backgroundLiquidity) {
    public static final FeeModel ETH_USDC_2024_01_05 = new FeeModel(0.271, new BigInteger("11650000000000000000"));

    public FeeModel {
        if (!(dexVolumeRatio >= 0) || Double.isInfinite(dexVolumeRatio)) {
            throw new IllegalArgumentException("dexVolumeRatio must be a non-negative number, was " + dexVolumeRatio);
        }
        if (backgroundLiquidity.signum() < 0) {
            throw new IllegalArgumentException("backgroundLiquidity must not be negative");
        }
    }

    /** The vault's fee income for one step, in quote units, given the pool volume the step's price move already made. */
    double vaultFees(double marketQuoteVolume, double priceMoveVolume, int feePips, BigInteger vaultActiveLiquidity) {
        if (vaultActiveLiquidity.signum() == 0) {
            return 0;
        }
        double volume = Math.max(0, dexVolumeRatio * marketQuoteVolume - priceMoveVolume);
        double share = vaultActiveLiquidity.doubleValue() / (vaultActiveLiquidity.doubleValue() + backgroundLiquidity.doubleValue());
        return volume * feePips / 1_000_000.0 * share;
    }

    public String describe(int feePips) {
        return String.format(java.util.Locale.ROOT,
                "hourly pool volume = %.3f × market quote volume (less the price-moving swap's own volume); the vault "
                        + "earns the %.2f %% fee on it pro rata to its share of active liquidity, against %s of other "
                        + "LPs' liquidity (calibrated on Ethereum ETH/USDC 0.05 %%, 2024-01-05)",
                dexVolumeRatio, feePips / 10_000.0, backgroundLiquidity);
    }
}
