package io.yielddelta.keeper.app.sandbox;

import io.yielddelta.keeper.contracts.devchain.DevChain;
import io.yielddelta.keeper.contracts.devchain.DevFeeds;
import io.yielddelta.keeper.contracts.devchain.DevVaults;
import io.yielddelta.keeper.contracts.devchain.UniswapV3Stack;
import io.yielddelta.keeper.contracts.generated.MockV3Aggregator;
import io.yielddelta.keeper.contracts.generated.UniswapV3Pool;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault;
import io.yielddelta.keeper.core.market.HourlyBar;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.tuples.generated.Tuple7;

/**
 * The sandbox's chain: anvil, the Uniswap V3 stack, a WETH/USDC 0.3 % pool with liquidity from one LP, a funded
 * YieldDeltaVault on it, and a trader whose swaps move the pool to each historical price, an hour of chain time each.
 */
final class SandboxWorld implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SandboxWorld.class);
    private static final int FEE = 3000;
    private static final int TICK_SPACING = 60;
    private static final int FULL_RANGE_TICK = 887_220;
    private static final MathContext MC = new MathContext(40);
    private static final BigDecimal Q96 = new BigDecimal(BigInteger.TWO.pow(96));
    private static final BigInteger PLENTY = BigInteger.TEN.pow(40);
    private static final int FEED_DECIMALS = 8;

    private final DevChain chain;
    private final UniswapV3Stack uniswap;
    private final UniswapV3Pool pool;
    private final String weth;
    private final String usdc;
    private final boolean wethIsToken0;
    private final Credentials trader;
    private final CountDownLatch stop = new CountDownLatch(1);
    private YieldDeltaVault vault;
    private MockV3Aggregator feed;

    private SandboxWorld(
            DevChain chain, UniswapV3Stack uniswap, UniswapV3Pool pool, String weth, String usdc, Credentials trader) {
        this.chain = chain;
        this.uniswap = uniswap;
        this.pool = pool;
        this.weth = weth;
        this.usdc = usdc;
        this.wethIsToken0 = sortsFirst(weth, usdc);
        this.trader = trader;
    }

    static SandboxWorld start(BigDecimal ethPrice) {
        log.info("starting anvil (chain id {}) and deploying Uniswap V3 from npm artifacts", DevChain.SEI_CHAIN_ID);
        DevChain chain = DevChain.start();
        try {
            UniswapV3Stack uniswap = UniswapV3Stack.deploy(chain, chain.account(0));
            String weth = uniswap.deployToken("Wrapped Ether", "WETH", 18).getContractAddress();
            String usdc = uniswap.deployToken("USD Coin", "USDC", 6).getContractAddress();
            UniswapV3Pool pool = uniswap.createPool(weth, usdc, FEE, sqrtPriceFor(ethPrice, sortsFirst(weth, usdc)));
            SandboxWorld world = new SandboxWorld(chain, uniswap, pool, weth, usdc, chain.account(2));
            world.provideLiquidity(chain.account(1), ethPrice);
            for (String token : new String[] {weth, usdc}) {
                uniswap.fund(token, world.trader, PLENTY, uniswap.swapRouter());
            }
            world.deployVault(ethPrice);
            world.feed = DevFeeds.deploy(chain, chain.account(0), FEED_DECIMALS, ethPrice);
            return world;
        } catch (RuntimeException e) {
            chain.close();
            throw e;
        }
    }

    /** A concentrated position of ±20 % around the start price, and a full-range one so no price is ever dry. */
    private void provideLiquidity(Credentials lp, BigDecimal ethPrice) {
        for (String token : new String[] {weth, usdc}) {
            uniswap.fund(token, lp, PLENTY, uniswap.positionManager());
        }
        int tick = slot0().component2().intValue();
        int centre = Math.floorDiv(tick, TICK_SPACING) * TICK_SPACING;
        BigInteger wethAmount = BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(1_000));
        BigInteger usdcAmount =
                ethPrice.multiply(BigDecimal.valueOf(1_000)).movePointRight(6).toBigInteger();
        BigInteger amount0 = wethIsToken0 ? wethAmount : usdcAmount;
        BigInteger amount1 = wethIsToken0 ? usdcAmount : wethAmount;
        uniswap.mintPosition(lp, pool, centre - 1_800, centre + 1_800, amount0, amount1);
        uniswap.mintPosition(
                lp,
                pool,
                -FULL_RANGE_TICK,
                FULL_RANGE_TICK,
                amount0.divide(BigInteger.TEN),
                amount1.divide(BigInteger.TEN));
    }

    /**
     * A YieldDeltaVault on the pool holding 10 WETH and their worth in USDC, its keeper and aiOracle two of anvil's
     * accounts. Limits as a production vault would have them for hourly cycles: one rebalance an hour at most, a
     * 10-minute TWAP within 200 ticks of the price.
     */
    private void deployVault(BigDecimal ethPrice) {
        DevVaults.growOracle(pool, 601);
        int tick = slot0().component2().intValue();
        int centre = Math.floorDiv(tick, TICK_SPACING) * TICK_SPACING;
        vault = DevVaults.deploy(
                chain,
                chain.account(0),
                pool,
                keeper().getAddress(),
                aiOracle().getAddress(),
                DevVaults.parameters(3600, 600, 200, 6000, 6000, 100, 300),
                centre - 1200,
                centre + 1200);
        BigInteger wethAmount = BigInteger.TEN.pow(19);
        BigInteger usdcAmount =
                ethPrice.multiply(BigDecimal.TEN).movePointRight(6).toBigInteger();
        DevVaults.deposit(
                uniswap,
                vault,
                chain.account(4),
                wethIsToken0 ? wethAmount : usdcAmount,
                wethIsToken0 ? usdcAmount : wethAmount);
        // History for the vault's TWAP window before the keeper's first look.
        chain.increaseTime(900);
        chain.mine();
    }

    Credentials keeper() {
        return chain.account(3);
    }

    Credentials aiOracle() {
        return chain.account(6);
    }

    String vaultAddress() {
        return vault.getContractAddress();
    }

    /** The vault's ETH/USD Chainlink feed: Chainlink's MockV3Aggregator, answering each replayed hour's close. */
    String feedAddress() {
        return feed.getContractAddress();
    }

    boolean wethIsToken0() {
        return wethIsToken0;
    }

    String poolAddress() {
        return pool.getContractAddress();
    }

    void printAddresses(PrintStream out) {
        var s = slot0();
        out.printf(
                """

                Sandbox chain %s (chain id %d)
                  WETH9                       %s
                  UniswapV3Factory            %s
                  NonfungiblePositionManager  %s
                  SwapRouter                  %s
                  QuoterV2                    %s
                  Multicall3                  %s
                  token WETH (18 decimals)    %s
                  token USDC (6 decimals)     %s
                  pool WETH/USDC 0.30 %%       %s
                    sqrtPriceX96 %s  tick %s  liquidity %s  price %s USDC per WETH
                  YieldDeltaVault             %s
                    keeper %s  aiOracle %s
                  Chainlink ETH/USD feed      %s
                    MockV3Aggregator from @chainlink/contracts, %d decimals, answering each replayed hour's close

                """,
                rpcUrl(),
                chain.chainId(),
                uniswap.weth9(),
                uniswap.factory(),
                uniswap.positionManager(),
                uniswap.swapRouter(),
                uniswap.quoterV2(),
                uniswap.multicall3(),
                weth,
                usdc,
                pool.getContractAddress(),
                s.component1(),
                s.component2(),
                liquidity(),
                poolPrice().setScale(2, RoundingMode.HALF_EVEN),
                vault.getContractAddress(),
                keeper().getAddress(),
                aiOracle().getAddress(),
                feed.getContractAddress(),
                FEED_DECIMALS);
    }

    String rpcUrl() {
        return chain.rpcUrl();
    }

    /** Moves the pool to the bar's close with one swap, logs it, then waits {@code step}; false once stopping. */
    boolean replay(HourlyBar bar, Duration step) {
        if (stop.getCount() == 0) {
            return false;
        }
        BigInteger current = slot0().component1();
        BigInteger target = sqrtPriceFor(bar.close(), wethIsToken0);
        if (!target.equals(current)) {
            boolean zeroForOne = target.compareTo(current) < 0;
            String tokenIn = zeroForOne == wethIsToken0 ? weth : usdc;
            String tokenOut = tokenIn.equals(weth) ? usdc : weth;
            uniswap.swapExactInput(trader, tokenIn, tokenOut, FEE, PLENTY.divide(BigInteger.TEN), target);
        }
        // The chain lives the historical hour: the vault's TWAP and cooldown count in chain time.
        chain.increaseTime(3600);
        chain.mine();
        DevFeeds.update(feed, bar.close());
        log.info(
                "{}  market {}  pool {}  tick {}",
                bar.openTime(),
                bar.close(),
                poolPrice().setScale(2, RoundingMode.HALF_EVEN),
                slot0().component2());
        return !awaitStop(step);
    }

    void awaitStop(String message) {
        log.info(message);
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean awaitStop(Duration timeout) {
        try {
            return stop.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    void stop() {
        stop.countDown();
    }

    @Override
    public void close() {
        stop();
        chain.close();
        log.info("sandbox stopped; anvil is down");
    }

    /** The pool orders its tokens by address; token0 is the one that sorts first. */
    private static boolean sortsFirst(String a, String b) {
        return new BigInteger(a.substring(2), 16).compareTo(new BigInteger(b.substring(2), 16)) < 0;
    }

    private static BigInteger sqrtPriceFor(BigDecimal ethPrice, boolean wethIsToken0) {
        return wethIsToken0
                ? UniswapV3Stack.sqrtPriceX96(ethPrice, 18, 6)
                : UniswapV3Stack.sqrtPriceX96(BigDecimal.ONE.divide(ethPrice, MC), 6, 18);
    }

    /** USDC per WETH from the pool's sqrtPriceX96. */
    BigDecimal poolPrice() {
        BigDecimal ratio = new BigDecimal(slot0().component1()).divide(Q96, MC).pow(2, MC);
        BigDecimal token1PerToken0 = wethIsToken0 ? ratio.movePointRight(12) : ratio.movePointLeft(12);
        return wethIsToken0 ? token1PerToken0 : BigDecimal.ONE.divide(token1PerToken0, MC);
    }

    private Tuple7<BigInteger, BigInteger, BigInteger, BigInteger, BigInteger, BigInteger, Boolean> slot0() {
        try {
            return pool.slot0().send();
        } catch (Exception e) {
            throw new IllegalStateException("reading slot0 failed: " + e.getMessage(), e);
        }
    }

    private BigInteger liquidity() {
        try {
            return pool.liquidity().send();
        } catch (Exception e) {
            throw new IllegalStateException("reading liquidity failed: " + e.getMessage(), e);
        }
    }
}
