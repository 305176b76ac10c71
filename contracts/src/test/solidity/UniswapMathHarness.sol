// SPDX-License-Identifier: GPL-2.0-or-later
pragma solidity =0.7.6;

import "@uniswap/v3-core/contracts/libraries/TickMath.sol";
import "@uniswap/v3-core/contracts/libraries/SqrtPriceMath.sol";
import "@uniswap/v3-core/contracts/libraries/SwapMath.sol";
import "@uniswap/v3-periphery/contracts/libraries/LiquidityAmounts.sol";

/// Exposes the Uniswap V3 math libraries, compiled from their npm sources, so the Java port can be compared with
/// them call for call (differential tests).
contract UniswapMathHarness {
    function getSqrtRatioAtTick(int24 tick) external pure returns (uint160) {
        return TickMath.getSqrtRatioAtTick(tick);
    }

    function getTickAtSqrtRatio(uint160 sqrtPriceX96) external pure returns (int24) {
        return TickMath.getTickAtSqrtRatio(sqrtPriceX96);
    }

    function getAmount0Delta(uint160 sqrtA, uint160 sqrtB, uint128 liquidity, bool roundUp) external pure returns (uint256) {
        return SqrtPriceMath.getAmount0Delta(sqrtA, sqrtB, liquidity, roundUp);
    }

    function getAmount1Delta(uint160 sqrtA, uint160 sqrtB, uint128 liquidity, bool roundUp) external pure returns (uint256) {
        return SqrtPriceMath.getAmount1Delta(sqrtA, sqrtB, liquidity, roundUp);
    }

    function getNextSqrtPriceFromInput(uint160 sqrtP, uint128 liquidity, uint256 amountIn, bool zeroForOne)
        external pure returns (uint160)
    {
        return SqrtPriceMath.getNextSqrtPriceFromInput(sqrtP, liquidity, amountIn, zeroForOne);
    }

    function getNextSqrtPriceFromOutput(uint160 sqrtP, uint128 liquidity, uint256 amountOut, bool zeroForOne)
        external pure returns (uint160)
    {
        return SqrtPriceMath.getNextSqrtPriceFromOutput(sqrtP, liquidity, amountOut, zeroForOne);
    }

    function computeSwapStep(uint160 sqrtCurrent, uint160 sqrtTarget, uint128 liquidity, int256 amountRemaining, uint24 feePips)
        external pure returns (uint160 sqrtNext, uint256 amountIn, uint256 amountOut, uint256 feeAmount)
    {
        return SwapMath.computeSwapStep(sqrtCurrent, sqrtTarget, liquidity, amountRemaining, feePips);
    }

    function getLiquidityForAmounts(uint160 sqrtPrice, uint160 sqrtA, uint160 sqrtB, uint256 amount0, uint256 amount1)
        external pure returns (uint128)
    {
        return LiquidityAmounts.getLiquidityForAmounts(sqrtPrice, sqrtA, sqrtB, amount0, amount1);
    }

    function getAmountsForLiquidity(uint160 sqrtPrice, uint160 sqrtA, uint160 sqrtB, uint128 liquidity)
        external pure returns (uint256 amount0, uint256 amount1)
    {
        return LiquidityAmounts.getAmountsForLiquidity(sqrtPrice, sqrtA, sqrtB, liquidity);
    }
}
