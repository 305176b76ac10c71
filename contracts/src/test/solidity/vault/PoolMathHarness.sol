// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "vault/PoolMath.sol";

/// Exposes the vault's 0.8 pool math so tests can compare it call for call with Uniswap's own (UniswapMathHarness).
contract PoolMathHarness {
    function sqrtPriceAtTickOf(int24 tick) external pure returns (uint160) {
        return sqrtPriceAtTick(tick);
    }

    function amountsForLiquidityOf(uint160 sqrtPrice, uint160 sqrtLower, uint160 sqrtUpper, uint128 liquidity, bool roundUp)
        external
        pure
        returns (uint256, uint256)
    {
        return amountsForLiquidity(sqrtPrice, sqrtLower, sqrtUpper, liquidity, roundUp);
    }

    function liquidityForAmountsOf(uint160 sqrtPrice, uint160 sqrtLower, uint160 sqrtUpper, uint256 amount0, uint256 amount1)
        external
        pure
        returns (uint128)
    {
        return liquidityForAmounts(sqrtPrice, sqrtLower, sqrtUpper, amount0, amount1);
    }
}
