package io.yielddelta.keeper.contracts.devchain;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.contracts.generated.TestToken;
import io.yielddelta.keeper.contracts.generated.UniswapV3Pool;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevChainExtension.class)
class DevChainIT {

    @Test
    void runsSeiChainIdWithFundedAccountsAndMulticall3AtItsCanonicalAddress(DevChain chain, UniswapV3Stack uniswap)
            throws Exception {
        assertThat(chain.web3j().ethChainId().send().getChainId()).isEqualTo(BigInteger.valueOf(1329));
        assertThat(chain.web3j()
                        .ethGetBalance(
                                chain.account(9).getAddress(), org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
                        .send()
                        .getBalance())
                .isPositive();
        assertThat(chain.code(UniswapV3Stack.MULTICALL3)).hasSizeGreaterThan(1000);
        assertThat(chain.code(uniswap.positionManager())).hasSizeGreaterThan(1000);
    }

    @Test
    void swapsThroughARealPoolMoveItsPrice(UniswapV3Stack uniswap) throws Exception {
        UniswapV3Pool pool = ethUsdcPool(uniswap);
        var lp = uniswap.chain().account(1);
        String token0 = pool.token0().send();
        String token1 = pool.token1().send();
        uniswap.fund(token0, lp, BigInteger.TEN.pow(30), uniswap.positionManager());
        uniswap.fund(token1, lp, BigInteger.TEN.pow(30), uniswap.positionManager());
        int tick = pool.slot0().send().component2().intValue();
        uniswap.mintPosition(
                lp,
                pool,
                Math.floorDiv(tick, 60) * 60 - 6000,
                Math.floorDiv(tick, 60) * 60 + 6000,
                BigInteger.TEN.pow(22),
                BigInteger.TEN.pow(13));
        assertThat(pool.liquidity().send()).isPositive();

        var trader = uniswap.chain().account(2);
        uniswap.fund(token0, trader, BigInteger.TEN.pow(30), uniswap.swapRouter());
        uniswap.swapExactInput(trader, token0, token1, 3000, BigInteger.TEN.pow(20), BigInteger.ZERO);

        assertThat(pool.slot0().send().component2().intValue()).isLessThan(tick);
    }

    @Test
    void everyTestStartsFromTheDeployedState(DevChain chain, UniswapV3Stack uniswap) throws Exception {
        long startBlock = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        String snapshot = chain.snapshot();
        uniswap.deployToken("Scratch", "SCR", 18);
        assertThat(chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact())
                .isEqualTo(startBlock + 1);
        chain.revert(snapshot);
        assertThat(chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact())
                .isEqualTo(startBlock);
    }

    @Test
    void stopsAnvilOnClose() {
        DevChain own = DevChain.start();
        long nodes = ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().command().orElse("").endsWith("anvil"))
                .count();
        own.close();
        long after = ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().command().orElse("").endsWith("anvil"))
                .count();
        assertThat(after).isEqualTo(nodes - 1);
    }

    @Test
    void sqrtPriceX96OfAHumanPriceHonoursDecimals() {
        // 1 WETH (18 decimals) = 2,500 USDC (6 decimals): raw price 2500e-12, sqrt = 5e-5 → 5e-5 · 2^96.
        BigInteger expected =
                BigInteger.TWO.pow(96).multiply(BigInteger.valueOf(5)).divide(BigInteger.valueOf(100_000));
        assertThat(UniswapV3Stack.sqrtPriceX96(new BigDecimal("2500"), 18, 6)).isEqualTo(expected);
    }

    static UniswapV3Pool ethUsdcPool(UniswapV3Stack uniswap) throws Exception {
        TestToken weth = uniswap.deployToken("Wrapped Ether", "WETH", 18);
        TestToken usdc = uniswap.deployToken("USD Coin", "USDC", 6);
        boolean wethIsToken0 = new BigInteger(weth.getContractAddress().substring(2), 16)
                        .compareTo(new BigInteger(usdc.getContractAddress().substring(2), 16))
                < 0;
        BigDecimal price = new BigDecimal("2500");
        BigInteger sqrt = wethIsToken0
                ? UniswapV3Stack.sqrtPriceX96(price, 18, 6)
                : UniswapV3Stack.sqrtPriceX96(BigDecimal.ONE.divide(price), 6, 18);
        return uniswap.createPool(weth.getContractAddress(), usdc.getContractAddress(), 3000, sqrt);
    }
}
