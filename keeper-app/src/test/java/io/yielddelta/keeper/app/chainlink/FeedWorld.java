package io.yielddelta.keeper.app.chainlink;

import io.yielddelta.keeper.contracts.devchain.DevChain;
import io.yielddelta.keeper.contracts.devchain.DevFeeds;
import io.yielddelta.keeper.contracts.devchain.DevVaults;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.contracts.generated.MockV3Aggregator;
import io.yielddelta.keeper.contracts.generated.UniswapV3Pool;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * A funded YieldDeltaVault on a WETH/USDC 0.30 % pool at 2,500 USDC per WETH (WETH 18 decimals, USDC 6), with a TWAP
 * window's history, and Chainlink's MockV3Aggregator as its ETH/USD feed (8 decimals) answering 2,500.
 */
public final class FeedWorld {
    public static final int TWAP_WINDOW = 300;

    public final DevChain chain;
    public final UniswapV3Stack uniswap;
    public final UniswapV3Pool pool;
    public final YieldDeltaVault vault;
    public final MockV3Aggregator feed;
    public final Credentials keeper;
    public final Credentials aiOracle;
    public final boolean wethIsToken0;

    public FeedWorld(DevChain chain, UniswapV3Stack uniswap) throws Exception {
        this.chain = chain;
        this.uniswap = uniswap;
        this.keeper = chain.account(3);
        this.aiOracle = chain.account(6);
        String weth = uniswap.deployToken("Wrapped Ether", "WETH", 18).getContractAddress();
        String usdc = uniswap.deployToken("USD Coin", "USDC", 6).getContractAddress();
        wethIsToken0 = new BigInteger(weth.substring(2), 16).compareTo(new BigInteger(usdc.substring(2), 16)) < 0;
        BigDecimal price = new BigDecimal("2500");
        pool = uniswap.createPool(
                weth,
                usdc,
                3000,
                wethIsToken0
                        ? UniswapV3Stack.sqrtPriceX96(price, 18, 6)
                        : UniswapV3Stack.sqrtPriceX96(BigDecimal.ONE.divide(price), 6, 18));
        DevVaults.growOracle(pool, TWAP_WINDOW + 1);
        Credentials lp = chain.account(1);
        BigInteger wethAmount = BigInteger.TEN.pow(21);
        BigInteger usdcAmount = BigInteger.valueOf(2_500_000).multiply(BigInteger.TEN.pow(6));
        uniswap.fund(pool.token0().send(), lp, BigInteger.TEN.pow(30), uniswap.positionManager());
        uniswap.fund(pool.token1().send(), lp, BigInteger.TEN.pow(30), uniswap.positionManager());
        int centre = Math.floorDiv(pool.slot0().send().component2().intValueExact(), 60) * 60;
        uniswap.mintPosition(
                lp,
                pool,
                centre - 6000,
                centre + 6000,
                wethIsToken0 ? wethAmount : usdcAmount,
                wethIsToken0 ? usdcAmount : wethAmount);
        vault = DevVaults.deploy(
                chain,
                chain.account(0),
                pool,
                keeper.getAddress(),
                aiOracle.getAddress(),
                DevVaults.parameters(900, TWAP_WINDOW, 100, 2000, 2000, 100, 300),
                centre - 1200,
                centre + 1200);
        BigInteger depositWeth = BigInteger.TEN.pow(19);
        BigInteger depositUsdc = BigInteger.valueOf(25_000).multiply(BigInteger.TEN.pow(6));
        DevVaults.deposit(
                uniswap,
                vault,
                chain.account(4),
                wethIsToken0 ? depositWeth : depositUsdc,
                wethIsToken0 ? depositUsdc : depositWeth);
        chain.increaseTime(2L * TWAP_WINDOW);
        chain.mine();
        feed = DevFeeds.deploy(chain, chain.account(0), 8, price);
    }

    /** The vault's feed settings: ETH/USD prices WETH; stale after {@code maxAge}; prices within the bound. */
    public FeedSettings feedSettings(Duration maxAge, int maxDeviationBps) {
        return new FeedSettings(
                feed.getContractAddress(),
                wethIsToken0,
                wethIsToken0 ? 18 : 6,
                wethIsToken0 ? 6 : 18,
                maxAge,
                maxDeviationBps);
    }

    /** The pool's centre tick, rounded down to the tick spacing. */
    public int centreTick() throws Exception {
        return Math.floorDiv(pool.slot0().send().component2().intValueExact(), 60) * 60;
    }

    public Instant blockTime() throws IOException {
        return Instant.ofEpochSecond(chain.web3j()
                .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                .send()
                .getBlock()
                .getTimestamp()
                .longValueExact());
    }
}
